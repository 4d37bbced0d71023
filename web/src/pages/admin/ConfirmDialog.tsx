import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '../../components/admin.css';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal confirmation (the native <dialog>: focus stays inside, Escape cancels), opened while
 * it is rendered. Destructive actions ask here before anything is sent.
 */
export function ConfirmDialog({ title, children, confirmLabel, danger = false, busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby="confirm-title" onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id="confirm-title">{title}</h2>
      {children}
      <div className="actions">
        <button type="button" className={danger ? 'button-danger' : undefined} disabled={busy} onClick={onConfirm}>{confirmLabel}</button>
        <button type="button" className="button-secondary" onClick={onCancel}>{t('admin.confirm.cancel')}</button>
      </div>
    </dialog>
  );
}

/** The page's answer for a caller without the permission it needs. */
export function NotPermitted() {
  const { t } = useTranslation();
  return <p role="alert" className="alert alert-error" data-testid="not-permitted">{t('admin.notPermitted')}</p>;
}
