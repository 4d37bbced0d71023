import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, problemOf, unwrap, type Problem } from '../api/client';
import { InboxList, markNotificationRead, type Notification } from '../components/InboxList';
import { ProblemAlert } from '../components/ProblemAlert';
import { useFormat } from '../i18n/format';
import { useDocumentTitle } from '../useDocumentTitle';
import { announceUnread } from '../useUnreadCount';

const PAGE_SIZE = 20;

/** Every notification of the signed-in person, newest first, older ones a page at a time. */
export function Inbox() {
  const { t } = useTranslation();
  const format = useFormat();
  useDocumentTitle(t('inbox.title'));
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let live = true;
    unwrap(api.GET('/api/inbox', { params: { query: { limit: PAGE_SIZE, unreadOnly: String(unreadOnly) } } }))
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setUnread(page.unread);
        setNextBefore(page.nextBefore);
        setProblem(null);
        announceUnread(page.unread);
      })
      .catch((error: unknown) => live && setProblem(problemOf(error)));
    return () => {
      live = false;
    };
  }, [unreadOnly]);

  async function loadOlder() {
    if (!nextBefore) return;
    setLoading(true);
    try {
      const page = await unwrap(api.GET('/api/inbox', { params: { query: { limit: PAGE_SIZE, unreadOnly: String(unreadOnly), before: nextBefore } } }));
      setItems((current) => [...(current ?? []), ...page.items]);
      setNextBefore(page.nextBefore);
      setUnread(page.unread);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setLoading(false);
    }
  }

  async function read(id: string) {
    try {
      const item = await markNotificationRead(id);
      setItems((current) => current?.map((n) => (n.id === id ? item : n)) ?? null);
      setUnread((n) => Math.max(0, n - 1));
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  async function readAll() {
    try {
      const result = await unwrap(api.POST('/api/inbox/read-all'));
      const now = new Date().toISOString();
      setItems((current) => current?.map((n) => (n.readAt ? n : { ...n, readAt: now })) ?? null);
      setUnread(result.unread);
      announceUnread(result.unread);
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  return (
    <>
      <div className="page-title">
        <h1>{t('inbox.title')}</h1>
        <button type="button" className="button-secondary" onClick={() => void readAll()} disabled={unread === 0}>{t('inbox.markAllRead')}</button>
      </div>
      <p role="status" data-testid="inbox-unread">{t('inbox.unreadCount', { count: unread, formattedCount: unread >= 100 ? '99+' : format.number(unread) })}</p>
      <label className="checkbox">
        <input type="checkbox" checked={unreadOnly} onChange={(e) => {
          setItems(null);
          setUnreadOnly(e.target.checked);
        }} />
        {t('inbox.unreadOnly')}
      </label>
      <ProblemAlert problem={problem} />
      {items === null && !problem ? <p role="status">{t('app.loading')}</p> : null}
      {items?.length === 0 ? <p>{t(unreadOnly ? 'inbox.noUnread' : 'inbox.empty')}</p> : null}
      {items && items.length > 0 ? <InboxList items={items} onRead={(id) => void read(id)} /> : null}
      {nextBefore ? (
        <button type="button" className="button-secondary" onClick={() => void loadOlder()} disabled={loading}>
          {loading ? t('app.loading') : t('inbox.older')}
        </button>
      ) : null}
    </>
  );
}
