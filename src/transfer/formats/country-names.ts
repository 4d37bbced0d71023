/**
 * Country names as sanctions lists write them ("Iran", "Korea, North", "Burma",
 * "Congo, Democratic Republic of the", "Palestinian") → ISO 3166-1 alpha-2 codes, lower
 * case as the data model stores them. Built from the runtime's own English region names
 * (Intl.DisplayNames, no dependency) plus the list spellings those names do not cover.
 *
 * @example countryCode('Korea, North') // 'kp'
 *          countryCode('Atlantis')     // undefined
 */
export function countryCode(name: string): string | undefined {
  return byName().get(normalise(name));
}

/** A nationality adjective or list spelling → code, where it differs from the country's name. */
const LIST_SPELLINGS: Record<string, string> = {
  burma: 'mm',
  russia: 'ru',
  'russian federation': 'ru',
  iran: 'ir',
  'iran islamic republic of': 'ir',
  syria: 'sy',
  'syrian arab republic': 'sy',
  'korea north': 'kp',
  'north korea': 'kp',
  "democratic people's republic of korea": 'kp',
  'korea south': 'kr',
  'south korea': 'kr',
  'republic of korea': 'kr',
  'congo democratic republic of the': 'cd',
  'democratic republic of the congo': 'cd',
  'congo republic of the': 'cg',
  congo: 'cg',
  palestinian: 'ps',
  palestine: 'ps',
  'state of palestine': 'ps',
  'west bank': 'ps',
  gaza: 'ps',
  'gaza strip': 'ps',
  'the gambia': 'gm',
  gambia: 'gm',
  'north macedonia the republic of': 'mk',
  'north macedonia': 'mk',
  'czech republic': 'cz',
  'cabo verde': 'cv',
  'cape verde': 'cv',
  turkey: 'tr',
  taiwan: 'tw',
  'hong kong': 'hk',
  macau: 'mo',
  macao: 'mo',
  kosovo: 'xk',
  'cote d ivoire': 'ci',
  "cote d'ivoire": 'ci',
  'ivory coast': 'ci',
  'bosnia herzegovina': 'ba',
  laos: 'la',
  "lao people's democratic republic": 'la',
  vietnam: 'vn',
  'viet nam': 'vn',
  moldova: 'md',
  'republic of moldova': 'md',
  tanzania: 'tz',
  'united republic of tanzania': 'tz',
  bolivia: 'bo',
  venezuela: 've',
  brunei: 'bn',
  'comoros islands': 'km',
  'united states': 'us',
  usa: 'us',
  'united states of america': 'us',
  'united kingdom of great britain and northern ireland': 'gb',
  'vatican city': 'va',
  'holy see': 'va',
  micronesia: 'fm',
  'micronesia federated states of': 'fm',
  eswatini: 'sz',
  swaziland: 'sz',
  'timor leste': 'tl',
  'east timor': 'tl',
  'saint kitts and nevis': 'kn',
  'st kitts and nevis': 'kn',
  'saint vincent and the grenadines': 'vc',
  'saint lucia': 'lc',
  'sao tome and principe': 'st',
  'antigua and barbuda': 'ag',
  'trinidad and tobago': 'tt',
  'heard island and mcdonald islands': 'hm',
  'soviet union': 'suhh',
  ussr: 'suhh',
};

const normalise = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bst\.?(?=\s)/g, 'saint')
    .replace(/[’`]/g, "'")
    .replace(/[.,()\-–]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

let table: Map<string, string> | undefined;

function byName(): Map<string, string> {
  if (table) return table;
  table = new Map();
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) {
    for (const b of letters) {
      const name = names.of(a + b);
      if (!name || /^\d/.test(name)) continue;
      // "Myanmar (Burma)", "Hong Kong SAR China", "Congo - Kinshasa": keep the plain part too.
      for (const variant of [name, name.replace(/\s*\(.*\)$/, ''), name.replace(/ SAR China$/, '')]) table.set(normalise(variant), (a + b).toLowerCase());
    }
  }
  for (const [name, code] of Object.entries(LIST_SPELLINGS)) table.set(normalise(name), code);
  return table;
}
