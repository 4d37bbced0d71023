import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, problemOf, unwrap, type Organisation, type Problem } from '../../api/client';
import type { paths } from '../../api/schema';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useMe } from '../../session';
import { useDocumentTitle } from '../../useDocumentTitle';

type OrgCreate = NonNullable<paths['/api/orgs']['post']['requestBody']>['content']['application/json'];
type Kind = Organisation['kind'];
const KINDS: readonly Kind[] = ['ncb', 'unit', 'partner', 'hub'];
const EMPTY: OrgCreate = { id: '', name: '', kind: 'ncb', country: '', contact: '' };

/** The directory of organisations (whom to contact), open to everyone signed in; the hub's administrators add to it. */
export function Organisations() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.orgs.title'));
  const me = useMe();
  const format = useFormat();
  // The server lets only the hub's administrators add organisations or see deactivated ones.
  const manages = me.permissions.includes('orgs:manage') && me.organisation.kind === 'hub';
  const [all, setAll] = useState(false);
  const [orgs, setOrgs] = useState<Organisation[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    unwrap(api.GET('/api/orgs', { params: { query: all ? { all: 'true' } : {} } }))
      .then((r) => { if (live) { setOrgs(r.items); setProblem(null); } })
      .catch((error: unknown) => { if (live) setProblem(problemOf(error)); });
    return () => {
      live = false;
    };
  }, [all, version]);

  const sorted = [...(orgs ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <h1>{t('admin.orgs.title')}</h1>
      <p>{t('admin.orgs.intro')}</p>
      {manages ? (
        <label className="checkbox">
          <input type="checkbox" name="all" checked={all} onChange={(e) => setAll(e.target.checked)} />
          {t('admin.orgs.includeInactive')}
        </label>
      ) : null}
      <ProblemAlert problem={problem} />
      {orgs === null && !problem ? <p role="status">{t('app.loading')}</p> : null}
      {orgs ? <p className="result-count">{t('admin.orgs.count', { count: orgs.length, formattedCount: format.number(orgs.length) })}</p> : null}
      {orgs && orgs.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="orgs-table">
            <caption className="visually-hidden">{t('admin.orgs.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.orgs.name')}</th>
                <th scope="col">{t('admin.orgs.kindCol')}</th>
                <th scope="col">{t('admin.orgs.country')}</th>
                <th scope="col">{t('admin.orgs.contact')}</th>
                {manages ? <th scope="col">{t('admin.orgs.id')}</th> : null}
                {all ? <th scope="col">{t('admin.orgs.statusCol')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {sorted.map((o) => (
                <tr key={o.id}>
                  <th scope="row" dir="auto">{o.name}</th>
                  <td>{t(`admin.orgs.kinds.${o.kind}`)}</td>
                  <td>{o.country ? format.country(o.country) : t('common.unknown')}</td>
                  <td dir="auto" className="break"><Contact text={o.contact} /></td>
                  {manages ? <td className="mono">{o.id}</td> : null}
                  {all ? <td>{o.active ? t('admin.orgs.active') : t('admin.orgs.inactive')}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {manages ? <CreateOrganisation onCreated={() => setVersion((v) => v + 1)} /> : null}
    </>
  );
}

/** A contact that is an e-mail address becomes a mail link; anything else (a desk, a phone) stays text. */
function Contact({ text }: { text: string | null }) {
  const { t } = useTranslation();
  if (!text) return t('common.unknown');
  return /^[^\s@]+@[^\s@]+$/.test(text) ? <a href={`mailto:${text}`} dir="ltr">{text}</a> : text;
}

function CreateOrganisation({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<OrgCreate>(EMPTY);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<Organisation | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const set = (change: Partial<OrgCreate>) => setDraft((d) => ({ ...d, ...change }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setCreated(null);
    try {
      const body: OrgCreate = { ...draft, country: draft.country?.trim() || null, contact: draft.contact?.trim() || null };
      setCreated(await unwrap(api.POST('/api/orgs', { body })));
      setProblem(null);
      setDraft(EMPTY);
      onCreated();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  }

  const unmatched = problem && Object.keys(errors).length === 0;
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset>
        <legend>{t('admin.orgs.create')}</legend>
        <div className="field-row">
          <Field label={t('admin.orgs.name')} error={errors.name} required>
            {(p) => <input {...p} name="name" dir="auto" required value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
          </Field>
          <Field label={t('admin.orgs.id')} error={errors.id} hint={t('admin.orgs.idHint')} required>
            {(p) => <input {...p} name="id" dir="ltr" required value={draft.id} onChange={(e) => set({ id: e.target.value.toLowerCase() })} />}
          </Field>
        </div>
        <div className="field-row">
          <Field label={t('admin.orgs.kindCol')} error={errors.kind} required>
            {(p) => (
              <select {...p} name="kind" value={draft.kind} onChange={(e) => set({ kind: e.target.value as Kind })}>
                {KINDS.map((k) => <option key={k} value={k}>{t(`admin.orgs.kinds.${k}`)}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('admin.orgs.countryCode')} error={errors.country} hint={t('admin.orgs.countryHint')} required={draft.kind === 'ncb'}>
            {(p) => <input {...p} name="country" dir="ltr" maxLength={2} size={3} value={draft.country ?? ''} onChange={(e) => set({ country: e.target.value.toLowerCase() })} />}
          </Field>
        </div>
        <Field label={t('admin.orgs.contact')} error={errors.contact} hint={t('admin.orgs.contactHint')}>
          {(p) => <input {...p} name="contact" dir="auto" className="wide" value={draft.contact ?? ''} onChange={(e) => set({ contact: e.target.value })} />}
        </Field>
        {unmatched ? <ProblemAlert problem={problem} /> : null}
        <button type="submit" disabled={busy}>{t('admin.orgs.createSubmit')}</button>
      </fieldset>
      {created ? <div role="status" className="alert alert-success"><p>{t('admin.orgs.created', { name: created.name })}</p></div> : null}
    </form>
  );
}
