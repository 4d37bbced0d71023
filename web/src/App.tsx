import { BrowserRouter, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Layout } from './components/Layout';
import { ReferenceProvider } from './model';
import { Audit } from './pages/Audit';
import { Home } from './pages/Home';
import { Import } from './pages/Import';
import { RecordForm } from './pages/RecordForm';
import { RecordPage } from './pages/RecordPage';
import { RecordsSearch } from './pages/RecordsSearch';
import { SignIn } from './pages/SignIn';
import { SessionProvider, useSession } from './session';

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
          <Route path="audit" element={<Audit />} />
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
