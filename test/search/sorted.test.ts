// The ascending document sets the matcher's candidates are made of (src/search/sorted.ts), against
// the same sets made with JavaScript's Set, on lists like real posting lists: long, sparse, overlapping.
import { describe, expect, it } from 'vitest';
import { holds, intersection, seek, union } from '../../src/search/sorted.ts';

/** `n` ascending ids from a seeded generator, gaps up to `gap`. */
function list(n: number, gap: number, seed: number): Int32Array {
  const out = new Int32Array(n);
  let x = seed;
  let doc = 0;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    doc += 1 + (x % gap);
    out[i] = doc;
  }
  return out;
}
const sorted = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);

describe('sorted document sets', () => {
  const pairs = [
    [list(5000, 80, 1), list(3000, 120, 2)],
    [list(10, 3, 3), list(4000, 5, 4)],
    [list(0, 1, 5), list(50, 2, 6)],
    [list(200, 1, 7), list(200, 1, 7)],
  ] as const;

  it('unites and intersects as sets do, ascending and without repeats', () => {
    for (const [a, b] of pairs) {
      const sa = new Set(a);
      expect([...union(a, b)]).toEqual(sorted(new Set([...a, ...b])));
      expect([...intersection(a, b)]).toEqual(sorted([...b].filter((x) => sa.has(x))));
    }
  });

  it('seeks the first id at least the one asked for, from any start, and finds only ids the list holds', () => {
    const ids = list(3000, 50, 9);
    for (let doc = 0; doc < ids[ids.length - 1]! + 10; doc += 7) {
      const first = ids.findIndex((x) => x >= doc);
      expect(seek(ids, 0, ids.length, doc)).toBe(first === -1 ? ids.length : first);
      expect(seek(ids, 100, 200, doc)).toBe(Math.min(200, Math.max(100, first === -1 ? 200 : first)));
      expect(holds(ids, doc)).toBe(ids.includes(doc));
    }
  });
});
