import { createContext, use, useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, UNAUTHENTICATED_EVENT, type Me } from './api/client';
import { adoptUserLocale } from './i18n';

interface Session {
  /** Undefined while loading, null when signed out. */
  me: Me | null | undefined;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Who is signed in, from GET /api/me; permissions come from the server, never re-derived here. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    const { data } = await api.GET('/api/me');
    if (data) adoptUserLocale(data.locale);
    setMe(data ?? null);
  }, []);

  const signOut = useCallback(async () => {
    await api.POST('/api/auth/logout');
    setMe(null);
  }, []);

  useEffect(() => {
    void api.GET('/api/me').then(({ data }) => {
      if (data) adoptUserLocale(data.locale);
      setMe(data ?? null);
    });
    const onUnauthenticated = () => setMe(null);
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
  }, [refresh]);

  return <SessionContext value={{ me, refresh, signOut }}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in caller; only used inside pages rendered for a signed-in user. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
