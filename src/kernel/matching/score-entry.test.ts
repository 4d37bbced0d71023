import { describe, expect, it } from 'vitest';
import { nameTokens } from './name-tokens.ts';
import type { IndexEntry } from '../index/index-entry.ts';
import { scoreEntry, type ScreeningSubject } from './score-entry.ts';
import { DEFAULT_THRESHOLD } from './score-entry.ts';

const listed = (birthDates: string[], extra: Partial<IndexEntry> = {}): IndexEntry => ({
  id: '00000000-0000-4000-8000-000000000001', version: 1, schema: 'Person', dataset: 'test', sourceId: null, ownerOrg: 'ncb',
  names: [nameTokens('Maria Garcia Lopez')], birthDates, nationalities: ['es'], gender: 'female', identifiers: [], ...extra,
});
const subject = (birthDate: string, extra: Partial<ScreeningSubject> = {}): ScreeningSubject => ({
  names: [nameTokens('Maria Garcia Lopez')], birthDate, nationality: 'es', gender: 'female', identifiers: [], ...extra,
});
const birthDateFeature = (s: ReturnType<typeof scoreEntry>) => s.features.find((f) => f.feature === 'birthDate');

describe('birth date evidence', () => {
  it('keeps a perfect namesake born years apart below the threshold, even with the nationality agreeing', () => {
    const scored = scoreEntry(subject('1980-03-04'), listed(['1955-07-01']));
    expect(birthDateFeature(scored)?.agreement).toBe('disagrees');
    expect(scored.score).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('still raises that namesake when the document number matches', () => {
    const scored = scoreEntry(subject('1980-03-04', { identifiers: ['XDA123456'] }), listed(['1955-07-01'], { identifiers: ['XDA123456'] }));
    expect(scored.score).toBeGreaterThanOrEqual(0.97);
  });

  it('reads a year one digit off or with two digits swapped, on the same day and month, as a clerical error', () => {
    for (const [asked, held] of [['1975-03-12', '1957-03-12'], ['1975-03-12', '1985-03-12']] as const) {
      const scored = scoreEntry(subject(asked), listed([held]));
      expect(birthDateFeature(scored)).toMatchObject({ agreement: 'partly', effect: 0 });
      expect(scored.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    }
    // Another day as well: no longer one slip of the pen.
    expect(birthDateFeature(scoreEntry(subject('1975-03-12'), listed(['1957-04-12'])))?.agreement).toBe('disagrees');
  });

  it('gives credit for day and month transposed, for the year alone, and none either way for a year apart', () => {
    expect(birthDateFeature(scoreEntry(subject('1975-03-12'), listed(['1975-12-03'])))).toMatchObject({ agreement: 'partly', effect: 0.05 });
    expect(birthDateFeature(scoreEntry(subject('1975-03-12'), listed(['1975'])))).toMatchObject({ agreement: 'partly', effect: 0.05 });
    expect(birthDateFeature(scoreEntry(subject('1975-03-12'), listed(['1976-08-30'])))).toBeUndefined();
    expect(birthDateFeature(scoreEntry(subject('1975-03-12'), listed(['1975-03-12'])))).toMatchObject({ agreement: 'agrees', effect: 0.1 });
  });
});
