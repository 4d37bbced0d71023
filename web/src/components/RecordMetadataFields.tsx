import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useReference } from '../model';
import { useMe } from '../session';
import { Field } from './Field';

/** What a person says about a record besides its properties: the record form's and the import's settings. */
export interface RecordMetadataValues {
  crimeArea: string;
  restrictionMode: string;
  restrictionOrgs: string[];
  handlingCode: string;
  handlingNote: string;
  source: string;
  information: string;
  reviewDate: string;
  purpose: string;
}

/** The restriction modes that name organisations. */
export const listsOrgs = (mode: string) => mode === 'only_listed' || mode === 'all_except';

/** The problem fields (as the API names them, without `body.`) shown next to these controls. */
export const METADATA_FIELDS = [
  'crimeArea', 'purpose', 'restriction', 'restriction.mode', 'restriction.orgs', 'handling', 'handling.code', 'handling.note',
  'evaluation', 'evaluation.source', 'evaluation.information', 'reviewDate',
];

interface Props {
  value: RecordMetadataValues;
  /** Messages by field (see METADATA_FIELDS), shown next to their control. */
  errors: Record<string, string>;
  onChange: (changes: Partial<RecordMetadataValues>) => void;
  /** Said under the legend: what these settings apply to. */
  intro?: ReactNode;
}

/**
 * Crime area, who may read, handling code (with the note H3 requires), evaluation, review date
 * and purpose: one set of controls with the same labels, hints and messages wherever records are made.
 */
export function RecordMetadataFields({ value, errors, onChange, intro }: Props) {
  const { t } = useTranslation();
  const { model } = useReference();
  const introId = useId();
  const h3 = value.handlingCode === 'H3';
  // Until the model arrives, the current value is the only option, so the control shows it.
  const options = (values: readonly string[] | undefined, current: string, label: (v: string) => string) =>
    (values ?? (current ? [current] : [])).map((v) => <option key={v} value={v}>{label(v)}</option>);
  return (
    <fieldset aria-describedby={intro ? introId : undefined}>
      <legend>{t('form.metadata')}</legend>
      {intro ? <p id={introId} className="hint">{intro}</p> : null}
      <Field label={t('records.crimeArea')} error={errors.crimeArea} required>
        {(p) => (
          <select {...p} name="crimeArea" required value={value.crimeArea} onChange={(e) => onChange({ crimeArea: e.target.value })}>
            <option value="" />
            {options(model?.crimeAreas, value.crimeArea, (c) => t(`crimeArea.${c}`))}
          </select>
        )}
      </Field>
      <Field label={t('record.restriction')} error={errors['restriction.mode'] ?? errors.restriction} required>
        {(p) => (
          <select {...p} name="restrictionMode" value={value.restrictionMode} onChange={(e) => onChange({ restrictionMode: e.target.value })}>
            {options(model?.restrictionModes, value.restrictionMode, (m) => t(`restriction.${m}`))}
          </select>
        )}
      </Field>
      {listsOrgs(value.restrictionMode) ? <OrgChoice chosen={value.restrictionOrgs} error={errors['restriction.orgs']} onChange={(restrictionOrgs) => onChange({ restrictionOrgs })} /> : null}
      <Field label={t('record.handlingCode')} error={errors['handling.code']} required>
        {(p) => (
          <select {...p} name="handlingCode" value={value.handlingCode} onChange={(e) => onChange({ handlingCode: e.target.value })}>
            {options(model?.handlingCodes, value.handlingCode, (c) => t(`handling.${c}`))}
          </select>
        )}
      </Field>
      <Field label={t('record.handlingNote')} error={errors['handling.note'] ?? errors.handling} required={h3} hint={h3 ? t('form.handlingNoteRequired') : undefined}>
        {(p) => <textarea {...p} name="handlingNote" dir="auto" required={h3} value={value.handlingNote} onChange={(e) => onChange({ handlingNote: e.target.value })} />}
      </Field>
      <div className="field-row">
        <Field label={t('form.source')} error={errors['evaluation.source'] ?? errors.evaluation} required>
          {(p) => (
            <select {...p} name="source" value={value.source} onChange={(e) => onChange({ source: e.target.value })}>
              {options(model?.sourceReliability, value.source, (s) => t(`source.${s}`))}
            </select>
          )}
        </Field>
        <Field label={t('form.information')} error={errors['evaluation.information']} required>
          {(p) => (
            <select {...p} name="information" value={value.information} onChange={(e) => onChange({ information: e.target.value })}>
              {options(['1', '2', '3', '4'], value.information, (i) => t(`information.${i}`))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('record.reviewDate')} error={errors.reviewDate} hint={t('form.reviewDateHint')}>
        {(p) => <input {...p} name="reviewDate" dir="ltr" placeholder="YYYY-MM-DD" value={value.reviewDate} onChange={(e) => onChange({ reviewDate: e.target.value })} />}
      </Field>
      <Field label={t('record.purpose')} error={errors.purpose} hint={t('meta.purposeHint')}>
        {(p) => <textarea {...p} name="purpose" dir="auto" value={value.purpose} onChange={(e) => onChange({ purpose: e.target.value })} />}
      </Field>
    </fieldset>
  );
}

/** The organisations a restriction names; the caller's own organisation always reads its records. */
function OrgChoice({ chosen, error, onChange }: { chosen: string[]; error: string | undefined; onChange: (orgs: string[]) => void }) {
  const { t } = useTranslation();
  const { orgs } = useReference();
  const me = useMe();
  const errorId = useId();
  return (
    <fieldset className="org-picker" aria-describedby={error ? errorId : undefined}>
      <legend>{t('form.restrictionOrgs')}</legend>
      <div className="org-options">
        {orgs.filter((o) => o.id !== me.organisation.id).map((o) => (
          <label key={o.id} className="checkbox">
            <input type="checkbox" name="restrictionOrgs" value={o.id} checked={chosen.includes(o.id)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, o.id] : chosen.filter((x) => x !== o.id))} />
            {o.name}
          </label>
        ))}
      </div>
      {error ? <p id={errorId} className="field-error" data-field-error>{error}</p> : null}
    </fieldset>
  );
}
