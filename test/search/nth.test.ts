import { describe, expect, it } from 'vitest';
import { nthLargest } from '../../src/search/nth.ts';

describe('nthLargest', () => {
  it('reads the n-th largest score as a sorted copy would, repeats counted', () => {
    const scores = Float64Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 1009) / 7);
    const descending = [...scores].sort((a, b) => b - a);
    for (const n of [1, 2, 40, 999, 5000]) expect(nthLargest(scores, n)).toBe(descending[n - 1]);
  });

  it('gives the smallest when there are fewer than n, and Infinity when there are none', () => {
    expect(nthLargest([3, 1, 2], 40)).toBe(1);
    expect(nthLargest([], 40)).toBe(Infinity);
  });
});
