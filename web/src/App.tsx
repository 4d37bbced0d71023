import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Layout } from './components/Layout';
import { ReferenceProvider } from './model';
import { Audit } from './pages/Audit';
import { Home } from './pages/Home';
import { Import } from './pages/Import';
import { Inbox } from './pages/Inbox';
import { RecordForm } from './pages/RecordForm';
import { RecordPage } from './pages/RecordPage';
import { RecordsSearch } from './pages/RecordsSearch';
import { SignIn } from './pages/SignIn';
import { SessionProvider, useSession } from './session';

// Pages few people use are loaded when first opened, keeping the first download small.
const ApiKeys = lazy(() => import('./pages/admin/ApiKeys').then((m) => ({ default: m.ApiKeys })));
const Export = lazy(() => import('./pages/Export').then((m) => ({ default: m.Export })));
const Organisations = lazy(() => import('./pages/admin/Organisations').then((m) => ({ default: m.Organisations })));
const Users = lazy(() => import('./pages/admin/Users').then((m) => ({ default: m.Users })));
const Screening = lazy(() => import('./pages/screening/Screening').then((m) => ({ default: m.Screening })));
const ScreeningBatch = lazy(() => import('./pages/screening/Batch').then((m) => ({ default: m.Batch })));
const ScreeningHits = lazy(() => import('./pages/screening/Hits').then((m) => ({ default: m.Hits })));

function Loading({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<p role="status">{t('app.loading')}</p>}>{children}</Suspense>;
}

function Routed() {
  const { t } = useTranslation();
  const { me } = useSession();
  if (me === undefined) return <p role="status" className="boot">{t('app.loading')}</p>;
  if (me === null) return <SignIn />;
  return (
    <ReferenceProvider>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Home />} />
          <Route path="records" element={<RecordsSearch />} />
          <Route path="records/new" element={<RecordForm />} />
          <Route path="records/:id" element={<RecordPage />} />
          <Route path="records/:id/edit" element={<RecordForm key="edit" />} />
          <Route path="import" element={<Import />} />
          <Route path="screening" element={<Loading><Screening /></Loading>} />
          <Route path="screening/batch" element={<Loading><ScreeningBatch /></Loading>} />
          <Route path="screening/hits" element={<Loading><ScreeningHits /></Loading>} />
          <Route path="audit" element={<Audit />} />
          <Route path="inbox" element={<Inbox />} />
          <Route path="export" element={<Loading><Export /></Loading>} />
          <Route path="organisations" element={<Loading><Organisations /></Loading>} />
          <Route path="admin/users" element={<Loading><Users /></Loading>} />
          <Route path="admin/api-keys" element={<Loading><ApiKeys /></Loading>} />
          <Route path="*" element={<h1>{t('app.notFound')}</h1>} />
        </Route>
      </Routes>
    </ReferenceProvider>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routed />
      </SessionProvider>
    </BrowserRouter>
  );
}
