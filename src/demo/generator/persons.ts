import { passportNumber, phoneNumber } from './identifiers.ts';
import { pickProfile, type FakerPool, type LocaleProfile } from './locales.ts';
import { fullName, handle, romanParts, type NameParts } from './names.ts';
import type { Random } from './random.ts';
import type { FtmEntity } from './types.ts';

/**
 * A synthetic individual — the truth behind one or more records — and the Person
 * entity a bureau would hold about them.
 */
export interface PersonFacts {
  /** Stable key of the individual: every record of the same person shares it. */
  identity: string;
  profile: LocaleProfile;
  country: string;
  gender: 'male' | 'female';
  names: NameParts;
  /** The same names in Latin letters. */
  roman: NameParts;
  birthDate: string;
  birthPlace: string;
  passport: string;
  phones: string[];
  email: string;
  address: string;
}

/** Dates are drawn relative to this fixed day so the same seed gives the same data any day. */
export const REFERENCE_DATE = '2025-06-30';
export const REFERENCE_YEAR = Number(REFERENCE_DATE.slice(0, 4));

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A calendar date (YYYY-MM-DD) in the given year range. */
export function randomDate(rnd: Random, fromYear: number, toYear: number): string {
  const year = rnd.int(fromYear, toYear);
  const month = rnd.int(1, 12);
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const day = rnd.int(1, (DAYS_IN_MONTH[month - 1] ?? 28) + (leap ? 1 : 0));
  const date = `${year}-${pad(month)}-${pad(day)}`;
  // Nothing happens after the reference day: a date past it moves a year back.
  return date > REFERENCE_DATE ? `${year - 1}${date.slice(4)}`.replace(/-02-29$/, '-02-28') : date;
}

const SECOND_NATIONALITY: Record<string, string> = { ma: 'fr', dz: 'fr', tn: 'fr', tr: 'de', sy: 'de', pk: 'gb', ng: 'gb', sn: 'fr', co: 'es', ar: 'es', br: 'pt', lb: 'fr', am: 'ru', ua: 'pl' };
export const secondNationality = (country: string): string | undefined => SECOND_NATIONALITY[country];

export interface PersonOptions {
  profile?: LocaleProfile;
  /** Give this family name (relatives, members of a family clan). */
  family?: { native: string; profile: LocaleProfile };
  gender?: 'male' | 'female';
  /** Oldest and youngest age, at the reference date. */
  ages?: [number, number];
}

export function newPersonFacts(rnd: Random, fakers: FakerPool, options: PersonOptions = {}): PersonFacts {
  const profile = options.family?.profile ?? options.profile ?? pickProfile(rnd);
  const faker = fakers.for(profile);
  const country = rnd.weighted(profile.countries);
  const gender = options.gender ?? (rnd.chance(0.72) ? 'male' : 'female');
  const given = faker.person.firstName(gender);
  const family = options.family?.native ?? faker.person.lastName(gender);
  const middle = middleName(rnd, profile, faker, gender);
  const names: NameParts = { given, middle, family };
  const roman = romanParts(names);
  const [minAge, maxAge] = options.ages ?? [17, 72];
  const city = faker.location.city();
  const mailName = `${handle(roman.given) || 'contact'}${rnd.pick(['.', '_', ''])}${handle(roman.family) || 'mail'}`;
  const mail = faker.internet.email({ firstName: mailName, lastName: '' }).toLowerCase();
  return {
    identity: `person-${rnd.uuid()}`,
    profile,
    country,
    gender,
    names,
    roman,
    birthDate: randomDate(rnd, REFERENCE_YEAR - maxAge, REFERENCE_YEAR - minAge),
    birthPlace: faker.location.city(),
    passport: passportNumber(rnd, country),
    phones: Array.from({ length: rnd.chance(0.25) ? 2 : 1 }, () => phoneNumber(rnd, country)),
    email: /^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}$/.test(mail) ? mail : `${mailName}@example.org`,
    address: `${faker.location.streetAddress()}, ${faker.location.zipCode()} ${city}`,
  };
}

function middleName(rnd: Random, profile: LocaleProfile, faker: ReturnType<FakerPool['for']>, gender: 'male' | 'female'): string | undefined {
  switch (profile.middle) {
    case 'patronymic':
      return faker.person.middleName(gender);
    case 'father':
      return rnd.chance(0.6) ? faker.person.firstName('male') : undefined;
    case 'given':
      return rnd.chance(0.35) ? faker.person.firstName(gender) : undefined;
    case 'none':
      return undefined;
  }
}

const EYES = ['brown', 'dark brown', 'hazel', 'green', 'blue', 'grey', 'black'];
const HAIR = ['black', 'dark brown', 'brown', 'fair', 'red', 'grey', 'bald', 'dyed blond'];
const MARKS = [
  'Tattoo of a scorpion on the left forearm',
  'Scar above the right eyebrow',
  'Gold front tooth',
  'Tattoo "1312" on the knuckles of the right hand',
  'Missing little finger, left hand',
  'Burn scar on the neck',
  'Walks with a limp (right leg)',
  'Tattoo of a rose and a dagger on the chest',
];
const TOPICS = [['crime'], ['wanted'], ['crime.terror'], ['crime.traffick'], ['crime.fin'], ['crime.boss'], ['poi'], ['crime.theft']];

/** What the owning bureau records about the person: names in their own script, often a romanised alias, and some of the rest. */
export function personEntity(rnd: Random, id: string, facts: PersonFacts, options: { passportNumber?: boolean } = {}): FtmEntity {
  const { names, roman, profile } = facts;
  const properties: Record<string, string[]> = { name: [fullName(names, profile.order)] };
  const latinAlias = fullName(roman, profile.order === 'family-given-tight' ? 'family-given' : profile.order);
  if (profile.script !== 'Latin' ? rnd.chance(0.85) : latinAlias !== properties.name?.[0] && rnd.chance(0.5)) properties.alias = [latinAlias];
  properties.firstName = [names.given];
  properties.lastName = [names.family];
  if (names.middle) properties[profile.middle === 'given' ? 'middleName' : 'fatherName'] = [names.middle];
  properties.gender = [facts.gender];
  properties.birthDate = [rnd.chance(0.04) ? facts.birthDate.slice(0, 4) : facts.birthDate];
  if (rnd.chance(0.6)) properties.birthPlace = [facts.birthPlace];
  if (rnd.chance(0.4)) properties.birthCountry = [facts.country];
  const second = secondNationality(facts.country);
  properties.nationality = second && rnd.chance(0.08) ? [facts.country, second] : [facts.country];
  if (options.passportNumber && rnd.chance(0.35)) properties.passportNumber = [facts.passport];
  if (rnd.chance(0.4)) properties.phone = facts.phones;
  if (rnd.chance(0.3)) properties.email = [facts.email];
  if (rnd.chance(0.4)) properties.address = [facts.address];
  if (rnd.chance(0.3)) properties.height = [String(facts.gender === 'male' ? rnd.int(160, 198) : rnd.int(150, 185))];
  if (rnd.chance(0.2)) {
    properties.eyeColor = [rnd.pick(EYES)];
    properties.hairColor = [rnd.pick(HAIR)];
  }
  if (rnd.chance(0.08)) properties.distinguishingMarks = [rnd.pick(MARKS)];
  if (rnd.chance(0.3)) properties.topics = rnd.pick(TOPICS);
  return { id, schema: 'Person', properties };
}
