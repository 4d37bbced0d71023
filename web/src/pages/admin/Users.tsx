import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, problemOf, unwrap, type Problem } from '../../api/client';
import type { paths } from '../../api/schema';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { LANGUAGES } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { orgName, useReference } from '../../model';
import { useMe } from '../../session';
import { useDocumentTitle } from '../../useDocumentTitle';
import { ConfirmDialog, NotPermitted } from './ConfirmDialog';
import { OneTimeSecret } from './OneTimeSecret';

type User = paths['/api/users']['get']['responses'][200]['content']['application/json']['items'][number];
type UserCreate = NonNullable<paths['/api/users']['post']['requestBody']>['content']['application/json'];
type Role = User['role'];
type Action = 'deactivate' | 'unlock' | 'reset-totp' | 'reset-password';

const ROLES: readonly Role[] = ['officer', 'analyst', 'supervisor', 'admin', 'auditor', 'partner'];
const ACTIONS: readonly Action[] = ['deactivate', 'unlock', 'reset-totp', 'reset-password'];
/** What the server answered to an action: the user, and a password to hand over when it made one. */
interface Outcome { action: Action; user: User; generatedPassword?: string | undefined }
/** A new account and, when the server chose it, its password. */
interface Created { user: User; generatedPassword?: string | undefined }

export type UserStatus = 'active' | 'locked' | 'deactivated';

/** Deactivated wins over locked: a deactivated account cannot sign in whatever its lock. */
export function userStatus(user: Pick<User, 'active' | 'lockedUntil'>, now = Date.now()): UserStatus {
  if (!user.active) return 'deactivated';
  return user.lockedUntil && Date.parse(user.lockedUntil) > now ? 'locked' : 'active';
}

/** User accounts the administrator manages: list, create, deactivate, unlock, reset. */
export function Users() {
  const me = useMe();
  if (!me.permissions.includes('users:manage')) return <NotPermitted />;
  return <UserAdministration />;
}

function UserAdministration() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.users.title'));
  const me = useMe();
  const format = useFormat();
  const { orgs } = useReference();
  const hub = me.organisation.kind === 'hub';
  const [orgFilter, setOrgFilter] = useState('');
  const [users, setUsers] = useState<User[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState<{ user: User; action: Action } | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);

  useEffect(() => {
    let live = true;
    unwrap(api.GET('/api/users', { params: { query: orgFilter ? { orgId: orgFilter } : {} } }))
      .then((r) => { if (live) { setUsers(r.items); setProblem(null); } })
      .catch((error: unknown) => { if (live) setProblem(problemOf(error)); });
    return () => {
      live = false;
    };
  }, [orgFilter, version]);

  async function confirm() {
    if (!pending) return;
    const { user, action } = pending;
    setBusy(true);
    try {
      const path = { params: { path: { id: user.id } } };
      if (action === 'reset-password') {
        const result = await unwrap(api.POST('/api/users/{id}/reset-password', { ...path, body: {} }));
        setOutcome({ action, user: result.user, generatedPassword: result.generatedPassword });
      } else {
        const changed = action === 'deactivate' ? api.POST('/api/users/{id}/deactivate', path) : action === 'unlock' ? api.POST('/api/users/{id}/unlock', path) : api.POST('/api/users/{id}/reset-totp', path);
        setOutcome({ action, user: await unwrap(changed) });
      }
      setProblem(null);
      reload();
    } catch (error) {
      setOutcome(null);
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  const available = (user: User, action: Action) => {
    const status = userStatus(user);
    if (action === 'deactivate') return status !== 'deactivated' && user.id !== me.user?.id;
    if (action === 'unlock') return status === 'locked';
    return status !== 'deactivated';
  };

  return (
    <>
      <h1>{t('admin.users.title')}</h1>
      <p>{t('admin.users.intro', { org: me.organisation.name })}</p>
      <CreateUser hub={hub} onCreated={reload} />
      <h2 id="users-list">{t('admin.users.list')}</h2>
      {hub ? (
        <div className="field-row">
          <Field label={t('admin.users.filterOrg')}>
            {(p) => (
              <select {...p} name="orgFilter" value={orgFilter} onChange={(e) => setOrgFilter(e.target.value)}>
                <option value="">{t('common.all')}</option>
                {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            )}
          </Field>
        </div>
      ) : null}
      {outcome ? <ActionOutcome outcome={outcome} /> : null}
      <ProblemAlert problem={problem} />
      {users === null && !problem ? <p role="status">{t('app.loading')}</p> : null}
      {users ? <p className="result-count">{t('admin.users.count', { count: users.length, formattedCount: format.number(users.length) })}</p> : null}
      {users && users.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="users-table">
            <caption className="visually-hidden">{t('admin.users.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.users.username')}</th>
                <th scope="col">{t('admin.users.displayName')}</th>
                <th scope="col">{t('admin.users.role')}</th>
                <th scope="col">{t('admin.users.organisation')}</th>
                <th scope="col">{t('admin.users.statusCol')}</th>
                <th scope="col">{t('admin.users.totp')}</th>
                <th scope="col">{t('admin.users.createdAt')}</th>
                <th scope="col">{t('admin.users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => {
                const status = userStatus(user);
                return (
                  <tr key={user.id} data-username={user.username}>
                    <th scope="row" className="mono">{user.username}</th>
                    <td dir="auto">{user.displayName}</td>
                    <td>{t(`role.${user.role}`, { defaultValue: user.role })}</td>
                    <td>{orgName(orgs, user.orgId)}</td>
                    <td>
                      <span className={status === 'active' ? 'badge' : 'badge badge-warning'}>{t(`admin.users.state.${status}`)}</span>
                      {status === 'locked' && user.lockedUntil ? <span className="hint"> {t('admin.users.lockedUntil', { time: format.dateTime(user.lockedUntil) })}</span> : null}
                    </td>
                    <td>{user.totpEnabled ? t('common.yes') : t('common.no')}</td>
                    <td className="nowrap"><time dateTime={user.createdAt}>{format.date(user.createdAt)}</time></td>
                    <td>
                      <div className="row-actions">
                        {ACTIONS.filter((a) => available(user, a)).map((action) => (
                          <button key={action} type="button" className={action === 'deactivate' ? 'button-secondary button-small button-danger-outline' : 'button-secondary button-small'}
                            onClick={() => { setOutcome(null); setPending({ user, action }); }}>
                            {t(`admin.users.action.${action}`)}
                          </button>
                        ))}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {pending ? (
        <ConfirmDialog title={t(`admin.users.confirm.${pending.action}.title`, { name: pending.user.displayName })}
          confirmLabel={t(`admin.users.action.${pending.action}`)} danger={pending.action === 'deactivate'} busy={busy}
          onConfirm={() => void confirm()} onCancel={() => setPending(null)}>
          <p>{t(`admin.users.confirm.${pending.action}.body`, { name: pending.user.displayName, username: pending.user.username })}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function ActionOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const name = outcome.user.displayName;
  return (
    <div data-testid="action-outcome">
      <div role="status" className="alert alert-success"><p>{t(`admin.users.done.${outcome.action}`, { name })}</p></div>
      {outcome.generatedPassword ? (
        <OneTimeSecret label={t('admin.users.newPassword', { username: outcome.user.username })} value={outcome.generatedPassword} warning={t('admin.users.passwordOnce')} />
      ) : null}
    </div>
  );
}

const EMPTY: UserCreate = { username: '', displayName: '', role: 'officer', locale: 'en' };

function CreateUser({ hub, onCreated }: { hub: boolean; onCreated: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { orgs } = useReference();
  const [draft, setDraft] = useState<UserCreate>({ ...EMPTY, orgId: me.organisation.id });
  const [created, setCreated] = useState<Created | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  // Auditors oversee the bureaus, so only the hub appoints them.
  const roles = hub ? ROLES : ROLES.filter((r) => r !== 'auditor');
  const set = (change: Partial<UserCreate>) => setDraft((d) => ({ ...d, ...change }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setCreated(null);
    try {
      const body: UserCreate = { ...draft, password: draft.password || undefined, orgId: hub ? draft.orgId : undefined };
      setCreated(await unwrap(api.POST('/api/users', { body })));
      setProblem(null);
      setDraft({ ...EMPTY, orgId: me.organisation.id });
      onCreated();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  }

  const unmatched = problem && Object.keys(errors).length === 0;
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="create-user">
      <fieldset>
        <legend id="create-user">{t('admin.users.create')}</legend>
        <div className="field-row">
          <Field label={t('admin.users.username')} error={errors.username} hint={t('admin.users.usernameHint')} required>
            {(p) => <input {...p} name="username" dir="ltr" autoComplete="off" required value={draft.username} onChange={(e) => set({ username: e.target.value.toLowerCase() })} />}
          </Field>
          <Field label={t('admin.users.displayName')} error={errors.displayName} required>
            {(p) => <input {...p} name="displayName" dir="auto" autoComplete="off" required value={draft.displayName} onChange={(e) => set({ displayName: e.target.value })} />}
          </Field>
        </div>
        <div className="field-row">
          <Field label={t('admin.users.role')} error={errors.role} required>
            {(p) => (
              <select {...p} name="role" value={draft.role} onChange={(e) => set({ role: e.target.value as Role })}>
                {roles.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
              </select>
            )}
          </Field>
          {hub ? (
            <Field label={t('admin.users.organisation')} error={errors.orgId} required>
              {(p) => (
                <select {...p} name="orgId" value={draft.orgId} onChange={(e) => set({ orgId: e.target.value })}>
                  {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                </select>
              )}
            </Field>
          ) : null}
          <Field label={t('admin.users.locale')} error={errors.locale}>
            {(p) => (
              <select {...p} name="locale" value={draft.locale} onChange={(e) => set({ locale: e.target.value as UserCreate['locale'] })}>
                {LANGUAGES.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>)}
              </select>
            )}
          </Field>
        </div>
        <Field label={t('admin.users.password')} error={errors.password} hint={t('admin.users.passwordHint')}>
          {(p) => <input {...p} name="password" type="password" autoComplete="new-password" value={draft.password ?? ''} onChange={(e) => set({ password: e.target.value })} />}
        </Field>
        {unmatched ? <ProblemAlert problem={problem} /> : null}
        <button type="submit" disabled={busy}>{t('admin.users.createSubmit')}</button>
      </fieldset>
      {created ? (
        <div data-testid="user-created">
          <div role="status" className="alert alert-success"><p>{t('admin.users.createdMessage', { name: created.user.displayName, username: created.user.username })}</p></div>
          {created.generatedPassword ? (
            <OneTimeSecret label={t('admin.users.newPassword', { username: created.user.username })} value={created.generatedPassword} warning={t('admin.users.passwordOnce')} />
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
