import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, problemOf, unwrap, type Problem, type RecordView } from '../api/client';
import { InboxList, markNotificationRead, type Notification } from '../components/InboxList';
import { ProblemAlert } from '../components/ProblemAlert';
import { RecentActivity } from '../components/RecentActivity';
import { RecordsTable } from '../components/RecordsTable';
import { ReviewTasks } from '../components/ReviewTasks';
import { useMe } from '../session';
import { useDocumentTitle } from '../useDocumentTitle';

/** How many notifications the home page shows; the inbox page has them all. */
const INBOX_PREVIEW = 5;

/** Unread first, each group newest first (the server's order). */
const unreadFirst = (items: Notification[]) => [...items.filter((n) => !n.readAt), ...items.filter((n) => n.readAt)];

/** Welcome, the inbox, the records due for review, the organisation's latest records and activity. */
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
        <div>
          <ReviewTasks />
          <section aria-labelledby="recent-heading">
            <h2 id="recent-heading">{t('home.recent')}</h2>
            <ProblemAlert problem={problem} />
            {recent === null && !problem ? <p role="status">{t('app.loading')}</p> : null}
            {recent?.length === 0 ? <p>{t('home.noRecent')}</p> : null}
            {recent && recent.length > 0 ? <RecordsTable items={recent} caption={t('home.recent')} showOwner={false} /> : null}
            <p><Link to="/records">{t('home.allRecords')}</Link></p>
          </section>
        </div>
        <div>
          <InboxPanel />
          <RecentActivity />
        </div>
      </div>
    </>
  );
}

/** The latest notifications, unread first, with a way to mark them read and to the whole inbox. */
function InboxPanel() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Notification[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let live = true;
    unwrap(api.GET('/api/inbox', { params: { query: { limit: 20 } } }))
      .then((page) => live && setItems(unreadFirst(page.items).slice(0, INBOX_PREVIEW)))
      .catch((error: unknown) => live && setProblem(problemOf(error)));
    return () => {
      live = false;
    };
  }, []);

  async function read(id: string) {
    try {
      const item = await markNotificationRead(id);
      setItems((current) => current?.map((n) => (n.id === id ? item : n)) ?? null);
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  return (
    <section aria-labelledby="inbox-heading" className="panel" data-testid="inbox-panel">
      <h2 id="inbox-heading">{t('home.inbox')}</h2>
      <ProblemAlert problem={problem} />
      {items === null && !problem ? <p role="status">{t('app.loading')}</p> : null}
      {items?.length === 0 ? <p>{t('inbox.empty')}</p> : null}
      {items && items.length > 0 ? <InboxList items={items} onRead={(id) => void read(id)} /> : null}
      <p><Link to="/inbox">{t('inbox.seeAll')}</Link></p>
    </section>
  );
}
