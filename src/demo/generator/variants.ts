import { cyrillicOf, fullName, latinVariant, nativeVariant, type NameParts } from './names.ts';
import type { PersonFacts } from './persons.ts';
import type { Random } from './random.ts';
import type { FtmEntity, Variation } from './types.ts';

/**
 * Another bureau's record of the same person, with the differences that make
 * cross-checking hard: another spelling, day and month swapped, only the year of birth,
 * a middle name left out, the name written in another script, family name first.
 */
export function duplicateEntity(rnd: Random, id: string, facts: PersonFacts): { entity: FtmEntity; variations: Variation[] } {
  const variations = rnd.sample(possibleVariations(facts), rnd.weighted([[1, 5], [2, 4], [3, 1]]));
  const has = (v: Variation) => variations.includes(v);
  const latinProfile = facts.profile.script === 'Latin';
  // Which letters the other bureau wrote the name in.
  let names: NameParts = !has('other-script') ? facts.names : latinProfile ? mapParts(facts.names, cyrillicOf) : facts.roman;
  let alias: NameParts | undefined = !latinProfile && !has('other-script') && rnd.chance(0.6) ? facts.roman : undefined;
  if (has('spelling')) {
    const latinWritten = latinProfile ? !has('other-script') : has('other-script');
    names = respell(rnd, names, latinWritten ? latinVariant : nativeVariant);
    if (!latinProfile) alias = respell(rnd, facts.roman, latinVariant);
  }
  if (has('missing-middle-name')) {
    names = { ...names, middle: undefined };
    if (alias) alias = { ...alias, middle: undefined };
  }
  const order = facts.profile.order;
  const properties: Record<string, string[]> = {
    name: [has('name-order') ? `${names.family.toUpperCase()} ${[names.given, names.middle].filter(Boolean).join(' ')}` : fullName(names, has('other-script') && order === 'family-given-tight' ? 'family-given' : order)],
    firstName: [names.given],
    lastName: [names.family],
    gender: [facts.gender],
    birthDate: [birthDateAsWritten(facts.birthDate, variations)],
    nationality: [facts.country],
  };
  if (alias) properties.alias = [fullName(alias, order === 'family-given-tight' ? 'family-given' : order)];
  if (names.middle) properties[facts.profile.middle === 'given' ? 'middleName' : 'fatherName'] = [names.middle];
  if (rnd.chance(0.3)) properties.passportNumber = [facts.passport];
  if (rnd.chance(0.3)) properties.phone = [rnd.pick(facts.phones)];
  if (rnd.chance(0.2)) properties.birthPlace = [facts.birthPlace];
  return { entity: { id, schema: 'Person', properties }, variations };
}

function possibleVariations(facts: PersonFacts): Variation[] {
  const out: Variation[] = ['spelling', 'other-script'];
  const day = Number(facts.birthDate.slice(8, 10));
  const month = Number(facts.birthDate.slice(5, 7));
  out.push(day <= 12 && day !== month ? 'transposed-date' : 'year-only-date');
  if (facts.names.middle) out.push('missing-middle-name');
  if (facts.profile.order === 'given-family') out.push('name-order');
  return out;
}

function birthDateAsWritten(date: string, variations: Variation[]): string {
  if (variations.includes('year-only-date')) return date.slice(0, 4);
  if (variations.includes('transposed-date')) return `${date.slice(0, 5)}${date.slice(8, 10)}-${date.slice(5, 7)}`;
  return date;
}

const mapParts = (parts: NameParts, f: (s: string) => string): NameParts => ({
  given: f(parts.given),
  middle: parts.middle ? f(parts.middle) : undefined,
  family: f(parts.family),
});

/** The family name respelled, and the given name too four times in ten. */
function respell(rnd: Random, parts: NameParts, variant: (rnd: Random, name: string) => string): NameParts {
  return { ...parts, family: variant(rnd, parts.family), given: rnd.chance(0.4) ? variant(rnd, parts.given) : parts.given };
}
