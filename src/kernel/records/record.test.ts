import { v5 as uuidv5, validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { RECORD_NAMESPACE, recordIdFor } from './record.ts';

describe('record ids', () => {
  it('are RFC 4122 version-5 UUIDs of the dataset and source id, as the uuid package computes them', () => {
    const cases: [string, string][] = [['ofac', '12345'], ['opensanctions', 'Q7747'], ['demo', 'Иван-Петров-١٩٧٥']];
    for (const [dataset, sourceId] of cases) {
      const id = recordIdFor(dataset, sourceId);
      expect(validate(id) && version(id)).toBe(5);
      expect(id).toBe(uuidv5(`${dataset}\u0000${sourceId}`, RECORD_NAMESPACE));
    }
  });

  it('are the same on every import and differ between datasets', () => {
    expect(recordIdFor('a', 'x')).toBe(recordIdFor('a', 'x'));
    expect(recordIdFor('a', 'x')).not.toBe(recordIdFor('b', 'x'));
  });

  it('are random when the record has no source id', () => {
    expect(recordIdFor('direct', null)).not.toBe(recordIdFor('direct', null));
  });
});
