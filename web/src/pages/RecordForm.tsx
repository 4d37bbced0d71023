import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, problemOf, unwrap, type Problem, type RecordCreate, type RecordView, type SchemaSpec } from '../api/client';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { RecordPicker } from '../components/RecordPicker';
import { listsOrgs, METADATA_FIELDS, RecordMetadataFields, type RecordMetadataValues } from '../components/RecordMetadataFields';
import { useReference } from '../model';
import { useDocumentTitle } from '../useDocumentTitle';

interface FormState extends RecordMetadataValues {
  schema: string;
  properties: Record<string, string[]>;
  reason: string;
}

const EMPTY: FormState = {
  schema: '', properties: {}, crimeArea: '', purpose: '', restrictionMode: 'everyone', restrictionOrgs: [],
  handlingCode: 'H0', handlingNote: '', source: 'X', information: '3', reviewDate: '', reason: '',
};

const fromRecord = (r: RecordView): FormState => ({
  schema: r.schema, properties: r.properties, crimeArea: r.crimeArea, purpose: r.purpose ?? '', restrictionMode: r.restriction.mode,
  restrictionOrgs: r.restriction.orgs, handlingCode: r.handling.code, handlingNote: r.handling.note ?? '', source: r.evaluation.source,
  information: String(r.evaluation.information), reviewDate: r.reviewDate, reason: '',
});

/** The fields the form shows next to their control; any other problem is listed in the alert. */
const META_FIELDS = ['schema', 'reason', ...METADATA_FIELDS];

/** Create or edit a record; the fields come from the data model (GET /api/model). */
export function RecordForm() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { model } = useReference();
  const [original, setOriginal] = useState<RecordView | null>(null);
  const [form, setForm] = useState<FormState>(EMPTY);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(original ? t('form.editTitle', { caption: original.caption }) : id ? '' : t('form.newTitle'));

  useEffect(() => {
    if (!id) return;
    let live = true;
    unwrap(api.GET('/api/records/{id}', { params: { path: { id }, query: {} } }))
      .then((r) => { if (live) { setOriginal(r); setForm(fromRecord(r)); } })
      .catch((error: unknown) => { if (live) setProblem(problemOf(error)); });
    return () => {
      live = false;
    };
  }, [id]);

  const spec = model?.schemata.find((s) => s.name === form.schema);
  const errors = fieldErrors(problem);
  const set = (changes: Partial<FormState>) => setForm((f) => ({ ...f, ...changes }));
  const unmatched = (problem?.problems ?? []).filter((p) => {
    const field = p.field.replace(/^body\./, '');
    return !META_FIELDS.includes(field) && !(field.startsWith('properties.') && spec?.properties.some((s) => `properties.${s.name}` === field));
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const saved = original ? await unwrap(api.PATCH('/api/records/{id}', { params: { path: { id: original.id } }, body: updateBody(form, original) })) : await unwrap(api.POST('/api/records', { body: createBody(form) }));
      await navigate(`/records/${saved.id}`);
    } catch (error) {
      setProblem(problemOf(error));
      setBusy(false);
    }
  }

  if (id && !original) return problem ? <ProblemAlert problem={problem} /> : <p role="status">{t('app.loading')}</p>;
  const title = original ? t('form.editTitle', { caption: original.caption }) : t('form.newTitle');
  return (
    <form className="record-form" onSubmit={(e) => void submit(e)} noValidate>
      <h1 dir="auto">{title}</h1>
      {problem ? (
        <ProblemAlert problem={problem.status === 409 || unmatched.length > 0 ? problem : null} message={problem.status === 409 ? t('form.conflict') : t('form.invalid')} />
      ) : null}
      {unmatched.length > 0 ? (
        <div className="alert alert-error">
          <p>{t('form.otherProblems')}</p>
          <ul>{unmatched.map((p) => <li key={p.field}><code>{p.field}</code> {p.message}</li>)}</ul>
        </div>
      ) : null}
      <Field label={t('form.type')} error={errors.schema} required>
        {(p) => (
          <select {...p} name="schema" required disabled={Boolean(original)} value={form.schema} onChange={(e) => set({ schema: e.target.value, properties: {} })}>
            <option value="">{t('form.chooseType')}</option>
            {(model?.schemata ?? []).toSorted((a, b) => a.label.localeCompare(b.label)).map((s) => <option key={s.name} value={s.name}>{s.label}</option>)}
          </select>
        )}
      </Field>
      {spec ? <PropertyFields spec={spec} values={form.properties} errors={errors} onChange={(properties) => set({ properties })} /> : null}
      <RecordMetadataFields value={form} errors={errors} onChange={set} />
      {original ? (
        <Field label={t('form.reason')} error={errors.reason}>
          {(p) => <textarea {...p} name="reason" dir="auto" value={form.reason} onChange={(e) => set({ reason: e.target.value })} />}
        </Field>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy || !form.schema}>{original ? t('form.save') : t('form.create')}</button>
        <button type="button" className="button-secondary" onClick={() => void navigate(original ? `/records/${original.id}` : '/records')}>{t('form.discard')}</button>
      </div>
    </form>
  );
}

function PropertyFields({ spec, values, errors, onChange }: { spec: SchemaSpec; values: Record<string, string[]>; errors: Record<string, string>; onChange: (v: Record<string, string[]>) => void }) {
  const { t } = useTranslation();
  const featured = spec.featured.flatMap((name) => spec.properties.filter((p) => p.name === name));
  const more = spec.properties.filter((p) => !spec.featured.includes(p.name)).toSorted((a, b) => a.label.localeCompare(b.label));
  const hasMoreValues = more.some((p) => (values[p.name]?.length ?? 0) > 0 || errors[`properties.${p.name}`]);
  const render = (p: SchemaSpec['properties'][number]) => (
    <MultiValue key={p.name} name={p.name} label={p.label} type={p.type} range={p.range} required={spec.required.includes(p.name)} values={values[p.name] ?? []}
      error={errors[`properties.${p.name}`]} onChange={(v) => onChange({ ...values, [p.name]: v })} />
  );
  return (
    <fieldset>
      <legend>{t('form.properties')}</legend>
      {featured.map(render)}
      <details open={hasMoreValues}>
        <summary>{t('form.moreProperties')}</summary>
        {more.map(render)}
      </details>
    </fieldset>
  );
}

function MultiValue({ name, label, type, range, required, values, error, onChange }: {
  name: string; label: string; type: string; range: string | undefined; required: boolean; values: string[]; error: string | undefined; onChange: (v: string[]) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const shown = values.length > 0 ? values : [''];
  const hint = type === 'date' ? t('form.dateHint') : undefined;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const setAt = (i: number, v: string) => onChange(shown.map((old, j) => (j === i ? v : old)));
  return (
    <div className={error ? 'field field-invalid' : 'field'} data-property={name}>
      <label htmlFor={`${id}-0`}>{label}{required ? <span aria-hidden="true"> *</span> : null}</label>
      {hint ? <p id={`${id}-hint`} className="hint">{hint}</p> : null}
      {shown.map((value, i) => (
        <div key={i} className="multi-value">
          {type === 'entity' ? (
            <RecordPicker id={`${id}-${i}`} name={`properties.${name}`} value={value} range={range} aria-label={i > 0 ? `${label} ${i + 1}` : undefined}
              invalid={Boolean(error)} describedBy={described} required={required && i === 0} onChange={(v) => setAt(i, v)} />
          ) : (
            <input id={`${id}-${i}`} name={`properties.${name}`} dir={type === 'date' || type === 'country' ? 'ltr' : 'auto'} value={value}
              aria-label={i > 0 ? `${label} ${i + 1}` : undefined} aria-invalid={error ? true : undefined} aria-describedby={described}
              required={required && i === 0} onChange={(e) => setAt(i, e.target.value)} />
          )}
          {shown.length > 1 ? (
            <button type="button" className="button-secondary button-small" aria-label={t('form.removeValue', { index: i + 1, label })} onClick={() => onChange(shown.filter((_, j) => j !== i))}>×</button>
          ) : null}
        </div>
      ))}
      <button type="button" className="button-link" onClick={() => onChange([...shown, ''])}>{t('form.addValue')}<span className="visually-hidden"> ({label})</span></button>
      {error ? <p id={`${id}-error`} className="field-error" data-field-error>{error}</p> : null}
    </div>
  );
}

const cleanValues = (values: string[]) => values.map((v) => v.trim()).filter(Boolean);

function metadata(form: FormState) {
  const listed = listsOrgs(form.restrictionMode);
  return {
    crimeArea: form.crimeArea as RecordCreate['crimeArea'],
    restriction: { mode: form.restrictionMode as RecordCreate['restriction']['mode'], orgs: listed ? form.restrictionOrgs : [] },
    handling: { code: form.handlingCode as RecordCreate['handling']['code'], ...(form.handlingNote.trim() ? { note: form.handlingNote.trim() } : {}) },
    evaluation: { source: form.source as RecordCreate['evaluation']['source'], information: Number(form.information) },
    ...(form.reviewDate.trim() ? { reviewDate: form.reviewDate.trim() } : {}),
    ...(form.purpose.trim() ? { purpose: form.purpose.trim() } : {}),
  };
}

function createBody(form: FormState): RecordCreate {
  const properties: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(form.properties)) {
    const clean = cleanValues(values);
    if (clean.length > 0) properties[name] = clean;
  }
  return { schema: form.schema as RecordCreate['schema'], properties, ...metadata(form) };
}

/** Every property shown or stored is sent: a cleared one as [] (the server removes it). */
function updateBody(form: FormState, original: RecordView) {
  const names = new Set([...Object.keys(original.properties), ...Object.keys(form.properties)]);
  const properties = Object.fromEntries([...names].map((k) => [k, cleanValues(form.properties[k] ?? [])]));
  return { expectedVersion: original.version, properties, ...metadata(form), ...(form.reason.trim() ? { reason: form.reason.trim() } : {}) };
}
