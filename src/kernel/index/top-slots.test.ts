import { describe, expect, it } from 'vitest';
import { kthLargest, lowerBound } from './top-slots.ts';

/** A small deterministic generator: the cases are the same on every run. */
function numbers(seed: number, count: number, max: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % max;
  });
}

describe('lowerBound', () => {
  it('finds the first position not below the value, from any starting point, as a linear scan does', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const values = Uint32Array.from(numbers(seed, seed * 7, 200).sort((a, b) => a - b));
      for (const value of [0, 1, 50, 99, 100, 150, 199, 200, 1000]) {
        for (const from of [0, 1, Math.floor(values.length / 2), values.length]) {
          let expected = from;
          while (expected < values.length && (values[expected] as number) < value) expected += 1;
          expect(lowerBound(values, value, from)).toBe(expected);
        }
      }
    }
  });
});

describe('kthLargest', () => {
  it('gives the k-th largest value, or -Infinity when there are fewer', () => {
    const values = numbers(7, 500, 1000);
    const sorted = [...values].sort((a, b) => b - a);
    for (const k of [1, 2, 64, 499, 500]) expect(kthLargest(Float32Array.from(values), k)).toBe(sorted[k - 1]);
    expect(kthLargest(Float32Array.from(values), 501)).toBe(-Infinity);
  });
});
