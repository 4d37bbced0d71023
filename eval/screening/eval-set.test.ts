import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RESEARCH_DATA, nameKey, readJsonLines, readSdn, sdnNameKeys, type SdnEntry } from './sdn.ts';
import { MRZ_RECORDS_FILE, NEGATIVES_FILE, VARIANTS_FILE, mrzQueries, senzingQueries, senzingWatchlist, type MrzRecord, type NegativeLine, type VariantLine } from './sets.ts';

const MINIMUM: Record<string, number> = { typo: 40, reordered: 40, 'dropped-middle': 40, romanisation: 40, 'native-script': 100, alias: 40, 'with-dob': 40 };
const present = fs.existsSync(RESEARCH_DATA);
if (!present) console.log(`eval-set.test: ${RESEARCH_DATA} is absent, so the checks against the public data are skipped.`);

describe('the screening evaluation set', () => {
  const variants = readJsonLines<VariantLine>(VARIANTS_FILE);
  const negatives = readJsonLines<NegativeLine>(NEGATIVES_FILE);

  it('has at least 400 SDN variants, each kind with its minimum count', () => {
    expect(variants.length).toBeGreaterThanOrEqual(400);
    const counts = new Map<string, number>();
    for (const v of variants) counts.set(v.kind, (counts.get(v.kind) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(Object.keys(MINIMUM).sort());
    for (const [kind, minimum] of Object.entries(MINIMUM)) expect(counts.get(kind), kind).toBeGreaterThanOrEqual(minimum);
  });

  it('writes every variant with a target and a name, dates as ISO prefixes and countries as two letters', () => {
    for (const v of variants) {
      expect(v.target).toMatch(/^\d+$/);
      expect(v.query.name?.trim()).toBeTruthy();
      if (v.query.birthDate) expect(v.query.birthDate).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      if (v.query.nationality) expect(v.query.nationality).toMatch(/^[a-z]{2}$/);
    }
  });

  it('has at least 500 negatives with distinct ids and names', () => {
    expect(negatives.length).toBeGreaterThanOrEqual(500);
    expect(new Set(negatives.map((n) => n.id)).size).toBe(negatives.length);
    expect(new Set(negatives.map((n) => nameKey(n.query.name ?? ''))).size).toBe(negatives.length);
  });

  it('reads one record per valid MRZ specimen', () => {
    expect(readJsonLines<MrzRecord>(MRZ_RECORDS_FILE).map((r) => r.specimen)).toEqual([1, 2, 3, 4]);
  });

  describe.skipIf(!present)('against the public data', () => {
    const sdn = present ? readSdn() : new Map<string, SdnEntry>();

    it('targets only SDN entries that exist and are individuals', () => {
      const wrong = variants.filter((v) => sdn.get(v.target)?.type !== 'individual').map((v) => v.target);
      expect(wrong).toEqual([]);
      expect(new Set(variants.map((v) => v.target)).size).toBeGreaterThanOrEqual(150);
    });

    it('has no negative whose name is an SDN name or alias, ignoring case, order and punctuation', () => {
      const keys = sdnNameKeys(sdn.values());
      expect(negatives.filter((n) => keys.has(nameKey(n.query.name ?? ''))).map((n) => n.query.name)).toEqual([]);
    });

    it('finds Senzing queries with watchlist targets, Senzing negatives, and one negative MRZ', () => {
      const { queries } = senzingQueries(senzingWatchlist());
      expect(queries.filter((q) => q.kind === 'senzing').every((q) => q.targets.length > 0)).toBe(true);
      expect(queries.filter((q) => q.kind === 'senzing-negative').length).toBeGreaterThan(0);
      const mrz = mrzQueries();
      expect(mrz.filter((q) => q.kind === 'mrz').map((q) => q.targets.length)).toEqual([2, 2, 2, 2]);
      expect(mrz.filter((q) => q.kind === 'mrz-negative')).toHaveLength(1);
    });
  });
});
