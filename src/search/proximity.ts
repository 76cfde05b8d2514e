import { termOf, tokenize } from './analysis.ts';

/**
 * How close together a sentence holds the question's words it matched, 0–1
 * (term proximity, as in Tao & Zhai 2007's minimal covering span): the number
 * of distinct matched terms over the width, in words, of the shortest stretch
 * of the sentence that holds them all. 1 when they stand side by side, near 0
 * when scattered across a long sentence; 0 when fewer than two terms matched.
 */
export function proximity(sentence: string, matched: ReadonlySet<string>): number {
  if (matched.size < 2) return 0;
  const ids = new Map<string, number>();
  const positions: number[] = [];
  const which: number[] = [];
  const tokens = tokenize(sentence);
  // An index, not entries(): this runs for a question's 300 best sentences, and entries() made garbage per word.
  for (let i = 0; i < tokens.length; i++) {
    const term = termOf(tokens[i]!.word);
    if (term === null || !matched.has(term)) continue;
    let id = ids.get(term);
    if (id === undefined) ids.set(term, (id = ids.size));
    positions.push(i);
    which.push(id);
  }
  const k = ids.size;
  if (k < 2) return 0;
  // Sliding window over the matched positions: the shortest one holding every distinct term.
  const seen = new Array<number>(k).fill(0);
  let have = 0;
  let best = Infinity;
  let lo = 0;
  for (let hi = 0; hi < positions.length; hi++) {
    if (seen[which[hi]!]!++ === 0) have++;
    while (have === k) {
      best = Math.min(best, positions[hi]! - positions[lo]! + 1);
      if (--seen[which[lo]!]! === 0) have--;
      lo++;
    }
  }
  return k / best;
}
