import { ar, base, de, el, en, en_NG, es, fa, Faker, fr, he, hy, ja, ko, pt_BR, ru, th, tr, uk, ur, zh_CN, type LocaleDefinition } from '@faker-js/faker';
import type { Random } from './random.ts';

/**
 * Where synthetic people come from: each profile pairs one of faker's native-script locales
 * with the countries whose nationals get its names, how full names are written there, and
 * how often it appears in the mix. The mix leans on what international police data holds:
 * Arabic, Latin, Cyrillic and Han names first.
 */
export type Script = 'Latin' | 'Arabic' | 'Hebrew' | 'Cyrillic' | 'Greek' | 'Armenian' | 'Han' | 'Japanese' | 'Hangul' | 'Thai';

export interface LocaleProfile {
  key: string;
  script: Script;
  definitions: LocaleDefinition;
  /** Nationalities for this locale's names, weighted. */
  countries: readonly (readonly [string, number])[];
  weight: number;
  /** given-family: "Anna Petrova"; family-given: "榎本 雄大"; family-given-tight: "祝辉". */
  order: 'given-family' | 'family-given' | 'family-given-tight';
  /** What stands between given and family name: a patronymic (ru, uk), a father's name (Arabic), a second given name, or nothing. */
  middle: 'patronymic' | 'father' | 'given' | 'none';
  /** Words for naming a criminal group in this locale: `{name}` is a family name or a city. */
  groupNames: readonly string[];
}

export const PROFILES: readonly LocaleProfile[] = [
  { key: 'ar', script: 'Arabic', definitions: ar, weight: 12, order: 'given-family', middle: 'father',
    countries: [['ma', 4], ['jo', 3], ['eg', 2], ['dz', 2], ['tn', 1], ['iq', 1], ['sy', 1], ['lb', 1], ['sa', 1], ['ae', 1]],
    groupNames: ['عصابة {name}', 'شبكة {name}', 'جماعة {name}'] },
  { key: 'fa', script: 'Arabic', definitions: fa, weight: 3, order: 'given-family', middle: 'none', countries: [['ir', 4], ['af', 1]], groupNames: ['باند {name}'] },
  { key: 'ur', script: 'Arabic', definitions: ur, weight: 3, order: 'given-family', middle: 'none', countries: [['pk', 1]], groupNames: ['{name} گینگ'] },
  { key: 'he', script: 'Hebrew', definitions: he, weight: 2, order: 'given-family', middle: 'none', countries: [['il', 1]], groupNames: ['ארגון {name}'] },
  { key: 'ru', script: 'Cyrillic', definitions: ru, weight: 6, order: 'given-family', middle: 'patronymic', countries: [['ru', 1]], groupNames: ['{name}ская группировка', 'банда {name}'] },
  { key: 'uk', script: 'Cyrillic', definitions: uk, weight: 3, order: 'given-family', middle: 'patronymic', countries: [['ua', 1]], groupNames: ['угруповання {name}'] },
  { key: 'el', script: 'Greek', definitions: el, weight: 2, order: 'given-family', middle: 'none', countries: [['gr', 4], ['cy', 1]], groupNames: ['Συμμορία {name}'] },
  { key: 'hy', script: 'Armenian', definitions: hy, weight: 2, order: 'given-family', middle: 'none', countries: [['am', 1]], groupNames: ['{name} խումբ'] },
  { key: 'zh_CN', script: 'Han', definitions: zh_CN, weight: 5, order: 'family-given-tight', middle: 'none', countries: [['cn', 1]], groupNames: ['{name}氏集团', '{name}帮'] },
  { key: 'ja', script: 'Japanese', definitions: ja, weight: 2, order: 'family-given', middle: 'none', countries: [['jp', 1]], groupNames: ['{name}組', '{name}一家'] },
  { key: 'ko', script: 'Hangul', definitions: ko, weight: 2, order: 'family-given-tight', middle: 'none', countries: [['kr', 1]], groupNames: ['{name}파'] },
  { key: 'th', script: 'Thai', definitions: th, weight: 3, order: 'given-family', middle: 'none', countries: [['th', 1]], groupNames: ['แก๊ง{name}'] },
  { key: 'en', script: 'Latin', definitions: en, weight: 6, order: 'given-family', middle: 'given',
    countries: [['gb', 3], ['us', 3], ['ie', 1], ['au', 1], ['ca', 1]], groupNames: ['{name} Crew', '{name} Firm', 'The {name} Syndicate'] },
  { key: 'en_NG', script: 'Latin', definitions: en_NG, weight: 5, order: 'given-family', middle: 'given', countries: [['ng', 4], ['gh', 1]], groupNames: ['{name} Confraternity', 'Black {name} Cult'] },
  { key: 'fr', script: 'Latin', definitions: fr, weight: 8, order: 'given-family', middle: 'given',
    countries: [['fr', 6], ['be', 1], ['ch', 1], ['sn', 1]], groupNames: ['Clan {name}', 'Réseau {name}', 'Bande à {name}'] },
  { key: 'es', script: 'Latin', definitions: es, weight: 7, order: 'given-family', middle: 'none',
    countries: [['es', 5], ['mx', 2], ['co', 2], ['ar', 1]], groupNames: ['Cártel de {name}', 'Clan {name}', 'Los {name}'] },
  { key: 'pt_BR', script: 'Latin', definitions: pt_BR, weight: 5, order: 'given-family', middle: 'given', countries: [['br', 1]], groupNames: ['Comando {name}', 'Facção {name}'] },
  { key: 'de', script: 'Latin', definitions: de, weight: 5, order: 'given-family', middle: 'given', countries: [['de', 5], ['at', 1], ['ch', 1]], groupNames: ['{name}-Clan', 'Bande {name}'] },
  { key: 'tr', script: 'Latin', definitions: tr, weight: 4, order: 'given-family', middle: 'none', countries: [['tr', 1]], groupNames: ['{name} çetesi', '{name}ler'] },
];

const PROFILE_WEIGHTS = PROFILES.map((p) => [p, p.weight] as const);

export const pickProfile = (rnd: Random): LocaleProfile => rnd.weighted(PROFILE_WEIGHTS);

/** The profile whose names a national of `country` most likely has (Latin English as a fallback). */
export function profileForCountry(country: string): LocaleProfile {
  return PROFILES.find((p) => p.countries.some(([c]) => c === country)) ?? (PROFILES.find((p) => p.key === 'en') as LocaleProfile);
}

/** One faker per locale, all drawing from the run's Random so the whole run is reproducible. */
export class FakerPool {
  private readonly fakers = new Map<string, Faker>();

  constructor(private readonly rnd: Random) {}

  for(profile: LocaleProfile): Faker {
    let faker = this.fakers.get(profile.key);
    if (!faker) {
      faker = new Faker({ locale: [profile.definitions, en, base], randomizer: this.rnd });
      this.fakers.set(profile.key, faker);
    }
    return faker;
  }
}

/** Unicode script of a name, as a regular expression (for tests and statistics). */
export const SCRIPT_PATTERNS: Record<Script, RegExp> = {
  Latin: /\p{Script=Latin}/u,
  Arabic: /\p{Script=Arabic}/u,
  Hebrew: /\p{Script=Hebrew}/u,
  Cyrillic: /\p{Script=Cyrillic}/u,
  Greek: /\p{Script=Greek}/u,
  Armenian: /\p{Script=Armenian}/u,
  Han: /\p{Script=Han}/u,
  Japanese: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
  Hangul: /\p{Script=Hangul}/u,
  Thai: /\p{Script=Thai}/u,
};
