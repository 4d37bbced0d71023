import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A secret the server shows only once (a generated password, an API key): the value, a copy
 * button and a warning that it cannot be shown again.
 */
export function OneTimeSecret({ label, value, warning }: { label: string; value: string; warning: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // Without clipboard access (an insecure origin, a refusal) the value stays selectable.
      setCopied('failed');
    }
  }
  return (
    <div className="one-time-secret alert alert-warning" data-testid="one-time-secret">
      <p><strong>{warning}</strong></p>
      <p className="secret-line">
        <span>{label}</span>{' '}
        <code dir="ltr" className="break" data-testid="secret-value">{value}</code>{' '}
        <button type="button" className="button-secondary button-small" onClick={() => void copy()}>{t('admin.secret.copy')}</button>
      </p>
      <p role="status" className="hint">{copied === 'yes' ? t('admin.secret.copied') : copied === 'failed' ? t('admin.secret.copyFailed') : ''}</p>
    </div>
  );
}
