import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { api, problemOf, unwrap, type AuditEntry, type Problem, type Verification } from '../api/client';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { useFormat } from '../i18n/format';
import { orgName, useReference } from '../model';
import { useMe } from '../session';
import { useDocumentTitle } from '../useDocumentTitle';

type Filters = Record<'action' | 'actorUser' | 'actorOrg' | 'targetId' | 'from' | 'to', string>;
const NO_FILTERS: Filters = { action: '', actorUser: '', actorOrg: '', targetId: '', from: '', to: '' };
const PAGE_SIZE = 100;

/** The entries loaded so far for one set of filters, and where the next older page starts (null: none). */
interface Loaded { filters: Filters; items: AuditEntry[]; nextBeforeSeq: number | null }

/** One page of entries matching the filters, older than `beforeSeq` when given. */
async function fetchPage(filters: Filters, beforeSeq?: number): Promise<{ items: AuditEntry[]; nextBeforeSeq: number | null }> {
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
  return unwrap(api.GET('/api/audit', { params: { query: { ...query, limit: PAGE_SIZE, ...(beforeSeq === undefined ? {} : { beforeSeq }) } } }));
}

/** The audit trail for auditors: filters, the entries page by page (newest first), and verification of the hash chain. */
export function Audit() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.permissions.includes('audit:read')) return <p role="alert">{t('audit.notPermitted')}</p>;
  return <AuditTrail />;
}

function AuditTrail() {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const format = useFormat();
  const { orgs } = useReference();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const countRef = useRef<HTMLParagraphElement>(null);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [verifying, setVerifying] = useState(false);

  useEffect(() => {
    let live = true;
    fetchPage(filters)
      .then((page) => { if (live) { setLoaded({ filters, ...page }); setProblem(null); } })
      .catch((error: unknown) => { if (live) setProblem(problemOf(error)); });
    return () => {
      live = false;
    };
  }, [filters]);

  // The entries shown are those of the applied filters only: never a previous filter's, while the new ones load.
  const items = loaded?.filters === filters ? loaded.items : null;

  /** The next older page, with the filters these entries were loaded with. */
  async function loadOlder() {
    if (!loaded?.nextBeforeSeq) return;
    setLoadingOlder(true);
    try {
      const page = await fetchPage(loaded.filters, loaded.nextBeforeSeq);
      // Rendered at once, so that the focus below lands where the count is once the new rows are in.
      flushSync(() => {
        setLoaded((l) => (l && l.filters === loaded.filters ? { filters: l.filters, items: [...l.items, ...page.items], nextBeforeSeq: page.nextBeforeSeq } : l));
        setProblem(null);
      });
      // The button goes away after the last page: the focus moves to the count, which says so.
      if (page.nextBeforeSeq === null) countRef.current?.focus();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setLoadingOlder(false);
    }
  }

  async function verify() {
    setVerifying(true);
    try {
      setVerification(await unwrap(api.GET('/api/audit/verify')));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setVerifying(false);
    }
  }

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };
  const input = (name: keyof Filters, label: string, type = 'text') => (
    <Field label={label}>
      {(p) => <input {...p} name={name} type={type} dir="ltr" value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />}
    </Field>
  );

  return (
    <>
      <div className="page-title">
        <h1>{t('audit.title')}</h1>
        <button type="button" onClick={() => void verify()} disabled={verifying}>{verifying ? t('audit.verifying') : t('audit.verify')}</button>
      </div>
      {verification ? (
        <div role="status" data-testid="verification" className={verification.ok ? 'alert alert-success' : 'alert alert-error'}>
          <p>{verification.ok ? t('audit.intact', { entries: format.number(verification.entries), head: format.number(verification.headSeq) }) : t('audit.broken', { count: verification.problems.length })}</p>
          {verification.problems.length > 0 ? <ul>{verification.problems.map((p) => <li key={`${p.seq}-${p.kind}`}>#{p.seq} {p.kind}: {p.message}</li>)}</ul> : null}
        </div>
      ) : null}
      <form className="search-form" onSubmit={apply}>
        <fieldset className="filters">
          <legend>{t('audit.filters')}</legend>
          {input('action', t('audit.action'))}
          {input('actorUser', t('audit.user'))}
          <Field label={t('audit.org')}>
            {(p) => (
              <select {...p} name="actorOrg" value={draft.actorOrg} onChange={(e) => setDraft({ ...draft, actorOrg: e.target.value })}>
                <option value="">{t('common.all')}</option>
                {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            )}
          </Field>
          {input('targetId', t('audit.target'))}
          {input('from', t('audit.from'), 'date')}
          {input('to', t('audit.to'), 'date')}
          <button type="submit">{t('audit.apply')}</button>
        </fieldset>
      </form>
      <ProblemAlert problem={problem} />
      {items === null && !problem ? <p role="status">{t('app.loading')}</p> : null}
      {items?.length === 0 ? <p>{t('audit.none')}</p> : null}
      {items && items.length > 0 ? (
        <div className="table-wrap">
          <table className="audit-table">
            <caption className="visually-hidden">{t('audit.entries')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.seq')}</th>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.user')}</th>
                <th scope="col">{t('audit.org')}</th>
                <th scope="col">{t('audit.actionCol')}</th>
                <th scope="col">{t('audit.targets')}</th>
                <th scope="col">{t('audit.purpose')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.seq}>
                  <td>{format.number(e.seq)}</td>
                  <td className="nowrap"><time dateTime={e.at}>{format.dateTime(e.at)}</time></td>
                  <td><Actor id={e.actorUser} name={e.actorName} /></td>
                  <td>{e.actorOrg ? orgName(orgs, e.actorOrg) : t('common.unknown')}</td>
                  <td className="mono">{e.action}</td>
                  <td className="mono break"><Targets ids={e.targetIds} /></td>
                  <td dir="auto">{e.purpose ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {items && loaded && items.length > 0 ? (
        <div className="audit-pager">
          <p ref={countRef} tabIndex={-1} role="status" data-testid="audit-count">
            {t('audit.shown', { count: items.length, formattedCount: format.number(items.length) })}{' '}
            {loaded.nextBeforeSeq === null ? t('audit.allShown') : t('audit.olderExist')}
          </p>
          {loaded.nextBeforeSeq !== null ? (
            <button type="button" onClick={() => void loadOlder()} disabled={loadingOlder}>
              {loadingOlder ? t('audit.loadingOlder') : t('audit.loadOlder')}
            </button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

/** Who acted, by name (the id on hover); the id itself when no name is known. */
function Actor({ id, name }: { id: string | null; name: string | null }) {
  const { t } = useTranslation();
  if (!id) return t('common.unknown');
  if (name) return <span title={id} dir="auto">{name}</span>;
  return id.length > 16 ? <abbr className="mono" title={id}>{id.slice(0, 8)}</abbr> : <span className="mono">{id}</span>;
}

/** A few target ids inline; a long list (a search's results) folded under its count. */
function Targets({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  if (ids.length === 0) return t('common.unknown');
  if (ids.length <= 2) return ids.join(', ');
  return (
    <details>
      <summary>{t('audit.targetCount', { count: ids.length })}</summary>
      {ids.join(', ')}
    </details>
  );
}
