import { passportProps } from './assets.ts';
import type { Case } from './cases.ts';
import { passportNumber } from './identifiers.ts';
import type { FakerPool } from './locales.ts';
import { cyrillicOf, fullName, latinVariant } from './names.ts';
import { newPersonFacts, personEntity, randomDate, REFERENCE_YEAR, type PersonFacts } from './persons.ts';
import type { Random } from './random.ts';
import type { FtmEntity } from './types.ts';

/**
 * A screening watch list: each person with several aliases (their name in their own script,
 * Latin spellings, a Cyrillic rendering as an eastern bureau writes it) and the identity
 * and travel documents they hold — 1 to 4, 2.5 on average: a passport, an identity card, an
 * earlier passport, a residence permit or driving licence — each linked to its holder.
 */
type Props = Record<string, string | string[] | undefined>;

// Documents per person, weighted: 2.5 on average (4 M persons hold 10 M documents).
const DOCUMENTS_PER_PERSON: readonly (readonly [number, number])[] = [[1, 2], [2, 3], [3, 3], [4, 2]];

// National identity card numbers, shaped by country; others get the fallback.
const ID_CARD_PATTERNS: Record<string, string> = {
  fr: 'XXXXXXXXX', de: 'LXXXXXXXX', es: '99999999A', it: 'CA99999AA', ma: 'A999999', dz: '999999999', tr: 'A99A99999',
  ru: '9999 999999', ua: '999999999', cn: '999999999999999999', gr: 'AA 999999', br: '999999999', pk: '99999-9999999-9',
};
const OTHER_DOCUMENTS = ['residence permit', 'driving licence', 'seafarer identity document'];

export function screeningCase(rnd: Random, fakers: FakerPool): Case {
  const facts = newPersonFacts(rnd, fakers);
  const person = personEntity(rnd, rnd.uuid(), facts);
  addAliases(rnd, person, facts);
  const entities: FtmEntity[] = [person];
  const count = rnd.weighted(DOCUMENTS_PER_PERSON);
  const documents: ((holder: string) => FtmEntity)[] = [
    (holder) => ({ id: rnd.uuid(), schema: 'Passport', properties: clean(passportProps(rnd, holder, facts)) }),
    (holder) => ({ id: rnd.uuid(), schema: 'Identification', properties: clean(identityCard(rnd, holder, facts)) }),
    (holder) => ({ id: rnd.uuid(), schema: 'Passport', properties: clean(earlierPassport(rnd, holder, facts)) }),
    (holder) => ({ id: rnd.uuid(), schema: 'Identification', properties: clean(otherDocument(rnd, holder, facts)) }),
  ];
  for (const make of documents.slice(0, count)) entities.push(make(person.id));
  return { crimeArea: rnd.weighted([['fugitive', 4], ['terrorism', 2], ['organised_crime', 3], ['other', 3]] as const), country: facts.country, entities, persons: new Map([[person.id, facts]]) };
}

/** More names the person is known by: another Latin spelling, and a Cyrillic rendering of a Latin name. */
function addAliases(rnd: Random, person: FtmEntity, facts: PersonFacts): void {
  const aliases = person.properties.alias ?? [];
  const order = facts.profile.order === 'family-given-tight' ? 'family-given' : facts.profile.order;
  if (facts.profile.script !== 'Latin' && rnd.chance(0.3)) aliases.push(fullName({ ...facts.roman, family: latinVariant(rnd, facts.roman.family) }, order));
  if (facts.profile.script === 'Latin' && rnd.chance(0.25)) aliases.push(fullName({ given: cyrillicOf(facts.names.given), family: cyrillicOf(facts.names.family) }, order));
  const distinct = [...new Set(aliases)].filter((a) => a && a !== person.properties.name?.[0]);
  if (distinct.length) person.properties.alias = distinct;
}

function validity(rnd: Random, years: number, fromYear = REFERENCE_YEAR - years - 1, toYear = REFERENCE_YEAR - 1): { startDate: string; endDate: string } {
  const startDate = randomDate(rnd, fromYear, toYear);
  return { startDate, endDate: `${Number(startDate.slice(0, 4)) + years}${startDate.slice(4)}`.replace(/-02-29$/, '-02-28') };
}

function identityCard(rnd: Random, holder: string, facts: PersonFacts): Props {
  return {
    number: rnd.pattern(ID_CARD_PATTERNS[facts.country] ?? 'A99999999'),
    type: 'national identity card',
    country: facts.country,
    holder,
    ...validity(rnd, 10),
    documentStatus: rnd.weighted([['valid', 6], ['stolen', 2], ['lost', 2]] as const),
  };
}

/** The passport before the current one: another number, expired or revoked. */
function earlierPassport(rnd: Random, holder: string, facts: PersonFacts): Props {
  const status = rnd.weighted([['expired', 3], ['revoked', 1]] as const);
  const props = passportProps(rnd, holder, { ...facts, passport: passportNumber(rnd, facts.country) }, status === 'expired' ? 'valid' : status);
  return { ...props, ...validity(rnd, 10, REFERENCE_YEAR - 25, REFERENCE_YEAR - 11), documentStatus: status };
}

function otherDocument(rnd: Random, holder: string, facts: PersonFacts): Props {
  return { number: rnd.pattern('AA9999999'), type: rnd.pick(OTHER_DOCUMENTS), country: rnd.chance(0.5) ? facts.country : rnd.pick(['fr', 'de', 'es', 'it', 'gb', 'nl']), holder, ...validity(rnd, 5), documentStatus: 'valid' };
}

const clean = (props: Props): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(props)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (values.length) out[key] = [...new Set(values)];
  }
  return out;
};
