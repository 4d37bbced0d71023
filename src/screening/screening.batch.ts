import readline from 'node:readline';
import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { z } from 'zod';
import type { Actor } from '../kernel/access/actor.ts';
import { subjectFields } from './screening.schema.ts';
import type { MatchedSubject, ScreeningOptions, ScreeningQuery, ScreeningResult, ScreeningService } from './screening.service.ts';

/** The most a batch may send: a day's passenger lists of a large airport fit well within it. */
export const BATCH_MAX_BYTES = 20 * 1024 * 1024;
export const BATCH_MAX_SUBJECTS = 100_000;

export const BATCH_TYPES = { csv: ['text/csv'], jsonl: ['application/x-ndjson', 'application/jsonl'] } as const;
export type BatchFormat = keyof typeof BATCH_TYPES;

export const batchFormatOf = (contentType: string | undefined): BatchFormat | undefined => {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return (Object.keys(BATCH_TYPES) as BatchFormat[]).find((f) => (BATCH_TYPES[f] as readonly string[]).includes(type));
};

const FIELDS = ['name', 'birthDate', 'nationality', 'gender', 'documentNumber', 'mrz'] as const;
/** Each line is checked as the fields of a single check are. */
const lineSchema = z.object(subjectFields);

interface Subject {
  line: number;
  id?: string | undefined;
  query?: ScreeningQuery;
  error?: string;
}

/** Stops the stream with an error once more than `max` bytes went through it. */
function capped(input: Readable, max: number): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > max ? new Error(`the body is larger than ${max / 1024 / 1024} MB; split the list`) : null, chunk);
    },
  });
  input.on('error', (error) => counter.destroy(error));
  return input.pipe(counter);
}

function fromRecord(raw: Record<string, unknown>, line: number): Subject {
  const str = (key: string) => (typeof raw[key] === 'string' || typeof raw[key] === 'number' ? String(raw[key]).trim() || undefined : undefined);
  const parsed = lineSchema.safeParse(Object.fromEntries(FIELDS.map((f) => [f, str(f)])));
  if (!parsed.success) return { line, id: str('id'), error: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') };
  return { line, id: str('id'), query: parsed.data };
}

async function* jsonLines(input: Readable): AsyncGenerator<Subject> {
  let line = 0;
  for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    if (!text.trim()) continue;
    try {
      const raw: unknown = JSON.parse(text);
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not an object');
      yield fromRecord(raw as Record<string, unknown>, line);
    } catch {
      yield { line, error: 'not a JSON object' };
    }
  }
}

async function* csvLines(input: Readable): AsyncGenerator<Subject> {
  const parser = input.pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  input.on('error', (error) => parser.destroy(error));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield fromRecord(record, info.lines);
  }
}

export interface BatchLine {
  id?: string;
  line?: number;
  checkId?: string;
  matches?: unknown[];
  error?: string;
  summary?: { subjects: number; hits: number; errors: number; seconds: number; stopped?: string };
}

/** Subjects screened together: their hits commit in one transaction. */
const GROUP = 64;

/** A group whose matching has started (in the index's threads); its hits are recorded when its turn comes. */
interface GroupInFlight {
  group: Subject[];
  screenable: Subject[];
  matched: Promise<MatchedSubject[]>;
}

/**
 * Screens a passenger list, yielding one line per subject in input order, then a summary.
 * Memory stays flat: the list is read as it arrives and screened GROUP subjects at a time,
 * each group's hits recorded in one transaction (a commit per subject would cost more than
 * screening it) and its lines written before the next group's. One group is matched ahead: the
 * index's threads match it while this thread records the group before (hits, audit,
 * notifications), so neither waits on the other. A bad line is reported with its line number; a
 * body over the cap stops the batch with the reason in the summary. The caller checks the
 * permission first: once lines are streamed, the status is sent.
 */
export async function* screenBatch(screening: ScreeningService, actor: Actor, input: Readable, format: BatchFormat, options: ScreeningOptions): AsyncGenerator<BatchLine> {
  const started = performance.now();
  const totals = { subjects: 0, hits: 0, errors: 0 };
  let stopped: string | undefined;
  let group: Subject[] = [];
  const inFlight: GroupInFlight[] = [];
  const start = (subjects: Subject[]) => {
    const screenable = subjects.filter((s) => !s.error && s.query);
    const matched = screening.matchMany(actor, screenable.map((s) => s.query as ScreeningQuery), options);
    // Awaited in its turn (finishGroup); until then a failure must not count as unhandled.
    matched.catch(() => undefined);
    inFlight.push({ group: subjects, screenable, matched });
  };
  const body = capped(input, BATCH_MAX_BYTES);
  try {
    for await (const subject of format === 'csv' ? csvLines(body) : jsonLines(body)) {
      if (totals.subjects >= BATCH_MAX_SUBJECTS) {
        stopped = `more than ${BATCH_MAX_SUBJECTS} subjects; split the list`;
        break;
      }
      totals.subjects += 1;
      group.push(subject);
      if (group.length < GROUP) continue;
      start(group);
      group = [];
      if (inFlight.length > 1) yield* finishGroup(screening, actor, inFlight.shift() as GroupInFlight, options, totals);
    }
  } catch (error) {
    stopped = error instanceof Error ? error.message : String(error);
  }
  if (group.length) start(group);
  while (inFlight.length) yield* finishGroup(screening, actor, inFlight.shift() as GroupInFlight, options, totals);
  yield { summary: { ...totals, seconds: Math.round((performance.now() - started) / 10) / 100, ...(stopped ? { stopped } : {}) } };
}

async function* finishGroup(screening: ScreeningService, actor: Actor, { group, screenable, matched }: GroupInFlight, options: ScreeningOptions,
  totals: { hits: number; errors: number }): AsyncGenerator<BatchLine> {
  let results: (ScreeningResult | Error)[];
  try {
    results = await screening.recordMany(actor, await matched, options);
  } catch (error) {
    // The group's hits could not be recorded: none of its subjects counts as screened.
    const failed = error instanceof Error ? error : new Error(String(error));
    results = screenable.map(() => failed);
  }
  const resultOf = new Map(screenable.map((s, i) => [s, results[i]]));
  for (const subject of group) {
    const id = subject.id ?? String(subject.line);
    const result = resultOf.get(subject);
    if (!result || result instanceof Error) {
      totals.errors += 1;
      const reason = result instanceof Error ? result.message : (subject.error ?? 'nothing to screen');
      yield { id, line: subject.line, matches: [], error: `line ${subject.line}: ${reason}` };
      continue;
    }
    totals.hits += result.matches.filter((m) => m.hitId).length;
    yield { id, line: subject.line, checkId: result.checkId, matches: result.matches };
  }
}
