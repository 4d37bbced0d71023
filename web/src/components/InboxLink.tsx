import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { useUnreadCount } from '../useUnreadCount';

/** The header's way to the inbox, with the unread count as a badge its accessible name spells out. */
export function InboxLink() {
  const { t } = useTranslation();
  const format = useFormat();
  const unread = useUnreadCount();
  const shown = unread === null ? null : unread >= 100 ? '99+' : format.number(unread);
  const label = unread === null ? t('inbox.title') : t('inbox.linkLabel', { count: unread, formattedCount: shown });
  return (
    // The name is spoken from hidden text, not aria-label, so that it contains the visible words
    // (WCAG 2.5.3 'label in name': voice users say what they see).
    <NavLink to="/inbox" className="inbox-link" data-testid="inbox-link">
      <span aria-hidden="true">{t('inbox.title')}</span>
      {unread ? <span className="badge" data-testid="unread-badge" aria-hidden="true">{shown}</span> : null}
      <span className="visually-hidden">{label}</span>
    </NavLink>
  );
}
