import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, problemOf, unwrap, type Problem, type RecordView } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { RecordsTable } from '../components/RecordsTable';
import { useMe } from '../session';
import { useDocumentTitle } from '../useDocumentTitle';

/** Welcome, the organisation's latest records, and the (future) inbox. */
export function Home() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(t('nav.home'));
  const [recent, setRecent] = useState<RecordView[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const orgId = me.organisation.id;

  useEffect(() => {
    let live = true;
    unwrap(api.GET('/api/records', { params: { query: { ownerOrg: orgId, limit: 10 } } }))
      .then((result) => live && setRecent(result.items))
      .catch((error: unknown) => live && setProblem(problemOf(error)));
    return () => {
      live = false;
    };
  }, [orgId]);

  return (
    <>
      <h1>{t('home.title', { name: me.user?.displayName ?? me.organisation.name })}</h1>
      <p>{t('home.organisation', { org: me.organisation.name })}</p>
      <div className="home-grid">
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">{t('home.recent')}</h2>
          <ProblemAlert problem={problem} />
          {recent === null && !problem ? <p role="status">{t('app.loading')}</p> : null}
          {recent?.length === 0 ? <p>{t('home.noRecent')}</p> : null}
          {recent && recent.length > 0 ? <RecordsTable items={recent} caption={t('home.recent')} showOwner={false} /> : null}
          <p><Link to="/records">{t('home.allRecords')}</Link></p>
        </section>
        <section aria-labelledby="inbox-heading" className="panel">
          <h2 id="inbox-heading">{t('home.inbox')}</h2>
          <p>{t('home.inboxEmpty')}</p>
        </section>
      </div>
    </>
  );
}
