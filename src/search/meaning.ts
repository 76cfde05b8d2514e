import type { SearchIndex } from './index.ts';
import { passageWords, type PassageTable } from './table.ts';
import { EMBED_SCALE, wordCosine } from './vectors.ts';

/** The sentences closest in meaning to a question, best first. */
export interface Closest {
  readonly doc: Int32Array;
  readonly cos: Float64Array;
  readonly length: number;
}

/**
 * The `k` sentences whose embeddings are closest to `q` (cosine), best first,
 * among the documents of `ranges` ([first, end) pairs), by a scan of the int8
 * table: a sentence that shares no word with the question can still be found.
 * `keep` filters documents (an article or section scope).
 */
export function closestSentences(
  rows: Int8Array,
  q: Float32Array,
  k: number,
  ranges: readonly (readonly [number, number])[],
  keep?: (doc: number) => boolean,
): Closest {
  const dims = q.length;
  const doc = new Int32Array(k).fill(-1);
  const cos = new Float64Array(k).fill(-Infinity);
  let length = 0;
  for (const [from, end] of ranges) {
    for (let s = from, base = from * dims; s < end; s++, base += dims) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += q[d]! * rows[base + d]!;
      const c = dot / EMBED_SCALE;
      if ((length === k && c <= cos[k - 1]!) || (keep && !keep(s))) continue;
      // Insertion into the sorted best k (k is small).
      let i = length < k ? length++ : k - 1;
      for (; i > 0 && cos[i - 1]! < c; i--) {
        cos[i] = cos[i - 1]!;
        doc[i] = doc[i - 1]!;
      }
      cos[i] = c;
      doc[i] = s;
    }
  }
  return { doc, cos, length };
}

/**
 * The best cosine between a question word (its row in the word-vector table)
 * and the words of passage `p`: how closely the passage says what the word
 * means ("boss" finds "manager"). `seen` remembers each word pair's cosine
 * for the rest of the question: words recur from passage to passage.
 */
export function closestWord(table: PassageTable, index: SearchIndex, p: number, row: number, seen: Map<number, number>): number {
  let best = 0;
  for (const r of passageWords(table, index, p)) {
    let c = seen.get(r);
    if (c === undefined) seen.set(r, (c = r === row ? 1 : wordCosine(row, r)));
    if (c > best) best = c;
  }
  return best;
}
