import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { problemOf, type Problem } from '../../api/client';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Score } from '../../components/ScreeningResults';
import { useFormat } from '../../i18n/format';
import { useDocumentTitle } from '../../useDocumentTitle';
import { runBatch, type BatchLine, type BatchSummary, type Match } from './screening-api';
import { ScreeningNav } from './ScreeningNav';

interface Subject { id: string; name: string }
interface Row extends Subject { matches: Match[]; error?: string | undefined }

/** One CSV line split into fields (quoted fields, doubled quotes). */
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

/** The subjects of a passenger list in order, so that the streamed answers (in the same order) get their names. */
export function subjectsOf(text: string, csv: boolean): Subject[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (csv) {
    const [head = '', ...rest] = lines;
    const header = csvFields(head).map((h) => h.trim());
    const at = (row: string[], column: string) => row[header.indexOf(column)] ?? '';
    return rest.map((line, i) => {
      const row = csvFields(line);
      return { id: at(row, 'id') || String(i + 1), name: at(row, 'name') || at(row, 'documentNumber') || at(row, 'mrz').split(/\s/)[0] || '' };
    });
  }
  return lines.map((line, i) => {
    try {
      const o = JSON.parse(line) as Record<string, unknown>;
      const text = (key: string) => (typeof o[key] === 'string' ? o[key] : '');
      return { id: text('id') || String(i + 1), name: text('name') || text('documentNumber') };
    } catch {
      return { id: String(i + 1), name: '' };
    }
  });
}

/** A passenger list screened line by line; the table fills as the server's answers stream in. */
export function Batch() {
  const { t } = useTranslation();
  const format = useFormat();
  useDocumentTitle(t('screening.batchTitle'));
  const [file, setFile] = useState<File | null>(null);
  const [purpose, setPurpose] = useState('');
  const [total, setTotal] = useState(0);
  const [rows, setRows] = useState<Row[]>([]);
  const [summary, setSummary] = useState<BatchSummary | null>(null);
  const [running, setRunning] = useState(false);
  const [hitsOnly, setHitsOnly] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const abort = useRef<AbortController | null>(null);

  async function run(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    const csv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
    const subjects = subjectsOf(await file.text(), csv);
    setTotal(subjects.length);
    setRows([]);
    setSummary(null);
    setProblem(null);
    setRunning(true);
    abort.current = new AbortController();
    const received: Row[] = [];
    const onLine = (line: BatchLine) => {
      if ('summary' in line) { setSummary(line.summary); return; }
      const subject = subjects[received.length];
      received.push({ id: line.id, name: subject?.name ?? '', matches: line.matches, error: line.error });
      setRows([...received]);
    };
    try {
      await runBatch(file, csv ? 'text/csv' : 'application/x-ndjson', purpose.trim(), onLine, abort.current.signal);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) setProblem(problemOf(error));
    } finally {
      setRunning(false);
      abort.current = null;
    }
  }

  const shown = hitsOnly ? rows.filter((r) => r.matches.length > 0) : rows;
  const errors = rows.filter((r) => r.error);
  const processed = format.number(rows.length);
  return (
    <>
      <h1>{t('screening.batchTitle')}</h1>
      <ScreeningNav />
      <p>{t('screening.batchIntro')}</p>
      <form onSubmit={(e) => void run(e)} className="screening-form">
        <Field label={t('screening.batchFile')} required hint={t('screening.batchFileHint')}>
          {(p) => <input {...p} type="file" name="file" required accept=".csv,.json,.jsonl,.ndjson,text/csv,application/x-ndjson" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        <Field label={t('screening.purposeLabel')} hint={t('screening.purposeHint')}>
          {(p) => <input {...p} name="purpose" dir="auto" maxLength={2000} className="wide" value={purpose} onChange={(e) => setPurpose(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" disabled={!file || running}>{t('screening.batchRun')}</button>
          {running ? <button type="button" className="button-secondary" onClick={() => abort.current?.abort()}>{t('screening.batchStop')}</button> : null}
        </div>
      </form>
      <ProblemAlert problem={problem} />
      {total > 0 ? (
        <section aria-labelledby="batch-results" data-testid="batch-results">
          <h2 id="batch-results">{t('screening.results')}</h2>
          <div className="batch-progress">
            <label htmlFor="batch-progress">{t('screening.batchProgress')}</label>
            <progress id="batch-progress" max={total} value={rows.length}>{processed}</progress>
            <span role="status" data-testid="batch-count">{t('screening.batchCount', { processed, total: format.number(total), count: total })}</span>
          </div>
          {summary ? (
            <div className={summary.stopped ? 'alert alert-warning' : 'alert alert-success'} data-testid="batch-summary">
              <p>{t('screening.batchSummary', { count: summary.subjects, formattedCount: format.number(summary.subjects), hits: format.number(summary.hits), seconds: format.number(summary.seconds) })}</p>
              {typeof summary.stopped === 'string' ? <p dir="auto">{t('screening.batchStopped', { reason: summary.stopped })}</p> : null}
            </div>
          ) : null}
          {errors.length > 0 ? (
            <div className="alert alert-warning" data-testid="batch-errors">
              <p>{t('screening.batchErrors', { count: errors.length, formattedCount: format.number(errors.length) })}</p>
              <ul>{errors.map((r) => <li key={`${r.id}-${r.error}`}><bdi dir="auto">{r.id}</bdi>: <span dir="auto">{r.error}</span></li>)}</ul>
            </div>
          ) : null}
          <div className="checkbox-field">
            <input id="batch-hits-only" type="checkbox" checked={hitsOnly} onChange={(e) => setHitsOnly(e.target.checked)} />
            <label htmlFor="batch-hits-only">{t('screening.hitsOnly')}</label>
          </div>
          <BatchTable rows={shown} />
        </section>
      ) : null}
    </>
  );
}

function BatchTable({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const disclosure = (matches: Match[]) => {
    const best = [...matches].sort((a, b) => b.score - a.score)[0];
    if (!best) return t('screening.noMatch');
    return best.disclosure === 'full' ? <bdi dir="auto">{best.caption}</bdi> : t('screening.contactOwner', { owner: best.ownerName });
  };
  return (
    <div className="table-wrap">
      <table data-testid="batch-table">
        <caption className="visually-hidden">{t('screening.results')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('screening.subjectId')}</th>
            <th scope="col">{t('screening.name')}</th>
            <th scope="col">{t('screening.bestScore')}</th>
            <th scope="col">{t('screening.matchesColumn')}</th>
            <th scope="col">{t('screening.disclosure')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.id}-${i}`} className={r.error ? 'row-error' : r.matches.length > 0 ? 'row-hit' : undefined}>
              <td className="nowrap"><bdi dir="auto">{r.id}</bdi></td>
              <td className="cell-name"><bdi dir="auto">{r.name}</bdi></td>
              <td>{r.matches.length > 0 ? <Score score={Math.max(...r.matches.map((m) => m.score))} /> : '—'}</td>
              <td>{format.number(r.matches.length)}</td>
              <td>{r.error ? <span dir="auto">{t('screening.lineError', { error: r.error })}</span> : disclosure(r.matches)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
