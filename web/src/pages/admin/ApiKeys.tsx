import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, problemOf, unwrap, type Me, type Problem } from '../../api/client';
import type { paths } from '../../api/schema';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useFormat } from '../../i18n/format';
import { useMe } from '../../session';
import { useDocumentTitle } from '../../useDocumentTitle';
import { ConfirmDialog, NotPermitted } from './ConfirmDialog';
import { OneTimeSecret } from './OneTimeSecret';

type ApiKey = paths['/api/api-keys']['get']['responses'][200]['content']['application/json']['items'][number];
type CreatedKey = paths['/api/api-keys']['post']['responses'][201]['content']['application/json'];
type Scope = Me['permissions'][number];

/** Administration stays with signed-in people: the server refuses these scopes on a key. */
const NOT_FOR_KEYS: readonly Scope[] = ['users:manage', 'orgs:manage', 'apikeys:manage'];

/** The end of the chosen day, in the reader's time zone, as the instant the server expects. */
export const endOfDay = (isoDate: string): string => new Date(`${isoDate}T23:59:59`).toISOString();

/** The organisation's API keys for machine clients: list, create (secret shown once), revoke. */
export function ApiKeys() {
  const me = useMe();
  if (!me.permissions.includes('apikeys:manage')) return <NotPermitted />;
  return <ApiKeyAdministration />;
}

function ApiKeyAdministration() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.apiKeys.title'));
  const me = useMe();
  const format = useFormat();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [revoked, setRevoked] = useState<ApiKey | null>(null);

  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);

  useEffect(() => {
    let live = true;
    unwrap(api.GET('/api/api-keys'))
      .then((r) => { if (live) { setKeys(r.items); setProblem(null); } })
      .catch((error: unknown) => { if (live) setProblem(problemOf(error)); });
    return () => {
      live = false;
    };
  }, [version]);

  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    try {
      setRevoked(await unwrap(api.DELETE('/api/api-keys/{id}', { params: { path: { id: revoking.id } } })));
      setProblem(null);
      reload();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  }

  const when = (iso: string | null, none: string) => (iso ? <time dateTime={iso}>{format.dateTime(iso)}</time> : none);
  return (
    <>
      <h1>{t('admin.apiKeys.title')}</h1>
      <p>{t('admin.apiKeys.intro', { org: me.organisation.name })}</p>
      <CreateApiKey onCreated={() => { setRevoked(null); reload(); }} />
      <h2>{t('admin.apiKeys.list')}</h2>
      {revoked ? <div role="status" className="alert alert-success"><p>{t('admin.apiKeys.revokedMessage', { name: revoked.name })}</p></div> : null}
      <ProblemAlert problem={problem} />
      {keys === null && !problem ? <p role="status">{t('app.loading')}</p> : null}
      {keys ? <p className="result-count">{t('admin.apiKeys.count', { count: keys.length, formattedCount: format.number(keys.length) })}</p> : null}
      {keys && keys.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="api-keys-table">
            <caption className="visually-hidden">{t('admin.apiKeys.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.apiKeys.name')}</th>
                <th scope="col">{t('admin.apiKeys.scopes')}</th>
                <th scope="col">{t('admin.apiKeys.createdAt')}</th>
                <th scope="col">{t('admin.apiKeys.expiresAt')}</th>
                <th scope="col">{t('admin.apiKeys.lastUsedAt')}</th>
                <th scope="col">{t('admin.apiKeys.statusCol')}</th>
                <th scope="col">{t('admin.apiKeys.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id} data-key-id={key.id}>
                  <th scope="row" dir="auto">{key.name}</th>
                  <td><ul className="plain-list">{key.scopes.map((s) => <li key={s}>{t(`admin.scope.${s.replace(':', '-')}`, { defaultValue: s })}</li>)}</ul></td>
                  <td className="nowrap">{when(key.createdAt, t('common.unknown'))}</td>
                  <td className="nowrap">{when(key.expiresAt, t('admin.apiKeys.never'))}</td>
                  <td className="nowrap">{when(key.lastUsedAt, t('admin.apiKeys.neverUsed'))}</td>
                  <td>
                    <span className={key.status === 'active' ? 'badge' : 'badge badge-warning'}>{t(`admin.apiKeys.state.${key.status}`)}</span>
                    {key.revokedAt ? <span className="hint"> {format.dateTime(key.revokedAt)}</span> : null}
                  </td>
                  <td>
                    {key.status === 'revoked' ? null : (
                      <button type="button" className="button-secondary button-small" onClick={() => { setRevoked(null); setRevoking(key); }}>{t('admin.apiKeys.revoke')}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {revoking ? (
        <ConfirmDialog title={t('admin.apiKeys.confirmTitle', { name: revoking.name })} confirmLabel={t('admin.apiKeys.revoke')} danger busy={busy}
          onConfirm={() => void revoke()} onCancel={() => setRevoking(null)}>
          <p>{t('admin.apiKeys.confirmBody')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function CreateApiKey({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const grantable = me.permissions.filter((p) => !NOT_FOR_KEYS.includes(p));
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const today = new Date().toISOString().slice(0, 10);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setCreated(null);
    try {
      const body = { name, scopes, ...(expires ? { expiresAt: endOfDay(expires) } : {}) };
      setCreated(await unwrap(api.POST('/api/api-keys', { body })));
      setProblem(null);
      setName('');
      setScopes([]);
      setExpires('');
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
        <legend>{t('admin.apiKeys.create')}</legend>
        <div className="field-row">
          <Field label={t('admin.apiKeys.name')} error={errors.name} hint={t('admin.apiKeys.nameHint')} required>
            {(p) => <input {...p} name="name" dir="auto" autoComplete="off" required value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t('admin.apiKeys.expiresAt')} error={errors.expiresAt} hint={t('admin.apiKeys.expiresHint')}>
            {(p) => <input {...p} name="expiresAt" type="date" min={today} value={expires} onChange={(e) => setExpires(e.target.value)} />}
          </Field>
        </div>
        <fieldset className="scope-picker" aria-describedby={errors.scopes ? 'scopes-error' : undefined}>
          <legend>{t('admin.apiKeys.scopes')}</legend>
          <p className="hint">{t('admin.apiKeys.scopesHint')}</p>
          <div className="org-options">
            {grantable.map((scope) => (
              <label key={scope} className="checkbox">
                <input type="checkbox" name="scopes" value={scope} checked={scopes.includes(scope)}
                  onChange={(e) => setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))} />
                {t(`admin.scope.${scope.replace(':', '-')}`)}
              </label>
            ))}
          </div>
          {errors.scopes ? <p id="scopes-error" className="field-error" data-field-error>{errors.scopes}</p> : null}
        </fieldset>
        {unmatched ? <ProblemAlert problem={problem} /> : null}
        <button type="submit" disabled={busy}>{t('admin.apiKeys.createSubmit')}</button>
      </fieldset>
      {created ? (
        <div data-testid="key-created">
          <div role="status" className="alert alert-success"><p>{t('admin.apiKeys.createdMessage', { name: created.name })}</p></div>
          <OneTimeSecret label={t('admin.apiKeys.secret')} value={created.key} warning={t('admin.apiKeys.secretOnce')} />
        </div>
      ) : null}
    </form>
  );
}
