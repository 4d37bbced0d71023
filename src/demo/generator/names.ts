import anyAscii from 'any-ascii';
import type { LocaleProfile } from './locales.ts';
import type { Random } from './random.ts';

/**
 * Name handling for synthetic people: composing full names in each locale's order,
 * romanising them (any-ascii: synthetic data, not the matcher), and the spelling
 * variations that real records of the same person carry across bureaus.
 */
export interface NameParts {
  given: string;
  /** Second given name, patronymic or father's name, by the locale's custom. */
  middle?: string | undefined;
  family: string;
}

const capitalise = (word: string) => (word ? word.charAt(0).toUpperCase() + word.slice(1) : word);

/** Latin letters for a name in any script: "Родионов" → "Rodionov", "جابالله" → "Jbllh". */
export function romanise(text: string): string {
  return anyAscii(text)
    .replace(/`/g, "'")
    .replace(/[^A-Za-z0-9' -]+/g, '')
    .replace(/(^|[ -])'+/g, '$1')
    .split(/\s+/)
    .filter(Boolean)
    .map(capitalise)
    .join(' ');
}

/** Lower-case ASCII letters and digits only, for e-mail addresses and handles. */
export const handle = (text: string): string => anyAscii(text).toLowerCase().replace(/[^a-z0-9]+/g, '');

/** The full name as the locale writes it. */
export function fullName(parts: NameParts, order: LocaleProfile['order']): string {
  switch (order) {
    case 'family-given-tight':
      return `${parts.family}${parts.given}`;
    case 'family-given':
      return [parts.family, parts.given].join(' ');
    case 'given-family':
      return [parts.given, parts.middle, parts.family].filter(Boolean).join(' ');
  }
}

/** The name in Latin letters, each part romanised on its own (Han and Hangul have no spaces to split on). */
export function romanParts(parts: NameParts): NameParts {
  return { given: romanise(parts.given), middle: parts.middle ? romanise(parts.middle) : undefined, family: romanise(parts.family) };
}

// Romanisation variants seen in real records (see docs on matching): one spelling in, another out.
const LATIN_VARIANTS: readonly (readonly [RegExp, string])[] = [
  [/^Moh?amm?[ae]d$/i, 'Muhammad'],
  [/^Muhamm?ad$/i, 'Mohamed'],
  [/^Yo?ussef$|^Yusuf$/i, 'Youssef'],
  [/^Hussein$/i, 'Husain'],
  [/^Abd[ -]?[ae]l/i, 'Abdul'],
  [/ov$/, 'off'],
  [/ova$/, 'owa'],
  [/^Aleksandr/, 'Alexander'],
  [/^Oleksandr/, 'Aleksandr'],
  [/zh/, 'j'],
  [/kh/, 'h'],
  [/sh/, 'ch'],
  [/ou/, 'u'],
  [/ph/, 'f'],
  [/ck/, 'k'],
  [/y/, 'i'],
  [/ie/, 'y'],
  [/ee/, 'i'],
  [/c(?=[aou])/, 'k'],
  [/([a-z])\1/, '$1'],
  [/e(?=[a-z]+$)/, 'a'],
  [/^Kim$/, 'Gim'],
  [/^Lee$|^I$/, 'Yi'],
];

/** A plausible other spelling of a Latin-script name, or the name itself when no rule applies. */
export function latinVariant(rnd: Random, name: string): string {
  const rules = LATIN_VARIANTS.filter(([pattern]) => pattern.test(name));
  if (rules.length) {
    const [pattern, replacement] = rnd.pick(rules);
    const changed = name.replace(pattern, replacement);
    if (changed !== name && changed.trim()) return changed;
  }
  return typo(rnd, name);
}

// Spellings of the same letters that Arabic, Persian, Cyrillic and Greek writers use interchangeably.
const NATIVE_VARIANTS: readonly (readonly [RegExp, string])[] = [
  [/[أإآ]/, 'ا'],
  [/ة/, 'ه'],
  [/ى/, 'ي'],
  [/ي$/, 'ى'],
  [/ك/, 'ک'],
  [/ی/, 'ي'],
  [/ё/, 'е'],
  [/й$/, 'и'],
  [/ї/, 'і'],
  [/ά/, 'α'],
  [/έ/, 'ε'],
  [/ό/, 'ο'],
  [/ί/, 'ι'],
];

/** A plausible other spelling of a name in its own script (hamza dropped, ё written е, accents left off…). */
export function nativeVariant(rnd: Random, name: string): string {
  const rules = NATIVE_VARIANTS.filter(([pattern]) => pattern.test(name));
  if (rules.length) return name.replace(...rnd.pick(rules));
  return name;
}

/** A keying error: two neighbouring letters swapped, or one dropped. */
function typo(rnd: Random, name: string): string {
  if (name.length < 4) return `${name}${name.slice(-1)}`;
  const at = rnd.int(1, name.length - 2);
  if (rnd.chance(0.5)) return name.slice(0, at) + (name[at + 1] ?? '') + (name[at] ?? '') + name.slice(at + 2);
  return name.slice(0, at) + name.slice(at + 1);
}

const TO_CYRILLIC: readonly (readonly [string, string])[] = [
  ['shch', 'щ'], ['sch', 'ш'], ['sh', 'ш'], ['ch', 'ч'], ['zh', 'ж'], ['kh', 'х'], ['ts', 'ц'], ['ya', 'я'], ['yu', 'ю'],
  ['ou', 'у'], ['ph', 'ф'], ['th', 'т'], ['a', 'а'], ['b', 'б'], ['c', 'к'], ['d', 'д'], ['e', 'е'], ['f', 'ф'], ['g', 'г'],
  ['h', 'х'], ['i', 'и'], ['j', 'дж'], ['k', 'к'], ['l', 'л'], ['m', 'м'], ['n', 'н'], ['o', 'о'], ['p', 'п'], ['q', 'к'],
  ['r', 'р'], ['s', 'с'], ['t', 'т'], ['u', 'у'], ['v', 'в'], ['w', 'в'], ['x', 'кс'], ['y', 'й'], ['z', 'з'],
];

/** How a Russian or Ukrainian bureau might write a foreign name: "Dupont" → "Дупонт". */
export function cyrillicOf(name: string): string {
  const lower = anyAscii(name).toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; ) {
    const hit = TO_CYRILLIC.find(([latin]) => lower.startsWith(latin, i));
    if (hit) {
      out += hit[1];
      i += hit[0].length;
    } else {
      out += lower[i] === ' ' || lower[i] === '-' ? lower[i] : '';
      i += 1;
    }
  }
  return out.split(/([ -])/).map(capitalise).join('');
}
