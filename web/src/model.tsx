import { createContext, use, useEffect, useState, type ReactNode } from 'react';
import { api, type Model, type Organisation, unwrap } from './api/client';

interface Reference {
  model: Model | null;
  orgs: Organisation[];
}

const ReferenceContext = createContext<Reference>({ model: null, orgs: [] });

/** The data model (GET /api/model) and the organisation directory (GET /api/orgs), loaded once per session. */
export function ReferenceProvider({ children }: { children: ReactNode }) {
  const [reference, setReference] = useState<Reference>({ model: null, orgs: [] });
  useEffect(() => {
    let live = true;
    void Promise.all([unwrap(api.GET('/api/model')), unwrap(api.GET('/api/orgs', { params: { query: {} } }))]).then(([model, orgs]) => {
      if (live) setReference({ model, orgs: orgs.items });
    });
    return () => {
      live = false;
    };
  }, []);
  return <ReferenceContext value={reference}>{children}</ReferenceContext>;
}

export const useReference = () => use(ReferenceContext);

/** The organisation's name, or its id when the directory does not list it. */
export function orgName(orgs: Organisation[], id: string): string {
  return orgs.find((o) => o.id === id)?.name ?? id;
}
