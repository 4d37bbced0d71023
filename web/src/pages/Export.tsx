import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { paths } from '../api/schema';
import { Field } from '../components/Field';
import { useReference } from '../model';
import { useMe } from '../session';
import { useDocumentTitle } from '../useDocumentTitle';
import { NotPermitted } from './admin/ConfirmDialog';

type ExportQuery = NonNullable<paths['/api/export']['get']['parameters']['query']>;
type Choices = Record<'format' | 'schema' | 'dataset' | 'crimeArea' | 'ownerOrg' | 'country' | 'status', string>;
const START: Choices = { format: 'ftm', schema: '', dataset: '', crimeArea: '', ownerOrg: '', country: '', status: 'active' };

/** The address of the export: GET /api/export with the chosen filters (empty ones left out). */
export function exportHref(choices: Choices): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(choices) as [keyof ExportQuery, string][]) {
    const v = key === 'country' ? value.trim().toLowerCase() : value.trim();
    if (v) query.set(key, v);
  }
  return `/api/export?${query.toString()}`;
}

/** Download the records the user may read, as FtM JSON lines or CSV (one record type). */
export function Export() {
  const me = useMe();
  if (!me.permissions.includes('records:export')) return <NotPermitted />;
  return <ExportForm />;
}

function ExportForm() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.export.title'));
  const { model, orgs } = useReference();
  const [choices, setChoices] = useState<Choices>(START);
  const set = (change: Partial<Choices>) => setChoices((c) => ({ ...c, ...change }));
  const csvWithoutSchema = choices.format === 'csv' && !choices.schema;
  const country = choices.country.trim();
  const badCountry = country !== '' && !/^[a-zA-Z]{2}$/.test(country);
  const ready = !csvWithoutSchema && !badCountry;
  const schemata = [...(model?.schemata ?? [])].sort((a, b) => a.label.localeCompare(b.label));

  return (
    <>
      <h1>{t('admin.export.title')}</h1>
      <p>{t('admin.export.intro')}</p>
      <div className="alert alert-warning"><p>{t('admin.export.audited')}</p></div>
      <form className="export-form" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('admin.export.format')} required>
          {(p) => (
            <select {...p} name="format" value={choices.format} onChange={(e) => set({ format: e.target.value })}>
              <option value="ftm">{t('admin.export.formatFtm')}</option>
              <option value="csv">{t('admin.export.formatCsv')}</option>
            </select>
          )}
        </Field>
        <fieldset className="filters">
          <legend>{t('admin.export.filters')}</legend>
          <div className="field-row">
            <Field label={t('admin.export.schema')} required={choices.format === 'csv'} error={csvWithoutSchema ? t('admin.export.schemaRequired') : undefined}>
              {(p) => (
                <select {...p} name="schema" value={choices.schema} onChange={(e) => set({ schema: e.target.value })}>
                  <option value="">{t('admin.export.allTypes')}</option>
                  {schemata.map((s) => <option key={s.name} value={s.name}>{s.label}</option>)}
                </select>
              )}
            </Field>
            <Field label={t('records.crimeArea')}>
              {(p) => (
                <select {...p} name="crimeArea" value={choices.crimeArea} onChange={(e) => set({ crimeArea: e.target.value })}>
                  <option value="">{t('common.all')}</option>
                  {(model?.crimeAreas ?? []).map((c) => <option key={c} value={c}>{t(`crimeArea.${c}`)}</option>)}
                </select>
              )}
            </Field>
            <Field label={t('records.owner')}>
              {(p) => (
                <select {...p} name="ownerOrg" value={choices.ownerOrg} onChange={(e) => set({ ownerOrg: e.target.value })}>
                  <option value="">{t('common.all')}</option>
                  {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                </select>
              )}
            </Field>
          </div>
          <div className="field-row">
            <Field label={t('records.country')} error={badCountry ? t('admin.export.countryInvalid') : undefined}>
              {(p) => <input {...p} name="country" dir="ltr" maxLength={2} size={3} value={choices.country} onChange={(e) => set({ country: e.target.value })} />}
            </Field>
            <Field label={t('admin.export.dataset')} hint={t('admin.export.datasetHint')}>
              {(p) => <input {...p} name="dataset" dir="ltr" maxLength={64} value={choices.dataset} onChange={(e) => set({ dataset: e.target.value })} />}
            </Field>
            <Field label={t('records.status')}>
              {(p) => (
                <select {...p} name="status" value={choices.status} onChange={(e) => set({ status: e.target.value })}>
                  <option value="active">{t('status.active')}</option>
                  <option value="cancelled">{t('status.cancelled')}</option>
                  <option value="any">{t('status.any')}</option>
                </select>
              )}
            </Field>
          </div>
        </fieldset>
        <div className="actions">
          {ready ? (
            <a className="button" href={exportHref(choices)} download data-testid="export-link">{t('admin.export.download')}</a>
          ) : (
            <p className="hint" role="status">{t('admin.export.fixFirst')}</p>
          )}
        </div>
      </form>
    </>
  );
}
