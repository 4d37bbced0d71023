import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, problemOf, unwrap, type Problem, type SearchResult } from '../api/client';
import type { paths } from '../api/schema';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { RecordsTable } from '../components/RecordsTable';
import { useFormat } from '../i18n/format';
import { useReference } from '../model';
import { useMe } from '../session';
import { useDocumentTitle } from '../useDocumentTitle';
import { useDebounced } from '../useDebounced';

const PAGE_SIZE = 25;
type Filter = 'schema' | 'crimeArea' | 'country' | 'ownerOrg' | 'status' | 'fuzzy';
type SearchQuery = NonNullable<paths['/api/records']['get']['parameters']['query']>;

/** Search as you type, with filters; the URL holds the search so it can be shared and reloaded. */
export function RecordsSearch() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  useDocumentTitle(t('records.title'));
  const { model, orgs } = useReference();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [country, setCountry] = useState(params.get('country') ?? '');
  // The URL changes in a transition, which may commit later than the click: the box shows the
  // reader's choice at once and follows the URL when it changes otherwise (Clear, history).
  const fuzzyInUrl = params.get('fuzzy') === '1';
  const [fuzzy, setFuzzy] = useState(fuzzyInUrl);
  useEffect(() => setFuzzy(fuzzyInUrl), [fuzzyInUrl]);
  const q = useDebounced(text.trim(), 250);
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(false);

  const update = (changes: Partial<Record<Filter | 'q' | 'page', string>>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      if (!('page' in changes)) next.delete('page');
      return next;
    }, { replace: true });

  // The debounced query goes into the URL; the URL drives the search.
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) update({ q });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the debounced text changes
  }, [q]);

  const key = params.toString();
  useEffect(() => {
    let live = true;
    const query: SearchQuery = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
    const qp = new URLSearchParams(key);
    const value = (name: string) => qp.get(name) || undefined;
    Object.assign(query, {
      q: value('q'), schema: value('schema'), crimeArea: value('crimeArea'), country: value('country')?.toLowerCase(),
      ownerOrg: value('ownerOrg'), status: value('status'), fuzzy: value('fuzzy') === '1' ? 'true' : undefined,
    });
    setLoading(true);
    unwrap(api.GET('/api/records', { params: { query } }))
      .then((r) => { if (live) { setResult(r); setProblem(null); } })
      .catch((error: unknown) => { if (live) setProblem(problemOf(error)); })
      .finally(() => { if (live) setLoading(false); });
    return () => {
      live = false;
    };
  }, [key, page]);

  const pages = result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1;
  const select = (name: Filter, label: string, options: { value: string; label: string }[], empty = t('common.all')) => (
    <Field label={label}>
      {(p) => (
        <select {...p} name={name} value={params.get(name) ?? ''} onChange={(e) => update({ [name]: e.target.value })}>
          <option value="">{empty}</option>
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </Field>
  );

  return (
    <>
      <div className="page-title">
        <h1>{t('records.title')}</h1>
        {me.permissions.includes('records:write') ? <Link className="button" to="/records/new">{t('records.new')}</Link> : null}
      </div>
      <search>
        <form className="search-form" role="search" onSubmit={(e) => e.preventDefault()}>
          <Field label={t('records.query')}>
            {(p) => <input {...p} type="search" name="q" dir="auto" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />}
          </Field>
          <div className="checkbox-field">
            <input id="search-fuzzy" type="checkbox" name="fuzzy" checked={fuzzy} aria-describedby="search-fuzzy-hint"
              onChange={(e) => { setFuzzy(e.target.checked); update({ fuzzy: e.target.checked ? '1' : '' }); }} />
            <label htmlFor="search-fuzzy">{t('records.fuzzy')}</label>
            <span id="search-fuzzy-hint" className="hint">{t('records.fuzzyHint')}</span>
          </div>
          <fieldset className="filters">
            <legend>{t('records.filters')}</legend>
            {select('schema', t('records.type'), (model?.schemata ?? []).map((s) => ({ value: s.name, label: s.label })).sort((a, b) => a.label.localeCompare(b.label)))}
            {select('crimeArea', t('records.crimeArea'), (model?.crimeAreas ?? []).map((c) => ({ value: c, label: t(`crimeArea.${c}`) })))}
            <Field label={t('records.country')}>
              {(p) => (
                <input {...p} name="country" maxLength={2} size={3} dir="ltr" value={country}
                  onChange={(e) => {
                    const value = e.target.value.toLowerCase();
                    setCountry(value);
                    if (value.length !== 1) update({ country: value });
                  }} />
              )}
            </Field>
            {select('ownerOrg', t('records.owner'), orgs.map((o) => ({ value: o.id, label: o.name })))}
            {select('status', t('records.status'), [{ value: 'cancelled', label: t('status.cancelled') }, { value: 'any', label: t('status.any') }], t('status.active'))}
            <button type="button" className="button-secondary" onClick={() => { setText(''); setCountry(''); setParams(new URLSearchParams(), { replace: true }); }}>{t('records.clear')}</button>
          </fieldset>
        </form>
      </search>
      <section aria-labelledby="results-heading" aria-busy={loading}>
        <h2 id="results-heading" className="visually-hidden">{t('records.results')}</h2>
        <ProblemAlert problem={problem} />
        <p role="status" className="result-count" data-testid="result-count">
          {loading && !result ? t('records.searching') : result ? (result.totalIsExact ? t('records.total', { count: result.total, formattedCount: format.number(result.total) }) : t('records.totalAtLeast', { formattedCount: format.number(result.total) })) : null}
        </p>
        {result && result.items.length === 0 ? (
          <p>
            {t('records.none')}{' '}
            {q && !fuzzy ? <button type="button" className="button-secondary" onClick={() => { setFuzzy(true); update({ fuzzy: '1' }); }}>{t('records.tryFuzzy')}</button> : null}
          </p>
        ) : null}
        {result && result.items.length > 0 ? <RecordsTable items={result.items} caption={t('records.results')} /> : null}
        {result && pages > 1 ? (
          <nav aria-label={t('records.pagination')} className="pagination">
            <button type="button" className="button-secondary" disabled={page <= 1} onClick={() => update({ page: String(page - 1) })}>{t('records.previous')}</button>
            <span>{t('records.page', { page: format.number(page), pages: format.number(pages) })}</span>
            <button type="button" className="button-secondary" disabled={page >= pages} onClick={() => update({ page: String(page + 1) })}>{t('records.next')}</button>
          </nav>
        ) : null}
      </section>
    </>
  );
}
