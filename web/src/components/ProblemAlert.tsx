import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/client';

/** The problem's explanation as an alert; the server's `detail` says what to do. */
export function ProblemAlert({ problem, message }: { problem: Problem | null; message?: string | undefined }) {
  const { t } = useTranslation();
  if (!problem && !message) return null;
  return (
    <div role="alert" className="alert alert-error">
      {message ? <p>{message}</p> : null}
      {problem?.detail ? <p>{problem.detail}</p> : null}
      {!message && !problem?.detail ? <p>{t('app.error', { message: problem?.title ?? problem?.status })}</p> : null}
    </div>
  );
}
