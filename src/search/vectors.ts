import { readFileSync } from 'node:fs';
import { tokenize } from './analysis.ts';
import { STOP_WORDS } from './stopwords.ts';

/**
 * Sentence meaning from word vectors (SIF, Arora et al. 2017): a sentence is
 * the average of its words' GloVe vectors, each weighted a/(a + p(w)) so
 * everyday words count little, minus its projection on the corpus's first
 * principal component (what all its sentences share), normalised. Questions
 * are embedded the same way; the cosine between a question and a sentence
 * says how close they are in meaning even where their words differ.
 * The table is data/word-vectors.bin (see scripts/word-vectors.ts).
 */
export const WORD_VECTORS = new URL('../../data/word-vectors.bin', import.meta.url);

/** Sentence embeddings are stored as int8: component × EMBED_SCALE, rounded. */
export const EMBED_SCALE = 127;

interface Table {
  readonly dims: number;
  readonly row: ReadonlyMap<string, number>;
  /** Each word's SIF weight a/(a + p(w)), p from its frequency rank. */
  readonly weight: Float32Array;
  readonly scales: Float32Array;
  readonly rows: Int8Array;
}

const SIF_A = 1e-3;
let table: Table | undefined;

function load(): Table {
  const buf = readFileSync(WORD_VECTORS);
  if (buf.toString('ascii', 0, 4) !== 'CBV1') throw new Error(`${WORD_VECTORS.pathname}: not a word-vector table`);
  const count = buf.readUInt32LE(4);
  const dims = buf.readUInt32LE(8);
  const listLength = buf.readUInt32LE(12);
  const words = buf.toString('utf8', 16, 16 + listLength).split('\n');
  let at = 16 + listLength;
  at += (4 - (at % 4)) % 4;
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  const scales = new Float32Array(bytes.slice(at, at + count * 4).buffer);
  const rows = new Int8Array(bytes.buffer, bytes.byteOffset + at + count * 4, count * dims);
  const row = new Map<string, number>();
  const weight = new Float32Array(count);
  // Zipf's law: the word of rank r has p ≈ 1 / (r × H), H the harmonic number of the vocabulary (GloVe's 400,000 words).
  const harmonic = Math.log(400_000) + 0.5772;
  for (let i = 0; i < count; i++) {
    row.set(words[i]!, i);
    weight[i] = SIF_A / (SIF_A + 1 / ((i + 1) * harmonic));
  }
  return { dims, row, weight, scales, rows };
}

function vectors(): Table {
  return (table ??= load());
}

export function dimensions(): number {
  return vectors().dims;
}

/** The weighted average of a text's word vectors (stop words left out); zeros when it has none. */
export function averageOf(text: string, out = new Float32Array(vectors().dims)): Float32Array {
  const { dims, weight, scales, rows } = vectors();
  out.fill(0);
  let n = 0;
  for (const t of tokenize(text)) {
    if (STOP_WORDS.has(t.word.toLowerCase().replace(/’/g, "'"))) continue;
    const r = wordRow(t.word);
    if (r < 0) continue;
    const w = weight[r]! * scales[r]!;
    const base = r * dims;
    for (let d = 0; d < dims; d++) out[d]! += w * rows[base + d]!;
    n++;
  }
  if (n > 0) for (let d = 0; d < dims; d++) out[d]! /= n;
  return out;
}

/** The first principal component of the given averages (power iteration), unit length. */
export function principalComponent(averages: Float32Array, count: number, dims: number): Float32Array {
  let pc: Float32Array<ArrayBuffer> = new Float32Array(dims).fill(1 / Math.sqrt(dims));
  for (let iter = 0; iter < 20; iter++) {
    const next = new Float32Array(dims);
    for (let i = 0; i < count; i++) {
      const base = i * dims;
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += averages[base + d]! * pc[d]!;
      for (let d = 0; d < dims; d++) next[d]! += dot * averages[base + d]!;
    }
    const norm = Math.hypot(...next);
    if (norm === 0) break;
    for (let d = 0; d < dims; d++) next[d]! /= norm;
    pc = next;
  }
  return pc;
}

/** An average minus its projection on `pc`, normalised (in place); zeros stay zeros. */
export function finish(v: Float32Array, pc: Float32Array): Float32Array {
  let dot = 0;
  for (let d = 0; d < v.length; d++) dot += v[d]! * pc[d]!;
  let norm = 0;
  for (let d = 0; d < v.length; d++) norm += (v[d]! -= dot * pc[d]!) ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < v.length; d++) v[d]! /= norm;
  return v;
}

/** At most this many sentences (evenly spread) estimate the principal component: memory stays flat. */
const PC_SAMPLE = 20_000;

/** Every sentence's embedding, int8, `dims` per sentence, and the component taken out. */
export function embedSentences(sentences: readonly string[]): { pc: Float32Array; rows: Int8Array } {
  const pc = componentOf(sentences);
  return { pc, rows: embedRows(sentences, pc) };
}

/** The principal component of the sentences' averages, from at most PC_SAMPLE of them, evenly spread. */
function componentOf(sentences: readonly string[]): Float32Array {
  const dims = dimensions();
  const count = sentences.length;
  const step = Math.max(1, Math.ceil(count / PC_SAMPLE));
  const sample = Math.ceil(count / step);
  const averages = new Float32Array(sample * dims);
  for (let k = 0; k < sample; k++) averageOf(sentences[k * step]!, averages.subarray(k * dims, (k + 1) * dims));
  return principalComponent(averages, sample, dims);
}

/** The sentences' embeddings with `pc` taken out, int8, `dims` per sentence. */
export function embedRows(sentences: readonly string[], pc: Float32Array): Int8Array {
  const dims = dimensions();
  const rows = new Int8Array(sentences.length * dims);
  const v = new Float32Array(dims);
  for (let k = 0; k < sentences.length; k++) {
    finish(averageOf(sentences[k]!, v), pc);
    for (let d = 0; d < dims; d++) rows[k * dims + d] = Math.round(v[d]! * EMBED_SCALE);
  }
  return rows;
}

/** A question's embedding, as a sentence's (float, unit length or zeros). */
export function embedQuestion(text: string, pc: Float32Array): Float32Array {
  return finish(averageOf(text), pc);
}

/** Cosine between a question's embedding and stored sentence `doc`. */
export function cosine(q: Float32Array, rows: Int8Array, doc: number): number {
  const dims = q.length;
  const base = doc * dims;
  let dot = 0;
  for (let d = 0; d < dims; d++) dot += q[d]! * rows[base + d]!;
  return dot / EMBED_SCALE;
}

/** A word's row in the table (lowercased, a possessive dropped), or -1 when the table lacks it. */
export function wordRow(word: string): number {
  const { row } = vectors();
  const w = word.toLowerCase().replace(/’/g, "'");
  return row.get(w) ?? row.get(w.replace(/'s$/, '')) ?? -1;
}

let norms: Float32Array | undefined;
/** Each row's length as stored (int8 components), computed at first use. */
function rowNorms(): Float32Array {
  if (norms) return norms;
  const { dims, rows } = vectors();
  const count = rows.length / dims;
  norms = new Float32Array(count);
  for (let r = 0; r < count; r++) {
    let s = 0;
    for (let d = r * dims; d < (r + 1) * dims; d++) s += rows[d]! * rows[d]!;
    norms[r] = Math.sqrt(s) || 1;
  }
  return norms;
}

/** Cosine between two words' vectors (rows of the table). */
export function wordCosine(a: number, b: number): number {
  const { dims, rows } = vectors();
  const n = rowNorms();
  let dot = 0;
  for (let d = 0, i = a * dims, j = b * dims; d < dims; d++) dot += rows[i + d]! * rows[j + d]!;
  return dot / (n[a]! * n[b]!);
}

/** The distinct table rows of a text's words, stop words left out. */
export function wordRowsOf(text: string): Int32Array {
  const out = new Set<number>();
  for (const t of tokenize(text)) {
    if (STOP_WORDS.has(t.word.toLowerCase().replace(/’/g, "'"))) continue;
    const r = wordRow(t.word);
    if (r >= 0) out.add(r);
  }
  return Int32Array.from(out);
}
