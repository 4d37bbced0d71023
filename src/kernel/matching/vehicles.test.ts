import { describe, expect, it } from 'vitest';
import { compareVehicles, isValidVin, normalisePlate, normaliseVin, vinCheck, vinCheckDigit } from './vehicles.ts';

describe('VINs', () => {
  it('agree with published VINs on the check digit', () => {
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(isValidVin('1HGCM82633A004352')).toBe(true);
    expect(isValidVin('1HGCM82643A004352')).toBe(false);
  });

  it('are normalised, the letters ISO 3779 excludes read as the digits they must be', () => {
    expect(normaliseVin('1hgcm 8263-3a0O4352')).toBe('1HGCM82633A004352');
    expect(normaliseVin('1HGCM82633AQ04352')).toBe('1HGCM82633A004352');
  });

  it('tell a failing check digit from a malformed VIN', () => {
    expect(vinCheck('1HGCM82633A004352')).toBe('passes');
    expect(vinCheck('WVWZZZ1JZXW000001')).toBe('fails');
    expect(vinCheck('WVWZZZ1JZ')).toBe('malformed');
  });
});

describe('number plates', () => {
  it('are normalised to upper case without separators or umlaut dots', () => {
    expect(normalisePlate('ab-123-cd', 'fr')).toBe('AB123CD');
    expect(normalisePlate('LÖ-AB 123', 'de')).toBe('LOAB123');
  });

  it('write Cyrillic and Greek plate letters as their Latin look-alikes', () => {
    expect(normalisePlate('а 123 вс 77', 'ru')).toBe('A123BC77');
    expect(normalisePlate('ΙΚΥ-1234', 'gr')).toBe('IKY1234');
    expect(normalisePlate('А123ВС77')).toBe('A123BC77');
  });
});

describe('comparing vehicles', () => {
  it('lets a VIN match decide, whatever the plates', () => {
    const result = compareVehicles({ vin: '1HGCM82633A004352', plate: 'AB-123-CD', country: 'fr' }, { vin: '1hgcm82633a0o4352', plate: 'ZZ-999-ZZ', country: 'fr' });
    expect(result).toMatchObject({ score: 1, queryVinCheck: 'passes', vin: { how: 'exact' } });
  });

  it('still searches a VIN whose check digit fails, and says so', () => {
    const result = compareVehicles({ vin: 'WVWZZZ1JZXW000001' }, { vin: 'WVWZZZ1JZXW000001' });
    expect(result).toMatchObject({ score: 1, queryVinCheck: 'fails' });
    expect(result.explanation).toContain('fails its check digit');
  });

  it('finds a misread VIN', () => {
    expect(compareVehicles({ vin: 'WVWZZZ1JZXW0000S1' }, { vin: 'WVWZZZ1JZXW000051' }).vin).toMatchObject({ how: 'ocr-variant', score: 0.9 });
  });

  it('weighs a plate match by the registering state', () => {
    expect(compareVehicles({ plate: 'AB-123-CD', country: 'fr' }, { plate: 'AB123CD', country: 'fr' }).score).toBe(0.9);
    expect(compareVehicles({ plate: 'AB-123-CD' }, { plate: 'AB123CD', country: 'fr' }).score).toBe(0.765);
    expect(compareVehicles({ plate: 'AB-123-CD', country: 'fr' }, { plate: 'AB123CD', country: 'it' }).score).toBe(0.45);
  });

  it('flags the same plate on a vehicle with another VIN as possibly cloned', () => {
    const result = compareVehicles({ vin: '1HGCM82633A004352', plate: 'AB-123-CD', country: 'fr' }, { vin: '1M8GDM9AXKP042788', plate: 'AB123CD', country: 'fr' });
    expect(result.score).toBe(0.5);
    expect(result.explanation).toContain('cloned plates');
  });
});
