import { compareIdentifiers, type IdentifierComparison } from './documents.ts';

/**
 * Firearms compared by serial number and make. A serial is unique only within a maker
 * (and often short: Glock's 'ABC123'), so the make weighs heavily. The alias table is
 * hand-written: no package lists gun makers' trading names.
 */

/** One line per maker: the canonical name, then aliases, folded (lower case, no accents or punctuation). */
const MAKERS = `
Glock | glock | glock gmbh | glock gesmbh | glock ges m b h
Kalashnikov | kalashnikov | kalashnikov concern | izhmash | izhevsk mechanical plant
Colt | colt | colts manufacturing | colts manufacturing company | colt manufacturing
Smith & Wesson | smith wesson | s w | sw | smith and wesson
Beretta | beretta | pietro beretta | fabbrica d armi pietro beretta
SIG Sauer | sig sauer | sig | sauer | sauer sohn | j p sauer sohn | sig sauer inc
Heckler & Koch | heckler koch | heckler and koch | h k | hk
FN Herstal | fn herstal | fn | fabrique nationale | fabrique nationale d herstal | fnh
CZ | cz | ceska zbrojovka | ceska zbrojovka uhersky brod | cz ub
Zastava | zastava | zastava arms | zastava oruzje
Norinco | norinco | china north industries
Taurus | taurus | forjas taurus | taurus armas
Ruger | ruger | sturm ruger | sturm ruger co
Walther | walther | carl walther
Browning | browning | browning arms
`;

const ALIASES = new Map<string, string>();
for (const line of MAKERS.trim().split('\n')) {
  const [canonical, ...aliases] = line.split('|').map((s) => s.trim());
  if (canonical) for (const alias of aliases) ALIASES.set(alias, canonical);
}

/** Lower case, accents dropped, '&', apostrophes and punctuation as word breaks, company suffixes kept. */
function foldMake(make: string): string {
  return make
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]s\b/g, 's')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The maker's canonical name when it is in the alias table, else the name folded (lower
 * case, no accents or punctuation) so that spellings of an unknown maker still meet.
 *
 * @example normaliseMake('GLOCK Ges.m.b.H.') // 'Glock'
 * @example normaliseMake('Česká zbrojovka') // 'CZ'
 */
export function normaliseMake(make: string): string {
  const folded = foldMake(make);
  return ALIASES.get(folded) ?? folded;
}

/**
 * A serial number as stamped: upper case, no spaces, dashes, dots or slashes.
 *
 * @example normaliseSerial('ab-c 123') // 'ABC123'
 */
export function normaliseSerial(serial: string): string {
  return serial.normalize('NFKC').toUpperCase().replace(/[\s\-‐‑–.·/]+/gu, '');
}

export interface Firearm {
  serial: string;
  make?: string;
}

export interface FirearmComparison extends IdentifierComparison {
  serial: IdentifierComparison;
  make: 'agrees' | 'differs' | 'unknown';
}

/**
 * How the make changes a serial match: agreeing makes confirm it (×1); an unknown make
 * leaves it unconfirmed (×0.85); different makes make it likely a coincidence between two
 * makers' series (×0.45), though not impossible (a make entered wrongly, a licence-built gun).
 */
const MAKE_FACTOR = { agrees: 1, unknown: 0.85, differs: 0.45 } as const;

/**
 * Scores a firearm query against a record: serial with OCR tolerance, raised or lowered
 * by whether the makes agree.
 *
 * @example compareFirearms({ serial: 'ABC123', make: 'Glock' }, { serial: 'A8C123', make: 'GLOCK Ges.m.b.H.' }).score // 0.9
 */
export function compareFirearms(query: Firearm, candidate: Firearm): FirearmComparison {
  const serial = compareIdentifiers(normaliseSerial(query.serial), normaliseSerial(candidate.serial), 'serial');
  const qm = query.make ? normaliseMake(query.make) : '';
  const cm = candidate.make ? normaliseMake(candidate.make) : '';
  const make = !qm || !cm ? 'unknown' : qm === cm ? 'agrees' : 'differs';
  const makeReason = make === 'agrees' ? `same make (${qm})` : make === 'differs' ? `different makes (${qm} / ${cm})` : 'make not known on both sides';
  return {
    score: Math.round(serial.score * MAKE_FACTOR[make] * 1000) / 1000,
    how: serial.how,
    explanation: serial.how === 'different' ? serial.explanation : `${serial.explanation}; ${makeReason}`,
    serial,
    make,
  };
}
