/**
 * The screening benchmark's data (screening.bench.ts): the generator's watch list (persons
 * with aliases in several scripts, each followed by the documents they hold) written as FtM
 * JSON lines, and the queries drawn on the way — names of loaded persons as another bureau
 * writes them (the generator's duplicates, kept out of the file), their aliases in another
 * script or reordered, names of persons generated with another seed (not loaded), numbers of
 * loaded documents (some with one OCR confusion) and numbers not loaded.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { generateEntities, type GeneratedEntity } from '../src/demo/generator/index.ts';
import { Random } from '../src/demo/generator/random.ts';
import { writeFtmLines } from '../src/demo/generator/write.ts';
import type { ScreeningQuery } from '../src/screening/screening.service.ts';

export interface BenchQuery {
  kind: 'name' | 'document';
  /** A query about a loaded record (`expected`: its source id), or about nobody loaded. */
  hit: boolean;
  variant: string;
  query: ScreeningQuery;
  expected?: string;
}

export interface QueryPlan {
  nameHits: number;
  nameMisses: number;
  documentHits: number;
  documentMisses: number;
}

export interface GeneratedData {
  persons: number;
  documents: number;
  seconds: number;
  fileMiB: number;
  queries: BenchQuery[];
}

// OCR and reading confusions, both ways (the index folds the same pairs).
const OCR: Record<string, string> = { 0: 'O', O: '0', 1: 'I', I: '1', 5: 'S', S: '5', 8: 'B', B: '8', 2: 'Z', Z: '2', 6: 'G', G: '6' };
const ABSENT_DOCUMENT_SHAPES = ['A9999999', '99AA99999', 'AA9999999', '999999999', 'C9AAXXXX9', 'AAA999999', 'U99999999', '9999 999999'];

/** The number with one character read as its look-alike, or null when none has one. */
export function ocrConfused(rnd: Random, number: string): string | null {
  const at = [...number].flatMap((ch, i) => (OCR[ch] ? [i] : []));
  if (at.length === 0) return null;
  const i = rnd.pick(at);
  return `${number.slice(0, i)}${OCR[number[i] ?? ''] ?? ''}${number.slice(i + 1)}`;
}

const subjectOf = (p: Record<string, string[]>, name: string): ScreeningQuery => ({
  name, birthDate: p.birthDate?.[0], nationality: p.nationality?.[0], gender: p.gender?.[0],
});

/** Family name first in capitals, as many forms and MRZs write it. */
const reordered = (p: Record<string, string[]>, fallback: string): string =>
  p.firstName?.[0] && p.lastName?.[0] ? `${p.lastName[0].toUpperCase()} ${p.firstName[0]}` : fallback;

/**
 * Generates `persons` persons (and the ~2.5 documents each holds) into `file`, streaming,
 * and draws the query set. Duplicates (another bureau's variant record of a loaded person)
 * are queries, never written.
 */
export async function generateData(seed: string, file: string, persons: number, plan: QueryPlan): Promise<GeneratedData> {
  const started = performance.now();
  const rnd = new Random(`${seed}-queries`);
  const queries: BenchQuery[] = [];
  const fromDuplicates = Math.ceil(plan.nameHits * 0.6);
  const fromAliases = plan.nameHits - fromDuplicates;
  const personStep = Math.max(1, Math.floor(persons / fromAliases));
  const documentStep = Math.max(1, Math.floor((persons * 2.5) / plan.documentHits));
  // Each original has 1.4 duplicates on average.
  const duplicates = Math.min(1, fromDuplicates / (1.4 * persons));
  let personCount = 0;
  let documentCount = 0;
  let duplicateQueries = 0;
  let aliasQueries = 0;
  let documentQueries = 0;

  function* loadable(): Generator<GeneratedEntity> {
    for (const generated of generateEntities({ seed, count: Number.MAX_SAFE_INTEGER, kind: 'screening', duplicates })) {
      const { entity } = generated;
      const p = entity.properties;
      if (generated.duplicateOf) {
        if (duplicateQueries < fromDuplicates) {
          duplicateQueries += 1;
          queries.push({ kind: 'name', hit: true, variant: `duplicate: ${(generated.variations ?? []).join(', ')}`, query: subjectOf(p, p.name?.[0] ?? ''), expected: generated.duplicateOf });
        }
        continue;
      }
      if (entity.schema === 'Person') {
        if (personCount === persons) return;
        personCount += 1;
        if (personCount % personStep === 0 && aliasQueries < fromAliases) {
          aliasQueries += 1;
          const alias = p.alias?.[0];
          const useAlias = alias && aliasQueries % 2 === 0;
          queries.push({ kind: 'name', hit: true, variant: useAlias ? 'alias in another script' : 'reordered name', expected: entity.id,
            query: subjectOf(p, useAlias ? alias : reordered(p, p.name?.[0] ?? '')) });
        }
      } else {
        documentCount += 1;
        const number = p.number?.[0];
        if (number && documentCount % documentStep === 0 && documentQueries < plan.documentHits) {
          const confused = documentQueries % 10 >= 7 ? ocrConfused(rnd, number) : null;
          documentQueries += 1;
          queries.push({ kind: 'document', hit: true, variant: confused ? 'one OCR confusion' : 'as printed', query: { documentNumber: confused ?? number }, expected: entity.id });
        }
      }
      yield generated;
    }
  }

  const out = fs.createWriteStream(file);
  await writeFtmLines(loadable(), out);
  await new Promise<void>((resolve, reject) => out.end(() => resolve()).on('error', reject));

  for (const { entity } of generateEntities({ seed: `${seed}-absent`, count: plan.nameMisses, kind: 'persons' })) {
    const p = entity.properties;
    queries.push({ kind: 'name', hit: false, variant: 'not loaded', query: subjectOf(p, p.alias?.[0] && rnd.chance(0.3) ? p.alias[0] : (p.name?.[0] ?? '')) });
  }
  for (let i = 0; i < plan.documentMisses; i += 1) {
    queries.push({ kind: 'document', hit: false, variant: 'not loaded', query: { documentNumber: rnd.pattern(rnd.pick(ABSENT_DOCUMENT_SHAPES)) } });
  }
  return { persons: personCount, documents: documentCount, seconds: (performance.now() - started) / 1000, fileMiB: fs.statSync(file).size / 2 ** 20, queries: shuffled(rnd, queries) };
}

/** Hits and no-hits mixed, as they come at a border. */
function shuffled<T>(rnd: Random, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = rnd.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * A passenger list of `count` subjects, as a border sees them: nearly all about nobody loaded
 * (the no-hit queries, in turn), one in a hundred about a loaded person or document.
 */
export function passengerList(queries: readonly BenchQuery[], count: number): string {
  const misses = queries.filter((q) => !q.hit);
  const hits = queries.filter((q) => q.hit);
  let lines = '';
  for (let i = 0; i < count; i += 1) {
    const pool = i % 100 === 99 && hits.length ? hits : misses;
    lines += `${JSON.stringify({ id: `p${i}`, ...pool[Math.floor(i / (pool === hits ? 100 : 1)) % pool.length]?.query })}\n`;
  }
  return lines;
}
