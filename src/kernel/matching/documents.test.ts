import { describe, expect, it } from 'vitest';
import { compareDocuments, compareIdentifiers, normaliseDocumentNumber, ocrKey } from './documents.ts';

describe('document numbers', () => {
  it('are normalised to upper case without spaces, dashes, dots or MRZ fillers', () => {
    expect(normaliseDocumentNumber(' l898-902.c<< ')).toBe('L898902C');
    expect(normaliseDocumentNumber('12 AB 34567')).toBe('12AB34567');
  });

  it('collapse OCR-confusable characters in their index key', () => {
    for (const [a, b] of [['O', '0'], ['I', '1'], ['B', '8'], ['S', '5'], ['Z', '2'], ['G', '6'], ['Q', '0'], ['D', '0'], ['L', '1']]) {
      expect(ocrKey(`X${a}9`), `${a}/${b}`).toBe(ocrKey(`X${b}9`));
    }
    expect(ocrKey('L898902C')).toBe('1898902C');
    expect(ocrKey('AB1234')).not.toBe(ocrKey('AB1235'));
  });
});

describe('comparing identifiers', () => {
  it('tells exact, OCR variant, one edit and different apart', () => {
    expect(compareIdentifiers('L898902C', 'L898902C')).toMatchObject({ score: 1, how: 'exact' });
    expect(compareIdentifiers('L898902C', 'L8989O2C')).toMatchObject({ score: 0.9, how: 'ocr-variant' });
    expect(compareIdentifiers('L898902C', 'L898902CX')).toMatchObject({ score: 0.7, how: 'one-edit' });
    expect(compareIdentifiers('L898902C', 'L899802C')).toMatchObject({ how: 'one-edit' });
    expect(compareIdentifiers('L898902C', 'M123456C')).toMatchObject({ score: 0, how: 'different' });
  });

  it('scores weaker confusions (Q/0, D/0, L/1) below the classic OCR-B ones', () => {
    expect(compareIdentifiers('C01X0006H', 'CD1X0006H')).toMatchObject({ score: 0.8, how: 'ocr-variant' });
    expect(compareIdentifiers('C01X0006H', 'C01X0006H'.replace('0', 'O'))).toMatchObject({ score: 0.9 });
  });

  it('does not take one edit between short numbers for a match', () => {
    expect(compareIdentifiers('12345', '12346').how).toBe('different');
  });

  it('explains which characters were taken as misread', () => {
    expect(compareIdentifiers('AB5678', 'A85678').explanation).toContain('B/8 at 2');
  });
});

describe('comparing documents', () => {
  it('scores the same number from the same state and type 1', () => {
    expect(compareDocuments({ number: '12AB34567', country: 'fr', type: 'passport' }, { number: '12 ab 34567', country: 'FR', type: 'passport' })).toMatchObject({ score: 1, how: 'exact' });
  });

  it('halves a match on a number issued by another state, and says why', () => {
    const result = compareDocuments({ number: '123456789', country: 'gb' }, { number: '123456789', country: 'us' });
    expect(result.score).toBe(0.5);
    expect(result.explanation).toContain('issued by gb in the query but us in the record');
  });

  it('discounts a little when the country is not known on both sides, or the types differ', () => {
    expect(compareDocuments({ number: '123456789' }, { number: '123456789', country: 'gb' }).score).toBe(0.9);
    expect(compareDocuments({ number: '123456789', country: 'gb', type: 'passport' }, { number: '123456789', country: 'gb', type: 'id' }).score).toBe(0.85);
    expect(compareDocuments({ number: '123456789', country: 'gb', type: 'other' }, { number: '123456789', country: 'gb', type: 'id' }).score).toBe(1);
  });

  it('finds a misread number and combines the discounts', () => {
    const result = compareDocuments({ number: 'L8989O2C', country: 'fr', type: 'id' }, { number: 'L898902C', country: 'de', type: 'passport' });
    expect(result).toMatchObject({ how: 'ocr-variant', score: 0.383 });
  });

  it('scores different numbers 0 whatever the country', () => {
    expect(compareDocuments({ number: 'AB123456', country: 'fr' }, { number: 'XY987654', country: 'fr' })).toMatchObject({ score: 0, how: 'different' });
  });
});
