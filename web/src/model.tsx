import { createContext, use, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Model, type Organisation, unwrap } from './api/client';
import { LANGUAGES } from './i18n';

interface Reference {
  model: Model | null;
  orgs: Organisation[];
}

const ReferenceContext = createContext<Reference>({ model: null, orgs: [] });

/**
 * The data model (GET /api/model, labelled in the interface language and fetched again when
 * it changes) and the organisation directory (GET /api/orgs, loaded once per session).
 */
export function ReferenceProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = LANGUAGES.find((l) => l.code === i18n.language)?.code ?? 'en';
  const [model, setModel] = useState<Model | null>(null);
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  useEffect(() => {
    let live = true;
    // The model in the previous language stays on screen until this one arrives.
    void unwrap(api.GET('/api/model', { params: { query: { locale } } })).then((loaded) => {
      if (live) setModel(loaded);
    });
    return () => {
      live = false;
    };
  }, [locale]);
  useEffect(() => {
    let live = true;
    void unwrap(api.GET('/api/orgs', { params: { query: {} } })).then((loaded) => {
      if (live) setOrgs(loaded.items);
    });
    return () => {
      live = false;
    };
  }, []);
  const reference = useMemo(() => ({ model, orgs }), [model, orgs]);
  return <ReferenceContext value={reference}>{children}</ReferenceContext>;
}

export const useReference = () => use(ReferenceContext);

/** The organisation's name, or its id when the directory does not list it. */
export function orgName(orgs: Organisation[], id: string): string {
  return orgs.find((o) => o.id === id)?.name ?? id;
}
