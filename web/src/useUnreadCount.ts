import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { api } from './api/client';

/** How often the count is fetched again while the page stays open. */
const POLL_MS = 30_000;
const CHANGED_EVENT = 'passerelle:unread-changed';

/**
 * Pages that mark notifications read pass on the count the server answered, so the header
 * badge follows at once instead of at the next poll.
 */
export function announceUnread(unread: number): void {
  window.dispatchEvent(new CustomEvent<number>(CHANGED_EVENT, { detail: unread }));
}

/**
 * The caller's unread notification count (null until known), fetched on every navigation
 * and every 30 seconds. The one place that knows how the count arrives: a later version
 * replaces the polling with server-sent events without touching its users.
 */
export function useUnreadCount(): number | null {
  const [unread, setUnread] = useState<number | null>(null);
  const { pathname } = useLocation();

  useEffect(() => {
    let live = true;
    const fetchCount = () => {
      api.GET('/api/inbox/unread').then(({ data }) => {
        if (live && data) setUnread(data.unread);
      }, () => undefined);
    };
    fetchCount();
    const timer = window.setInterval(fetchCount, POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [pathname]);

  useEffect(() => {
    const onChanged = (event: Event) => setUnread((event as CustomEvent<number>).detail);
    window.addEventListener(CHANGED_EVENT, onChanged);
    return () => window.removeEventListener(CHANGED_EVENT, onChanged);
  }, []);

  return unread;
}
