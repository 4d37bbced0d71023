import { describe, expect, it } from 'vitest';
import { iban, isValidIban, isValidVin, mod97, vin, vinCheckDigit, IBAN_COUNTRIES } from './identifiers.ts';
import { Random } from './random.ts';

describe('vehicle identification numbers', () => {
  it('agree with published VINs on the check digit', () => {
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(isValidVin('1HGCM82633A004352')).toBe(true);
    expect(isValidVin('1HGCM82643A004352')).toBe(false);
  });

  it('are generated with a correct check digit and never the letters I, O or Q', () => {
    const rnd = new Random(3);
    for (let i = 0; i < 500; i += 1) {
      const value = vin(rnd, 'VF1', 2000 + (i % 26));
      expect(isValidVin(value), value).toBe(true);
      expect(value).not.toMatch(/[IOQ]/);
    }
  });
});

describe('IBANs', () => {
  it('agree with published IBANs on the check digits', () => {
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('FR1420041010050500013M02606')).toBe(true);
    expect(isValidIban('GB83WEST12345698765432')).toBe(false);
    expect(mod97('3214282912345698765432161182')).toBe(1);
  });

  it('are generated for every supported country with valid check digits', () => {
    const rnd = new Random(4);
    for (const country of IBAN_COUNTRIES) {
      for (let i = 0; i < 50; i += 1) {
        const value = iban(rnd, country);
        expect(value.slice(0, 2)).toBe(country.toUpperCase());
        expect(isValidIban(value), value).toBe(true);
      }
    }
  });
});
