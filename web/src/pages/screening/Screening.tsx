import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { problemOf, type Problem } from '../../api/client';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { MatchList } from '../../components/ScreeningResults';
import { useFormat } from '../../i18n/format';
import { useDocumentTitle } from '../../useDocumentTitle';
import { countriesIn } from './countries';
import { CHECKED_FIELDS, checkSubject, type CheckRequest, type CheckResult, type MrzReading } from './screening-api';
import { ScreeningNav } from './ScreeningNav';

type Form = Record<'name' | 'birthDate' | 'nationality' | 'gender' | 'documentNumber' | 'mrz' | 'purpose', string>;
const EMPTY: Form = { name: '', birthDate: '', nationality: '', gender: '', documentNumber: '', mrz: '', purpose: '' };

/** One person or document checked against every record: the form, the MRZ, and the matches explained. */
export function Screening() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  useDocumentTitle(t('screening.title'));
  const countries = useMemo(() => countriesIn(i18n.language), [i18n.language]);
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<{ checkedAt: string; answer: CheckResult } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const set = (field: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));

  async function check(e?: FormEvent) {
    e?.preventDefault();
    const body = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== '')) as CheckRequest;
    setBusy(true);
    setProblem(null);
    try {
      const answer = await checkSubject(body);
      setResult({ checkedAt: new Date().toISOString(), answer });
    } catch (error) {
      setResult(null);
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
      // Keyboard and screen-reader users land on what the check found.
      requestAnimationFrame(() => heading.current?.focus());
    }
  }

  // In the MRZ box Enter starts a new line; Ctrl+Enter (⌘+Enter) checks, as Enter does elsewhere.
  const mrzKeys = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void check(e);
  };

  const matches = result?.answer.matches ?? [];
  return (
    <>
      <h1>{t('screening.title')}</h1>
      <ScreeningNav />
      <p>{t('screening.intro')}</p>
      <form className="screening-form" onSubmit={(e) => void check(e)} aria-describedby="screening-form-hint">
        <div className="screening-grid">
          <fieldset>
            <legend>{t('screening.person')}</legend>
            <Field label={t('screening.name')}>
              {(p) => <input {...p} name="name" dir="auto" autoComplete="off" value={form.name} onChange={set('name')} />}
            </Field>
            <Field label={t('screening.birthDate')} hint={t('screening.birthDateHint')}>
              {(p) => <input {...p} name="birthDate" dir="ltr" inputMode="numeric" autoComplete="off" pattern="\d{4}(-\d{2}(-\d{2})?)?" value={form.birthDate} onChange={set('birthDate')} />}
            </Field>
            <div className="field-row">
              <Field label={t('screening.nationality')}>
                {(p) => (
                  <select {...p} name="nationality" value={form.nationality} onChange={set('nationality')}>
                    <option value="">{t('screening.any')}</option>
                    {countries.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
                  </select>
                )}
              </Field>
              <Field label={t('screening.gender')}>
                {(p) => (
                  <select {...p} name="gender" value={form.gender} onChange={set('gender')}>
                    <option value="">{t('screening.any')}</option>
                    {(['female', 'male', 'other'] as const).map((g) => <option key={g} value={g}>{t(`screening.genders.${g}`)}</option>)}
                  </select>
                )}
              </Field>
            </div>
            <Field label={t('screening.documentNumber')}>
              {(p) => <input {...p} name="documentNumber" dir="ltr" autoComplete="off" value={form.documentNumber} onChange={set('documentNumber')} />}
            </Field>
          </fieldset>
          <fieldset>
            <legend>{t('screening.mrz')}</legend>
            <Field label={t('screening.mrzLabel')} hint={t('screening.mrzHint')}>
              {(p) => <textarea {...p} name="mrz" dir="ltr" rows={3} className="mrz-input" spellCheck={false} autoCapitalize="characters" autoComplete="off" value={form.mrz} onChange={set('mrz')} onKeyDown={mrzKeys} />}
            </Field>
            {result?.answer.mrz ? <MrzChecks mrz={result.answer.mrz} /> : null}
          </fieldset>
        </div>
        <Field label={t('screening.purposeLabel')} hint={t('screening.purposeHint')}>
          {(p) => <input {...p} name="purpose" dir="auto" maxLength={2000} className="wide" value={form.purpose} onChange={set('purpose')} />}
        </Field>
        <p id="screening-form-hint" className="hint">{t('screening.formHint')}</p>
        <div className="actions">
          <button type="submit" disabled={busy}>{busy ? t('screening.checking') : t('screening.check')}</button>
          <button type="button" className="button-secondary" onClick={() => { setForm(EMPTY); setResult(null); setProblem(null); }}>{t('screening.clear')}</button>
        </div>
      </form>
      <section aria-labelledby="screening-results" aria-live="polite" aria-busy={busy} data-testid="screening-results">
        <h2 id="screening-results" tabIndex={-1} ref={heading} className="results-heading">{t('screening.results')}</h2>
        <ProblemAlert problem={problem} />
        {result ? (
          <p className={matches.length === 0 ? 'no-match' : 'result-count'} data-testid="result-summary">
            {matches.length === 0 ? t('screening.noMatch') : t('screening.matchCount', { count: matches.length, formattedCount: format.number(matches.length) })}{' '}
            <span className="meta">{t('screening.checkedAt', { time: format.dateTime(result.checkedAt) })}</span>
          </p>
        ) : !problem ? <p className="hint">{t('screening.nothingYet')}</p> : null}
        {matches.length > 0 ? <MatchList matches={matches} /> : null}
      </section>
    </>
  );
}

/** What the server made of the MRZ: each check digit, valid or not, in words and a sign. */
function MrzChecks({ mrz }: { mrz: MrzReading }) {
  const { t } = useTranslation();
  const format = useFormat();
  const failed = new Set(mrz.failedChecks.map((c) => c.field));
  const fields = [...new Set([...CHECKED_FIELDS[mrz.format], ...failed])];
  const { read } = mrz;
  const facts = [read.documentNumber, read.birthDate ? format.date(read.birthDate) : null, read.nationality ? format.country(read.nationality) : null].filter(Boolean);
  return (
    <div data-testid="mrz-checks">
      <p className={mrz.valid ? 'check-valid' : 'check-invalid'}>
        <span aria-hidden="true">{mrz.valid ? '✓ ' : '✗ '}</span>{mrz.valid ? t('screening.mrzValid') : t('screening.mrzInvalid')}
      </p>
      <p className="meta">
        {/* Each fact isolated, so a date and a document number do not run together in right-to-left text. */}
        {[read.name, ...facts].map((fact, i) => <span key={i}>{i > 0 ? ' · ' : ''}<bdi dir="auto">{fact}</bdi></span>)}
      </p>
      <ul className="mrz-checks">
        {fields.map((field) => {
          const valid = !failed.has(field);
          return (
            <li key={field} className={valid ? 'check-valid' : 'check-invalid'} data-testid="check-digit">
              <span aria-hidden="true">{valid ? '✓ ' : '✗ '}</span>
              {t(valid ? 'screening.digitValid' : 'screening.digitInvalid', { field: t(`screening.mrzField.${field}`, { defaultValue: field }) })}
            </li>
          );
        })}
      </ul>
      {[...mrz.problems, ...mrz.corrections].length > 0 ? (
        <ul className="hint">{[...mrz.problems, ...mrz.corrections].map((p) => <li key={p} dir="auto">{p}</li>)}</ul>
      ) : null}
    </div>
  );
}
