/** Codes CLDR names that are not countries or territories (EU, UN, unknown, pseudo-locales, reserved). */
const NOT_COUNTRIES = new Set(['AC', 'CP', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'ZZ']);
const cache = new Map<string, { code: string; name: string }[]>();
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Every country and territory named in the reader's language, sorted for that language
 * (Intl has no list of regions, so each two-letter code is asked for its name).
 */
export function countriesIn(locale: string): { code: string; name: string }[] {
  const known = cache.get(locale);
  if (known) return known;
  const names = new Intl.DisplayNames(locale, { type: 'region', fallback: 'none' });
  const list: { code: string; name: string }[] = [];
  for (const a of LETTERS) {
    for (const b of LETTERS) {
      const code = a + b;
      if (NOT_COUNTRIES.has(code)) continue;
      const name = names.of(code);
      if (name && name !== code) list.push({ code: code.toLowerCase(), name });
    }
  }
  list.sort((x, y) => x.name.localeCompare(y.name, locale));
  cache.set(locale, list);
  return list;
}
