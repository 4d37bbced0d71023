import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { components, paths } from '../api/schema';
import { Field } from '../components/Field';
import { listsOrgs, METADATA_FIELDS, RecordMetadataFields, type RecordMetadataValues } from '../components/RecordMetadataFields';
import { useReference } from '../model';
import { useDocumentTitle } from '../useDocumentTitle';

type Format = 'csv' | 'ftm';
type Report = paths['/api/imports']['post']['responses'][200]['content']['application/json'];
type Problem = components['schemas']['Problem'];

/** The import's defaults for every record, as the API's defaults (its own built-in ones preselected). */
const DEFAULT_META: RecordMetadataValues = {
  crimeArea: 'other', restrictionMode: 'everyone', restrictionOrgs: [], handlingCode: 'H0', handlingNote: '', source: 'B', information: '2', reviewDate: '', purpose: '',
};

/** The import's query parameters by the name the metadata controls know them. */
const QUERY_FIELDS: Record<string, string> = {
  handling: 'handling.code', handlingNote: 'handling.note', sourceReliability: 'evaluation.source', infoReliability: 'evaluation.information',
};

/** Messages for the metadata controls: the API names them `defaults.<field>` or by their query parameter. */
function metadataErrors(problem: Problem | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problem?.problems ?? []) {
    const bare = p.field.replace(/^(querystring|defaults)\./, '');
    const field = QUERY_FIELDS[bare] ?? bare;
    const known = out[field];
    if (!METADATA_FIELDS.includes(field) || known?.split('; ').includes(p.message)) continue;
    out[field] = known ? `${known}; ${p.message}` : p.message;
  }
  return out;
}

const PREVIEW_ROWS = 10;
const guessFormat = (name: string): Format => (/\.csv$/i.test(name) ? 'csv' : 'ftm');
const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** One CSV line split into fields (quoted fields, doubled quotes); enough for a preview. */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) { out.push(field); field = ''; } else field += c;
  }
  out.push(field);
  return out;
}

/** The header and first rows of a CSV file, or the first objects of a JSON lines file. */
export function previewOf(text: string, format: Format): { header: string[]; rows: string[][] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (format === 'csv') {
    const [first = '', ...rest] = lines;
    return { header: csvFields(first), rows: rest.slice(0, PREVIEW_ROWS).map(csvFields) };
  }
  return {
    header: ['id', 'schema', 'properties'],
    rows: lines.slice(0, PREVIEW_ROWS).map((line) => {
      try {
        const e = JSON.parse(line) as { id?: string; schema?: string; properties?: unknown };
        return [e.id ?? '', e.schema ?? '', JSON.stringify(e.properties ?? {})];
      } catch {
        return ['', '', line];
      }
    }),
  };
}

/** A starting mapping: one Person whose properties are the columns named like a Person property. */
export function exampleMapping(header: string[], personProperties: string[]): string {
  const byName = new Map(personProperties.map((p) => [normalise(p), p]));
  const mapped = header.flatMap((column) => {
    const property = byName.get(normalise(column));
    return property ? [`      ${property}: { column: ${JSON.stringify(column)} }`] : [];
  });
  const key = header.find((c) => /(^|_)id$/i.test(c)) ?? header[0] ?? 'id';
  return ['entities:', '  person:', '    schema: Person', `    keys: [${JSON.stringify(key)}]`, '    properties:', ...(mapped.length > 0 ? mapped : ['      name: { column: "name" }']), ''].join('\n');
}

/** POST /api/imports with upload progress: fetch cannot report it, XMLHttpRequest can. */
function upload(url: string, file: File, contentType: string, onProgress: (fraction: number) => void): Promise<Report> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', contentType);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body: unknown;
      try { body = JSON.parse(xhr.responseText); } catch { body = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Report);
      else reject(Object.assign(new Error((body as Problem | null)?.detail ?? (body as Problem | null)?.title ?? `HTTP ${xhr.status}`), { problem: body as Problem | null }));
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(file);
  });
}

function importUrl(file: File, format: Format, dataset: string, mapping: string, meta: RecordMetadataValues): string {
  const listed = listsOrgs(meta.restrictionMode);
  const query = new URLSearchParams({
    format, dataset, fileName: file.name, crimeArea: meta.crimeArea || 'other',
    restriction: listed ? `${meta.restrictionMode}:${meta.restrictionOrgs.join(',')}` : meta.restrictionMode,
    handling: meta.handlingCode, sourceReliability: meta.source, infoReliability: meta.information,
  });
  if (meta.handlingNote.trim()) query.set('handlingNote', meta.handlingNote.trim());
  if (meta.reviewDate.trim()) query.set('reviewDate', meta.reviewDate.trim());
  if (meta.purpose.trim()) query.set('purpose', meta.purpose.trim());
  if (format === 'csv') query.set('mapping', mapping);
  return `/api/imports?${query.toString()}`;
}

/** Import a CSV (with a column mapping) or FollowTheMoney JSON lines file, then show its report. */
export function Import() {
  const { t } = useTranslation();
  const { model } = useReference();
  useDocumentTitle(t('import.title'));
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format>('csv');
  const [dataset, setDataset] = useState('');
  const [mapping, setMapping] = useState('');
  const [preview, setPreview] = useState<{ header: string[]; rows: string[][] } | null>(null);
  const [meta, setMeta] = useState<RecordMetadataValues>(DEFAULT_META);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function choose(chosen: File | null) {
    setFile(chosen);
    setReport(null);
    setError(null);
    if (!chosen) { setPreview(null); return; }
    const guessed = guessFormat(chosen.name);
    setFormat(guessed);
    if (!dataset) setDataset(chosen.name.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 63));
    // The first 64 KiB are plenty for the header and ten rows.
    const text = await chosen.slice(0, 65_536).text();
    const shown = previewOf(text, guessed);
    setPreview(shown);
    const person = model?.schemata.find((s) => s.name === 'Person')?.properties.map((p) => p.name) ?? [];
    if (guessed === 'csv') setMapping(exampleMapping(shown.header, person));
  }

  async function run(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setProblem(null);
    setReport(null);
    setProgress(0);
    try {
      const contentType = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
      setReport(await upload(importUrl(file, format, dataset, mapping, meta), file, contentType, setProgress));
    } catch (failure) {
      const problem = (failure as { problem?: Problem | null }).problem;
      setProblem(problem ?? null);
      const details = (problem?.problems ?? []).map((p) => `${p.field}: ${p.message}`).join('; ');
      setError([failure instanceof Error ? failure.message : String(failure), details].filter(Boolean).join(' — '));
    } finally {
      setProgress(null);
    }
  }

  return (
    <form className="import-form" onSubmit={(e) => void run(e)}>
      <h1>{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      <Field label={t('import.file')} required hint={t('import.fileHint')}>
        {(p) => <input {...p} type="file" name="file" accept=".csv,.json,.jsonl,.ndjson,text/csv,application/x-ndjson" required onChange={(e) => void choose(e.target.files?.[0] ?? null)} />}
      </Field>
      <div className="field-row">
        <Field label={t('import.dataset')} required hint={t('import.datasetHint')}>
          {(p) => <input {...p} name="dataset" dir="ltr" required maxLength={63} value={dataset} onChange={(e) => setDataset(e.target.value)} />}
        </Field>
        <Field label={t('import.format')} required>
          {(p) => (
            <select {...p} name="format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
              <option value="csv">{t('import.formatCsv')}</option>
              <option value="ftm">{t('import.formatFtm')}</option>
            </select>
          )}
        </Field>
      </div>
      {format === 'csv' ? (
        <Field label={t('import.mapping')} hint={t('import.mappingHint')}>
          {(p) => <textarea {...p} name="mapping" dir="ltr" className="code" rows={12} spellCheck={false} value={mapping} onChange={(e) => setMapping(e.target.value)} />}
        </Field>
      ) : null}
      {preview ? <Preview preview={preview} /> : null}
      <RecordMetadataFields value={meta} errors={metadataErrors(problem)} onChange={(c) => setMeta((m) => ({ ...m, ...c }))} intro={t('meta.importIntro')} />
      <div className="actions">
        <button type="submit" disabled={!file || !dataset || progress !== null}>{t('import.run')}</button>
      </div>
      {progress !== null ? (
        <p role="status">
          <label htmlFor="import-progress">{t('import.uploading')}</label>{' '}
          <progress id="import-progress" max={1} value={progress}>{Math.round(progress * 100)}%</progress>
        </p>
      ) : null}
      {error ? <div role="alert" className="alert alert-error"><p>{t('import.failed', { message: error })}</p></div> : null}
      {report ? <ImportReport report={report} /> : null}
    </form>
  );
}

function Preview({ preview }: { preview: { header: string[]; rows: string[][] } }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="import-preview">
      <h2 id="import-preview">{t('import.preview', { count: preview.rows.length })}</h2>
      <div className="table-scroll">
        <table>
          <thead><tr>{preview.header.map((h, i) => <th key={i} scope="col" dir="auto">{h}</th>)}</tr></thead>
          <tbody>{preview.rows.map((row, i) => <tr key={i}>{preview.header.map((_, j) => <td key={j} dir="auto">{row[j] ?? ''}</td>)}</tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}

function ImportReport({ report }: { report: Report }) {
  const { t } = useTranslation();
  const counts = [['imported', report.imported], ['updated', report.updated], ['unchanged', report.unchanged], ['rejected', report.rejected]] as const;
  return (
    <section aria-labelledby="import-report" data-testid="import-report">
      <h2 id="import-report">{t('import.report')}</h2>
      <dl className="import-counts">
        {counts.map(([key, n]) => (
          <div key={key} data-testid={`count-${key}`}><dt>{t(`import.${key}`)}</dt><dd>{n}</dd></div>
        ))}
      </dl>
      {report.rejects.length > 0 ? (
        <table>
          <caption>{t('import.rejects')}</caption>
          <thead><tr><th scope="col">{t('import.line')}</th><th scope="col">{t('import.reason')}</th></tr></thead>
          <tbody>{report.rejects.map((r) => <tr key={r.line}><td>{r.line}</td><td dir="auto">{r.reason}</td></tr>)}</tbody>
        </table>
      ) : null}
    </section>
  );
}
