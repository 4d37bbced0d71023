import { describe, expect, it } from 'vitest';
import { compareFirearms, normaliseMake, normaliseSerial } from './firearms.ts';

describe('firearm makes', () => {
  it.each([
    ['GLOCK Ges.m.b.H.', 'Glock'], ['Izhmash', 'Kalashnikov'], ["Colt's Manufacturing", 'Colt'], ['S&W', 'Smith & Wesson'],
    ['Smith and Wesson', 'Smith & Wesson'], ['Pietro Beretta', 'Beretta'], ['SIG', 'SIG Sauer'], ['Sauer & Sohn', 'SIG Sauer'],
    ['H&K', 'Heckler & Koch'], ['HK', 'Heckler & Koch'], ['Fabrique Nationale', 'FN Herstal'], ['Česká zbrojovka', 'CZ'],
    ['Zastava', 'Zastava'], ['NORINCO', 'Norinco'], ['Taurus', 'Taurus'], ['Sturm, Ruger', 'Ruger'],
  ])('know %s as %s', (alias, canonical) => {
    expect(normaliseMake(alias)).toBe(canonical);
  });

  it('fold an unknown maker so that its spellings still meet', () => {
    expect(normaliseMake('Steyr-Mannlicher')).toBe(normaliseMake('STEYR MANNLICHER'));
  });
});

describe('firearm serials', () => {
  it('are normalised to upper case without separators', () => {
    expect(normaliseSerial('ab-c 123')).toBe('ABC123');
  });

  it('match with OCR tolerance, raised by an agreeing make and lowered by a different one', () => {
    const glock = { serial: 'ABC123', make: 'Glock' };
    expect(compareFirearms(glock, { serial: 'A8C123', make: 'GLOCK Ges.m.b.H.' })).toMatchObject({ score: 0.9, how: 'ocr-variant', make: 'agrees' });
    expect(compareFirearms(glock, { serial: 'ABC123' })).toMatchObject({ score: 0.85, make: 'unknown' });
    const other = compareFirearms(glock, { serial: 'ABC123', make: 'Beretta' });
    expect(other).toMatchObject({ score: 0.45, make: 'differs' });
    expect(other.explanation).toContain('different makes (Glock / Beretta)');
  });

  it('keeps different serials apart even when the makes agree', () => {
    expect(compareFirearms({ serial: 'ABC123', make: 'Glock' }, { serial: 'XYZ789', make: 'Glock' }).score).toBe(0);
  });
});
