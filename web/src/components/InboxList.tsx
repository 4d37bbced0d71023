import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';
import { useFormat } from '../i18n/format';
import { announceUnread } from '../useUnreadCount';

export type InboxPage = paths['/api/inbox']['get']['responses'][200]['content']['application/json'];
export type Notification = InboxPage['items'][number];

/** Where a notification's reference opens in the app; null for kinds of thing without a page yet. */
function linkOf(ref: Notification['ref']): string | null {
  if (ref?.type === 'record') return `/records/${encodeURIComponent(ref.id)}`;
  return null;
}

/** Marks a notification read on the server; returns it as it is now, and updates the header badge. */
export async function markNotificationRead(id: string): Promise<Notification> {
  const result = await unwrap(api.POST('/api/inbox/{id}/read', { params: { path: { id } } }));
  announceUnread(result.unread);
  return result.item;
}

/** Notifications, unread ones in bold with a "mark read" button, each linking to what it is about. */
export function InboxList({ items, onRead }: { items: Notification[]; onRead: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="inbox-list" data-testid="inbox-list">
      {items.map((n) => {
        const unread = n.readAt === null;
        const link = linkOf(n.ref);
        const title = unread ? <strong>{n.title}</strong> : n.title;
        return (
          <li key={n.id} data-unread={unread} data-testid="notification">
            <p className="notification-title">
              {unread ? <span className="visually-hidden">{t('inbox.unreadMarker')} </span> : null}
              {link ? <Link to={link}>{title}</Link> : title}
              {n.priority === 'high' || n.priority === 'urgent' ? <span className="badge badge-warning">{t(`inbox.priority.${n.priority}`)}</span> : null}
            </p>
            {n.body ? <p className="hint">{n.body}</p> : null}
            <p className="meta">
              {t(`inbox.kind.${n.kind.replace(/\./g, '_')}`, { defaultValue: n.kind })}
              {' · '}
              <time dateTime={n.createdAt}>{format.dateTime(n.createdAt)}</time>
              {n.personal ? ` · ${t('inbox.personal')}` : ''}
            </p>
            {unread ? (
              <button type="button" className="button-secondary button-small" onClick={() => onRead(n.id)} aria-label={t('inbox.markReadOf', { title: n.title })}>
                {t('inbox.markRead')}
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
