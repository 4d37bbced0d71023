import { describe, expect, it } from 'vitest';
import { memoisePairs } from './pair-memo.ts';

describe('remembered pair comparisons', () => {
  it('computes each pair once, keeps pairs apart by both sides, and forgets a side\'s pairs when full', () => {
    const calls: string[] = [];
    const compare = memoisePairs((a: { n: string }, b: { n: string }) => {
      calls.push(`${a.n}${b.n}`);
      return `${a.n}-${b.n}`;
    }, 2);
    const [x, y, z, w] = [{ n: 'x' }, { n: 'y' }, { n: 'z' }, { n: 'w' }];
    expect([compare(x, y), compare(x, y), compare(y, x), compare(x, z)]).toEqual(['x-y', 'x-y', 'y-x', 'x-z']);
    expect(calls).toEqual(['xy', 'yx', 'xz']);
    compare(x, w); // x holds two pairs: they are forgotten before the third is kept
    compare(x, y);
    expect(calls).toEqual(['xy', 'yx', 'xz', 'xw', 'xy']);
  });
});
