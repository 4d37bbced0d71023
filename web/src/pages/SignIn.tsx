import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, fieldErrors, problemOf, unwrap, type LoginResult, type Problem } from '../api/client';
import { Field } from '../components/Field';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { ProblemAlert } from '../components/ProblemAlert';
import { QrCode } from '../components/QrCode';
import { useSession } from '../session';
import { useDocumentTitle } from '../useDocumentTitle';

type Step = { kind: 'password' } | { kind: 'code'; challenge: string } | { kind: 'enrol'; challenge: string; secret: string; otpauthUrl: string };

/** A clear sentence for lockout and rate limiting; otherwise the server's own explanation. */
function useProblemMessage() {
  const { t } = useTranslation();
  return (problem: Problem | null) =>
    problem?.status === 423 ? t('signIn.locked') : problem?.status === 429 ? t('signIn.rateLimited') : undefined;
}

/** Sign-in: password, then the second factor (or its enrolment on first sign-in). */
export function SignIn() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const messageFor = useProblemMessage();
  useDocumentTitle(t('signIn.title'));
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);

  async function submit(e: FormEvent, action: () => Promise<void>) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : problemOf(error));
    } finally {
      setBusy(false);
    }
  }

  const signInWithPassword = async () => {
    const result: LoginResult = await unwrap(api.POST('/api/auth/login', { body: { username, password } }));
    if (result.status === 'signed_in') return refresh();
    setCode('');
    setStep(result.status === 'totp_required' ? { kind: 'code', challenge: result.challenge } : { kind: 'enrol', challenge: result.challenge, secret: result.secret, otpauthUrl: result.otpauthUrl });
  };

  const proveCode = async (challenge: string) => {
    await unwrap(api.POST('/api/auth/totp', { body: { challenge, code } }));
    await refresh();
  };

  const unmatched = problem && !errors.username && !errors.password && !errors.code;
  return (
    <div className="signin-page">
      <header className="signin-header">
        <p className="brand-name">{t('app.name')}</p>
        <p>{t('app.tagline')}</p>
        <LanguageSwitcher />
      </header>
      <main id="main" className="signin-card">
        {step.kind === 'password' ? (
          <form onSubmit={(e) => void submit(e, signInWithPassword)} noValidate>
            <h1>{t('signIn.title')}</h1>
            <p>{t('signIn.intro')}</p>
            {unmatched ? <ProblemAlert problem={problem} message={messageFor(problem)} /> : null}
            <Field label={t('signIn.username')} error={errors.username} required>
              {(p) => <input {...p} name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />}
            </Field>
            <Field label={t('signIn.password')} error={errors.password} required>
              {(p) => <input {...p} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
            </Field>
            <button type="submit" disabled={busy}>{t('signIn.submit')}</button>
          </form>
        ) : (
          <form onSubmit={(e) => void submit(e, () => proveCode(step.challenge))} noValidate>
            <h1>{step.kind === 'enrol' ? t('signIn.enrolTitle') : t('signIn.codeTitle')}</h1>
            {step.kind === 'enrol' ? (
              <>
                <p>{t('signIn.enrolIntro')}</p>
                <QrCode text={step.otpauthUrl} label={t('admin.qr.label')} />
                <p className="hint">{t('admin.qr.hint')}</p>
                <dl className="enrol">
                  <dt>{t('signIn.secret')}</dt>
                  <dd><code dir="ltr" data-testid="totp-secret">{step.secret}</code></dd>
                  <dt>{t('signIn.otpauthUrl')}</dt>
                  <dd><a href={step.otpauthUrl} dir="ltr" className="break">{step.otpauthUrl}</a></dd>
                </dl>
              </>
            ) : (
              <p>{t('signIn.codeIntro')}</p>
            )}
            {unmatched ? <ProblemAlert problem={problem} message={messageFor(problem)} /> : null}
            <Field label={t('signIn.code')} error={errors.code} required>
              {(p) => (
                <input {...p} name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required dir="ltr"
                  value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
              )}
            </Field>
            <div className="actions">
              <button type="submit" disabled={busy}>{t('signIn.verify')}</button>
              <button type="button" className="button-secondary" onClick={() => { setStep({ kind: 'password' }); setProblem(null); }}>{t('signIn.back')}</button>
            </div>
          </form>
        )}
      </main>
    </div>
  );
}
