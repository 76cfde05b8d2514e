import type { SearchIndex, SentenceEmbeddings } from './index.ts';
import { passageWords, type PassageTable } from './table.ts';
import { cosine, EMBED_SCALE, wordCosine } from './vectors.ts';

/** The sentences closest in meaning to a question, best first. */
export interface Closest {
  readonly doc: Int32Array;
  readonly cos: Float64Array;
  readonly length: number;
}

/** Cosine between a question's embedding and sentence `doc`'s. */
export function sentenceCosine(q: Float32Array, e: SentenceEmbeddings, doc: number): number {
  return e.own && doc >= e.own.from ? cosine(q, e.own.rows, doc - e.own.from) : cosine(q, e.rows, doc);
}

/**
 * The `k` sentences whose embeddings are closest to `q` (cosine), best first,
 * among the documents of `ranges` ([first, end) pairs), by a scan of the int8
 * table: a sentence that shares no word with the question can still be found.
 * `keep` filters documents (an article or section scope).
 */
export function closestSentences(
  e: SentenceEmbeddings,
  q: Float32Array,
  k: number,
  ranges: readonly (readonly [number, number])[],
  keep?: (doc: number) => boolean,
): Closest {
  const found = { doc: new Int32Array(k).fill(-1), cos: new Float64Array(k).fill(-Infinity), length: 0 };
  // A server's index reads the base's table, then its own: each range is cut where the tables meet.
  const split = e.own?.from ?? Infinity;
  for (const [from, end] of ranges) {
    if (from < split) scan(e.rows, 0, q, [Math.min(from, split), Math.min(end, split)], found, keep);
    if (end > split) scan(e.own!.rows, split, q, [Math.max(from, split), end], found, keep);
  }
  return found;
}

/** Scans documents [from, end) of `rows`, whose first row is document `first`, into the best `found`. */
function scan(
  rows: Int8Array,
  first: number,
  q: Float32Array,
  [from, end]: readonly [number, number],
  found: { doc: Int32Array; cos: Float64Array; length: number },
  keep?: (doc: number) => boolean,
): void {
  const dims = q.length;
  const { doc, cos } = found;
  const k = doc.length;
  for (let s = from, base = (from - first) * dims; s < end; s++, base += dims) {
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += q[d]! * rows[base + d]!;
    const c = dot / EMBED_SCALE;
    if ((found.length === k && c <= cos[k - 1]!) || (keep && !keep(s))) continue;
    // Insertion into the sorted best k (k is small).
    let i = found.length < k ? found.length++ : k - 1;
    for (; i > 0 && cos[i - 1]! < c; i--) {
      cos[i] = cos[i - 1]!;
      doc[i] = doc[i - 1]!;
    }
    cos[i] = c;
    doc[i] = s;
  }
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
