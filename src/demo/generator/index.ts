import type { CrimeArea } from '../../kernel/records/record-meta.ts';
import { nextCase, type Case } from './cases.ts';
import { FakerPool } from './locales.ts';
import { newPersonFacts, personEntity, type PersonFacts } from './persons.ts';
import { Random } from './random.ts';
import { screeningCase } from './screening.ts';
import type { GeneratedEntity } from './types.ts';
import { duplicateEntity } from './variants.ts';

export type { FtmEntity, GeneratedEntity, Variation } from './types.ts';
export { isValidIban, isValidVin } from './identifiers.ts';

/**
 * The synthetic data generator: realistic, multi-script police data as FollowTheMoney
 * entities, streamed one at a time (a million never sit in memory) and fully determined
 * by the seed.
 *
 * @example
 *   for (const { entity, duplicateOf } of generateEntities({ seed: 7, count: 1000, duplicates: 0.1 })) {
 *     out.write(`${JSON.stringify(entity)}\n`);
 *   }
 */
export interface GenerateOptions {
  seed: number | string;
  /** Exactly how many entities to yield. */
  count: number;
  /** Share of persons (0–1) that another bureau also holds, as one to three variant records. Default 0. */
  duplicates?: number;
  /**
   * `persons`: Person entities only, as in a bulk nominal file (benchmarks).
   * `cases` (default): persons within cases — criminal groups and memberships, passports,
   * vehicles, firearms, bank accounts, payments, events, family ties.
   * `screening`: a watch list — each person with aliases in several scripts, followed by the
   * 1–4 identity and travel documents they hold (Passport, Identification; 2.5 on average),
   * linked to them (benchmarks: 4 M persons come with 10 M documents).
   */
  kind?: 'persons' | 'cases' | 'screening';
}

const PERSON_AREAS: readonly (readonly [CrimeArea, number])[] = [
  ['fugitive', 4], ['organised_crime', 4], ['drug_trafficking', 3], ['terrorism', 2], ['financial_crime', 2], ['violent_crime', 2],
  ['human_trafficking', 1], ['migrant_smuggling', 1], ['missing_person', 1], ['cybercrime', 1], ['crimes_against_children', 1],
];

interface PendingDuplicate {
  facts: PersonFacts;
  originalId: string;
  crimeArea: CrimeArea;
}

export function* generateEntities(options: GenerateOptions): Generator<GeneratedEntity> {
  const rnd = new Random(options.seed);
  const fakers = new FakerPool(rnd);
  const rate = Math.min(Math.max(options.duplicates ?? 0, 0), 1);
  // Duplicates come out a little later than their original, as records from other bureaus would.
  const window = Math.min(Math.max(Math.floor(options.count / 20), 3), 2000);
  const pending = new Map<number, PendingDuplicate[]>();
  let emitted = 0;
  let tick = 0;
  let caseNo = 0;
  while (emitted < options.count) {
    tick += 1;
    for (const dup of pending.get(tick) ?? []) {
      if (emitted >= options.count) return;
      const { entity, variations } = duplicateEntity(rnd, rnd.uuid(), dup.facts);
      emitted += 1;
      caseNo += 1;
      yield { entity, caseNo, crimeArea: dup.crimeArea, country: dup.facts.country, identity: dup.facts.identity, duplicateOf: dup.originalId, variations };
    }
    pending.delete(tick);
    caseNo += 1;
    const next = options.kind === 'persons' ? personCase(rnd, fakers) : options.kind === 'screening' ? screeningCase(rnd, fakers) : nextCase(rnd, fakers);
    for (const entity of next.entities) {
      if (emitted >= options.count) return;
      emitted += 1;
      const facts = next.persons.get(entity.id);
      yield { entity, caseNo, crimeArea: next.crimeArea, country: next.country, ...(facts ? { identity: facts.identity } : {}) };
    }
    if (rate === 0) continue;
    for (const [originalId, facts] of next.persons) {
      if (!rnd.chance(rate)) continue;
      for (let copies = rnd.weighted([[1, 7], [2, 2], [3, 1]]); copies > 0; copies -= 1) {
        const at = tick + rnd.int(1, window);
        const list = pending.get(at) ?? [];
        list.push({ facts, originalId, crimeArea: next.crimeArea });
        pending.set(at, list);
      }
    }
  }
}

function personCase(rnd: Random, fakers: FakerPool): Case {
  const facts = newPersonFacts(rnd, fakers);
  const entity = personEntity(rnd, rnd.uuid(), facts, { passportNumber: true });
  return { crimeArea: rnd.weighted(PERSON_AREAS), country: facts.country, entities: [entity], persons: new Map([[entity.id, facts]]) };
}

/** One line of a truth file: this record and `sameAs` are the same person. */
export interface TruthLine {
  id: string;
  sameAs: string;
  identity: string;
  variations: string[];
}

/** The truth line for a generated duplicate, or null for anything else. */
export function truthOf(generated: GeneratedEntity): TruthLine | null {
  if (!generated.duplicateOf || !generated.identity) return null;
  return { id: generated.entity.id, sameAs: generated.duplicateOf, identity: generated.identity, variations: generated.variations ?? [] };
}
