import { cleanEntity, getSchema } from '../kernel/model/registry.ts';
import type { NewRecord } from '../kernel/records/record-writer.ts';
import type { CrimeArea, HandlingCode, RestrictionMode, SourceReliability } from '../kernel/records/record-meta.ts';
import { recordIdFor } from '../kernel/records/record.ts';
import { generateEntities, type FtmEntity, type GeneratedEntity } from './generator/index.ts';
import { Random } from './generator/random.ts';

/**
 * The demo's records: generated multi-script cases, each owned by one bureau (mostly the
 * bureau of the country the case is about), with a realistic mix of restrictions,
 * handling codes, evaluations and review dates — some overdue. Duplicates of a person
 * are owned by another bureau, as they would be.
 */
export const DEMO_DATASET = 'demo';
export const DEMO_SEED = 'passerelle-demo';
export const DEMO_RECORD_COUNT = 400;

const NCBS: Record<string, string> = { fr: 'ncb-fr', ma: 'ncb-ma', es: 'ncb-es', ng: 'ncb-ng', br: 'ncb-br', jo: 'ncb-jo', de: 'ncb-de', th: 'ncb-th' };
const NCB_IDS = Object.values(NCBS);
const MEMBERS = [...NCB_IDS, 'unit-cyber-eu'];

const H3_NOTES = [
  'Covert investigation in progress: do not contact or alert the subject.',
  'Not to be shared with partner organisations.',
  'For identification of the victim only; no enforcement action.',
  'Ask the owning bureau before any operational use.',
];
const OPERATIONS = ['TRIDENT', 'SAHEL', 'NEPTUNE', 'ORION', 'ATLAS', 'CONDOR', 'LOTUS', 'MISTRAL', 'SIROCCO', 'AMAZONAS'];

export interface DemoRecordOptions {
  /** The day review dates count from. */
  today: Date;
  /** Review period for records that are not overdue, in years. */
  reviewYears: number;
}

interface CaseMeta {
  ownerOrg: string;
  restriction: { mode: RestrictionMode; orgs: string[] };
  handling: { code: HandlingCode; note: string | null };
  evaluation: { source: SourceReliability; information: number };
  reviewDate: string;
  purpose: string;
}

/** The demo records, in the generator's order (referenced records first). */
export function buildDemoRecords(options: DemoRecordOptions): NewRecord[] {
  const rnd = new Random(`${DEMO_SEED}:meta`);
  const recordIds = new Map<string, string>();
  const ownerOf = new Map<string, string>();
  const metaOfCase = new Map<number, CaseMeta>();
  const records: NewRecord[] = [];
  for (const generated of generateEntities({ seed: DEMO_SEED, count: DEMO_RECORD_COUNT, duplicates: 0.12 })) {
    let meta = metaOfCase.get(generated.caseNo);
    if (!meta) {
      const avoid = generated.duplicateOf ? ownerOf.get(generated.duplicateOf) : undefined;
      meta = caseMeta(rnd, generated, avoid, options);
      metaOfCase.set(generated.caseNo, meta);
    }
    ownerOf.set(generated.entity.id, meta.ownerOrg);
    const id = recordIdFor(DEMO_DATASET, generated.entity.id);
    recordIds.set(generated.entity.id, id);
    const cleaned = cleanEntity(generated.entity.schema, withRecordIds(generated.entity, recordIds));
    if (!cleaned.ok) throw new Error(`demo entity ${generated.entity.id} is invalid: ${JSON.stringify(cleaned.problems)}`);
    records.push({
      id,
      entity: cleaned.entity,
      dataset: DEMO_DATASET,
      sourceId: generated.entity.id,
      ownerOrg: meta.ownerOrg,
      crimeArea: generated.crimeArea,
      purpose: meta.purpose,
      restriction: meta.restriction,
      handling: meta.handling,
      evaluation: meta.evaluation,
      reviewDate: meta.reviewDate,
      importId: null,
    });
  }
  return records;
}

/** The entity's references rewritten from generator ids to record ids, as an FtM import would. */
function withRecordIds(entity: FtmEntity, recordIds: Map<string, string>): Record<string, string[]> {
  const schema = getSchema(entity.schema);
  return Object.fromEntries(
    Object.entries(entity.properties).map(([prop, values]) =>
      schema?.properties[prop]?.type === 'entity' ? [prop, values.map((v) => recordIds.get(v) ?? v)] : [prop, values],
    ),
  );
}

function caseMeta(rnd: Random, generated: GeneratedEntity, avoidOwner: string | undefined, options: DemoRecordOptions): CaseMeta {
  const ownerOrg = chooseOwner(rnd, generated, avoidOwner);
  const others = [...MEMBERS, 'partner-unodc'].filter((o) => o !== ownerOrg);
  const mode = rnd.weighted<RestrictionMode>([['everyone', 5], ['only_listed', 2], ['all_except', 2], ['owner_and_hub', 2]]);
  const orgs = mode === 'only_listed' ? rnd.sample(others, rnd.int(1, 3)) : mode === 'all_except' ? rnd.sample(others.filter((o) => o !== 'partner-unodc'), rnd.int(1, 2)) : [];
  const code = rnd.weighted<HandlingCode>([['H0', 9], ['H1', 5], ['H2', 4], ['H3', 2]]);
  return {
    ownerOrg,
    restriction: { mode, orgs: orgs.sort() },
    handling: { code, note: code === 'H3' ? rnd.pick(H3_NOTES) : null },
    evaluation: { source: rnd.weighted<SourceReliability>([['A', 2], ['B', 4], ['C', 3], ['X', 1]]), information: rnd.weighted([[1, 2], [2, 4], [3, 3], [4, 1]]) },
    reviewDate: reviewDate(rnd, options),
    purpose: purposeFor(rnd, generated.crimeArea),
  };
}

function chooseOwner(rnd: Random, generated: GeneratedEntity, avoid: string | undefined): string {
  const candidates = NCB_IDS.filter((o) => o !== avoid);
  if (generated.crimeArea === 'cybercrime' && avoid !== 'unit-cyber-eu' && rnd.chance(0.7)) return 'unit-cyber-eu';
  if (generated.crimeArea === 'drug_trafficking' && avoid !== 'partner-unodc' && rnd.chance(0.15)) return 'partner-unodc';
  const home = NCBS[generated.country];
  if (home && home !== avoid && rnd.chance(0.85)) return home;
  return rnd.pick(candidates);
}

/** Mostly one to `reviewYears` years ahead; about one case in eight already overdue. */
function reviewDate(rnd: Random, options: DemoRecordOptions): string {
  const days = rnd.chance(0.12) ? -rnd.int(1, 400) : rnd.int(30, options.reviewYears * 365);
  return new Date(options.today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

const PURPOSES: Partial<Record<CrimeArea, string>> = {
  organised_crime: 'Investigation into an organised crime group',
  drug_trafficking: 'Investigation into cocaine and cannabis trafficking routes',
  terrorism: 'Prevention of terrorist travel and financing',
  financial_crime: 'Money-laundering investigation and asset tracing',
  corruption: 'Corruption investigation, proceeds held abroad',
  fugitive: 'Locating a fugitive wanted for prosecution',
  missing_person: 'Locating a missing person',
  human_trafficking: 'Identification of victims and traffickers',
  migrant_smuggling: 'Dismantling a smuggling route',
  firearms_trafficking: 'Tracing trafficked firearms',
  vehicle_crime: 'Recovery of stolen vehicles',
  cybercrime: 'Ransomware investigation',
};

function purposeFor(rnd: Random, area: CrimeArea): string {
  return `${PURPOSES[area] ?? 'Criminal investigation'} (operation ${rnd.pick(OPERATIONS)})`;
}
