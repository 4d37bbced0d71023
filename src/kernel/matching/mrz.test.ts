import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.ts';
import { alpha2, parseMrz } from './mrz.ts';

const TODAY = new Date('2025-06-01T00:00:00Z');
const read = (text: string) => parseMrz(text, { today: TODAY });
const UTOPIA_TD3 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';
// ICAO Doc 9303 part 6 TD2 specimen, written out here.
const UTOPIA_TD2 = 'I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6';

/** The error thrown by `fn`, or a failure if it returns. */
function errorOf(fn: () => unknown): { code: string; details?: Record<string, unknown>; message: string } {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const SPECIMENS = fileURLToPath(new URL('../../../../shared/research-data/mrz/mrz_specimens.tsv', import.meta.url));
const specimens = existsSync(SPECIMENS)
  ? readFileSync(SPECIMENS, 'utf8').trim().split('\n').slice(1).map((row) => {
      const [format, line1, line2, line3, valid, note] = row.split('\t');
      return { format, text: [line1, line2, line3].filter(Boolean).join('\n'), valid: valid === 'true', note: note ?? '' };
    })
  : [];
if (specimens.length === 0) console.info(`MRZ specimens not found at ${SPECIMENS}: specimen tests skipped.`);

describe.skipIf(specimens.length === 0)('MRZ specimens from shared research data', () => {
  it.each(specimens.map((s) => [s.note, s] as const))('reads %s', (_note, specimen) => {
    const doc = read(specimen.text);
    expect(doc.format).toBe(specimen.format);
    expect(doc.valid).toBe(specimen.valid);
    expect(doc.documentNumber).not.toBe('');
    expect(doc.surname).not.toBe('');
  });

  it('reports the negative case invalid, names the failing composite digit and still returns the fields', () => {
    const negative = specimens.find((s) => !s.valid);
    const doc = read(negative?.text ?? '');
    expect(doc.valid).toBe(false);
    expect(doc.checkDigits.filter((c) => !c.valid)).toEqual([expect.objectContaining({ field: 'composite', line: 2, column: 44 })]);
    expect(doc).toMatchObject({ documentNumber: 'L898902C', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', birthDate: '1969-08-06', expiryDate: '1994-06-23' });
  });
});

describe('reading an MRZ', () => {
  it('reads a TD3 passport, converting dates, sex and names', () => {
    expect(read(UTOPIA_TD3)).toMatchObject({
      format: 'TD3', valid: true, documentType: 'passport', documentCode: 'P', documentNumber: 'L898902C3',
      issuingState: null, issuingStateCode: 'UTO', birthDate: '1974-08-12', expiryDate: '2012-04-15', sex: 'female',
      surname: 'ERIKSSON', givenNames: 'ANNA MARIA',
    });
    expect(read(UTOPIA_TD3).checkDigits.map((c) => c.field)).toEqual(['documentNumber', 'birthDate', 'expiryDate', 'personalNumber', 'composite']);
  });

  it('reads a TD2 card and says the fictional state is not a country', () => {
    const doc = read(UTOPIA_TD2);
    expect(doc).toMatchObject({ format: 'TD2', valid: true, documentType: 'id', documentNumber: 'D23145890', birthDate: '1974-08-12', nationalityCode: 'UTO' });
    expect(doc.problems).toEqual(expect.arrayContaining([expect.stringContaining('UTO')]));
  });

  it('reads a German passport, whose state code is the single letter D', () => {
    const doc = read('P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0');
    expect(doc).toMatchObject({ valid: true, issuingState: 'de', nationality: 'de', documentNumber: 'C01X0006H' });
  });

  it('tolerates lower case, CRLF, surrounding blank lines, spaces inside lines and guillemets for fillers', () => {
    const noisy = '\r\n  p‹utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<\r\n\r\nL898902C3 6UTO74O8122F12O4159ZE184226B<<<<<10  \r\n';
    const doc = read(noisy);
    expect(doc).toMatchObject({ valid: true, documentNumber: 'L898902C3', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', birthDate: '1974-08-12', expiryDate: '2012-04-15' });
    expect(doc.corrections).toEqual(expect.arrayContaining([expect.stringContaining("'O' read as '0'"), expect.stringContaining('guillemets')]));
  });

  it('takes « as << when only that gives an MRZ line length', () => {
    const guillemets = UTOPIA_TD3.split('\n')[0]?.replace(/<</g, '«') ?? '';
    expect(guillemets).toBe('P<UTOERIKSSON«ANNA<MARIA«««««««««<');
    const doc = read(`${guillemets}\nL898902C36UTO7408122F1204159ZE184226B<<<<<10`);
    expect(doc).toMatchObject({ valid: true, surname: 'ERIKSSON', givenNames: 'ANNA MARIA' });
  });

  it('reports a wrong document number check digit but still returns the number', () => {
    const doc = read(UTOPIA_TD3.replace('L898902C36', 'L898902C37'));
    expect(doc.valid).toBe(false);
    expect(doc.checkDigits.filter((c) => !c.valid).map((c) => c.field)).toEqual(['documentNumber', 'composite']);
    expect(doc.documentNumber).toBe('L898902C3');
  });

  it('reports a document code the format does not allow as a problem, keeping the fields', () => {
    const doc = read(UTOPIA_TD3.replace('P<UTO', 'X<UTO'));
    expect(doc.problems).toEqual(expect.arrayContaining([expect.stringContaining('First character must be P')]));
    expect(doc).toMatchObject({ documentType: 'other', documentNumber: 'L898902C3', valid: true });
  });

  it('resolves two-digit years: births never in the future, expiries nearest to today', () => {
    const born = (yymmdd: string) => read(UTOPIA_TD3.replace('740812', yymmdd)).birthDate;
    expect(born('250531')).toBe('2025-05-31');
    expect(born('250602')).toBe('1925-06-02');
    expect(born('741312')).toBeNull();
    const expires = (yymmdd: string) => read(UTOPIA_TD3.replace('120415', yymmdd)).expiryDate;
    expect(expires('350101')).toBe('2035-01-01');
    expect(expires('980101')).toBe('1998-01-01');
  });
});

describe('unreadable MRZ input', () => {
  it.each([
    ['one line', UTOPIA_TD3.split('\n')[0] ?? '', 'expected 2 or 3 lines'],
    ['a short first line', 'P<UTO\nL898902C3', 'line 1 has 5 characters'],
    ['a short second line', UTOPIA_TD3.slice(0, -1), 'line 2 has 43 characters; each line of a TD3 has 44'],
    ['a TD1 with two lines', 'I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6', 'a TD1 MRZ (lines of 30) has 3 lines'],
    ['a character no MRZ has', UTOPIA_TD3.replace('ERIKSSON', 'ERIKSSÖN'), "line 1 has 'Ö' at column 12"],
  ])('fails with a validation error naming the line for %s', (_case, text, message) => {
    const error = errorOf(() => read(text));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain(message);
  });
});

describe('ICAO state codes', () => {
  it.each([['FRA', 'fr'], ['D', 'de'], ['GBD', 'gb'], ['RKS', 'xk'], ['EUE', 'eu'], ['XXA', null], ['XPO', null], ['UTO', null]])('gives %s as %s', (icao, iso) => {
    expect(alpha2(icao)).toBe(iso);
  });
});
