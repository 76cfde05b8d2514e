import MiniSearch, { type Options } from 'minisearch';
import type { Corpus, Passage } from '../corpus/types.ts';
import { termsOf } from './analysis.ts';
import { allAtOnce, SLICE } from './per-index.ts';
import { fillCompact, Growable, type CompactTables } from './postings.ts';
import { buildSynonymMap, type SynonymMap } from './synonyms.ts';
import { embedRows, embedSentences } from './vectors.ts';
import { sentenceCount, sentencesOf } from '../corpus/passage.ts';

export interface SentenceEmbeddings {
  readonly pc: Float32Array;
  /** Sentence d's row is `rows[d * dims…]`, for the sentences before `own.from`. */
  readonly rows: Int8Array;
  /** A server's index: its own sentences' rows, from document `from` on (the base's table is shared, not copied). */
  readonly own?: { readonly from: number; readonly rows: Int8Array } | undefined;
}

/**
 * The searchable corpus. Each sentence is a MiniSearch document (so a match
 * points at the sentence to quote), carrying its section heading as a second,
 * boosted field (so "what are the principles?" lands in Principles).
 */
export interface SearchIndex {
  readonly corpus: Corpus;
  readonly mini: MiniSearch<number>;
  /** Document id → [passage index, sentence index]. */
  readonly docs: Int32Array;
  /** Sentences each term occurs in (text or heading): idf for coverage, and the vocabulary. */
  readonly df: ReadonlyMap<string, number>;
  /** Terms left out as too common to tell sentences apart (see COMMON_TERM_SHARE). */
  readonly common: ReadonlySet<string>;
  readonly synonyms: SynonymMap;
  /** Each sentence's meaning (SIF embedding, int8, by document id), and the component taken out of them. */
  readonly embeddings: SentenceEmbeddings;
  /** Article id → its position in `corpus.articles`, and its title's terms. */
  readonly articles: ReadonlyMap<string, { readonly index: number; readonly titleTerms: ReadonlySet<string> }>;
}

export const INDEX_FIELDS = ['text', 'section'] as const;

/** Options that change what the index holds: part of the persisted index's key. */
export const INDEX_VERSION = 6;

/**
 * A term in more than this share of the sentences (and in more than
 * COMMON_TERM_MIN_DOCS of them) says little about which one answers, and its
 * long posting list costs time on every query that has it: it is left out of
 * the index and of queries, like a stop word. Query time grows with the
 * number of matching sentences, so this is what keeps a 10,000-article corpus
 * fast (see the README's benchmark).
 */
export const COMMON_TERM_SHARE = 0.015;
export const COMMON_TERM_MIN_DOCS = 2_000;

/** A term in more sentences than this, of `docCount`, is common (the one rule: a server's layered index uses it too). */
export function commonBar(docCount: number): number {
  return Math.max(docCount * COMMON_TERM_SHARE, COMMON_TERM_MIN_DOCS);
}

/** How an index is built. */
export interface BuildOptions {
  /** Hears how many passages are indexed so far. */
  readonly onProgress?: (indexed: number, total: number) => void;
  /** The component taken out of the sentence embeddings; default: the corpus's own (see componentOf). */
  readonly pc?: Float32Array;
}

/** Builds the index. */
export function buildIndex(corpus: Corpus, options: BuildOptions = {}): SearchIndex {
  const docs = buildDocs(corpus);
  const analysed = analyseCorpus(corpus, options.onProgress);
  const { df, common } = analysed;
  const mini = fillCompact(
    newMiniSearch(() => ''),
    postingsOf(corpus, analysed),
  );
  const sentences = corpus.passages.flatMap(sentencesOf);
  const embeddings = options.pc ? { pc: options.pc, rows: embedRows(sentences, options.pc) } : embedSentences(sentences);
  options.onProgress?.(corpus.passages.length, corpus.passages.length);
  return { corpus, mini, docs, df, common, synonyms: buildSynonymMap(corpus.synonyms), embeddings, articles: articleTable(corpus) };
}

/**
 * Every sentence's terms as numbers (pass 1). Words are numbered in the order
 * they are first met (a sentence's text, then its section's heading), which
 * is the order MiniSearch would have added them in; a sentence's text terms
 * are held end to end in one array, not as an array of strings each.
 */
export interface Analysed {
  readonly names: readonly string[];
  /** Sentence d's text terms are `text[textStart[d]…textStart[d + 1]]`. */
  readonly text: Int32Array;
  readonly textStart: Int32Array;
  /** Each passage's heading terms. */
  readonly heading: readonly Int32Array[];
  /** Sentences each term occurs in (text or heading): idf for coverage, and the vocabulary. */
  readonly df: Map<string, number>;
  readonly common: Set<string>;
  /** Per term and field (text, section): how many sentences hold it there. */
  readonly fieldDocs: Int32Array;
}

export function analyseCorpus(corpus: Corpus, onProgress?: (indexed: number, total: number) => void): Analysed {
  const numbers = new Map<string, number>();
  const names: string[] = [];
  const number = (term: string) => {
    let n = numbers.get(term);
    if (n === undefined) numbers.set(term, (n = names.push(term) - 1));
    return n;
  };
  const docCount = corpus.passages.reduce((n, p) => n + sentenceCount(p), 0);
  const text = new Growable(Int32Array, 1 << 16);
  const textStart = new Int32Array(docCount + 1);
  const headingTerms = new Map<string, string[]>();
  const heading: Int32Array[] = [];
  // Per term: sentences it is in (either field), and in each field; `seen` marks the sentence last counted.
  const counts = new Growable(Int32Array);
  const fieldDocs = new Growable(Int32Array);
  const seen = new Growable(Int32Array);
  const grow = (n: number) => {
    while (counts.length <= n) counts.push(0);
    while (fieldDocs.length < (n + 1) * 2) fieldDocs.push(0);
    while (seen.length < (n + 1) * 3) seen.push(-1);
  };
  let doc = 0;
  for (const [p, passage] of corpus.passages.entries()) {
    let terms = headingTerms.get(passage.section);
    if (!terms) headingTerms.set(passage.section, (terms = termsOf(passage.section)));
    const head = new Int32Array(terms.length);
    for (const sentence of sentencesOf(passage)) {
      textStart[doc] = text.length;
      for (const term of termsOf(sentence)) {
        const n = number(term);
        grow(n);
        text.push(n);
        if (seen.array[n * 3] !== doc) {
          seen.array[n * 3] = doc;
          fieldDocs.array[n * 2]!++;
        }
        if (seen.array[n * 3 + 2] !== doc) {
          seen.array[n * 3 + 2] = doc;
          counts.array[n]!++;
        }
      }
      for (const [i, term] of terms.entries()) {
        const n = number(term);
        grow(n);
        head[i] = n;
        if (seen.array[n * 3 + 1] !== doc) {
          seen.array[n * 3 + 1] = doc;
          fieldDocs.array[n * 2 + 1]!++;
        }
        if (seen.array[n * 3 + 2] !== doc) {
          seen.array[n * 3 + 2] = doc;
          counts.array[n]!++;
        }
      }
      doc++;
    }
    heading.push(head);
    if (onProgress && p % 5000 === 4999) onProgress(p + 1, corpus.passages.length);
  }
  textStart[doc] = text.length;
  const df = new Map<string, number>(names.map((t, n) => [t, counts.array[n]!]));
  const common = new Set<string>();
  const bar = commonBar(docCount);
  for (const [t, n] of df) if (n > bar) common.add(t);
  return { names, text: text.trimmed(), textStart, heading, df, common, fieldDocs: fieldDocs.array.subarray(0, names.length * 2) };
}

/** Where a corpus's documents go after those of another index (a server's own articles after the base's). */
export interface After {
  /** How many documents come before: the first of these is document `docs`. */
  readonly docs: number;
  /** The fields' average lengths over the documents before. */
  readonly averageFieldLength: readonly number[];
}

/**
 * The posting lists (pass 2), common terms left out, exactly as MiniSearch's
 * `add` would make them document by document: the same term frequencies,
 * field lengths (distinct terms), running average lengths and word order,
 * into one pool instead of a Map per word and field. With `after`, the
 * documents are numbered on from another index's, and the averages run on
 * from its: as if they had been added to it.
 */
export function postingsOf(corpus: Corpus, a: Analysed, after: After = { docs: 0, averageFieldLength: [] }): CompactTables {
  const F = INDEX_FIELDS.length;
  const W = a.names.length;
  const isCommon = new Uint8Array(W);
  for (const [n, t] of a.names.entries()) if (a.common.has(t)) isCommon[n] = 1;
  // Each list's place in the pool, from how many sentences hold the word in that field.
  const start = new Int32Array(W * F);
  const size = new Int32Array(W * F);
  let total = 0;
  for (let k = 0; k < W * F; k++) {
    start[k] = total;
    if (!isCommon[Math.floor(k / F)]) total += a.fieldDocs[k]!;
  }
  const pool = { docs: new Int32Array(total), tfs: new Uint8Array(total), big: new Map<number, number>() };
  const docCount = a.textStart.length - 1;
  const fieldLengths = new Int32Array(docCount * F);
  const averageFieldLength = Array.from({ length: F }, (_, f) => after.averageFieldLength[f] ?? 0);
  const order: number[] = [];
  const met = new Uint8Array(W);
  const tf = new Int32Array(W);
  const stamp = new Int32Array(W).fill(-1);
  let run = 0;
  const distinct: number[] = [];
  const addField = (doc: number, f: number, terms: Int32Array) => {
    run++;
    distinct.length = 0;
    for (const n of terms) {
      if (isCommon[n]) continue;
      if (stamp[n] !== run) {
        stamp[n] = run;
        tf[n] = 0;
        distinct.push(n);
        if (!met[n]) {
          met[n] = 1;
          order.push(n);
        }
      }
      tf[n]!++;
    }
    fieldLengths[doc * F + f] = distinct.length;
    const before = after.docs + doc;
    averageFieldLength[f] = (averageFieldLength[f]! * before + distinct.length) / (before + 1);
    for (const n of distinct) {
      const k = start[n * F + f]! + size[n * F + f]!++;
      pool.docs[k] = after.docs + doc;
      if (tf[n]! > 255) pool.big.set(k, tf[n]!);
      pool.tfs[k] = tf[n]! > 255 ? 0 : tf[n]!;
    }
  };
  let doc = 0;
  for (const [p, passage] of corpus.passages.entries()) {
    for (let s = 0; s < sentenceCount(passage); s++, doc++) {
      addField(doc, 0, a.text.subarray(a.textStart[doc], a.textStart[doc + 1]));
      addField(doc, 1, a.heading[p]!);
    }
  }
  // The words in the order first met, as MiniSearch's word tree is filled.
  const terms = { terms: order.map((n) => a.names[n]!), start: new Int32Array(order.length * F), size: new Int32Array(order.length * F) };
  for (const [w, n] of order.entries())
    for (let f = 0; f < F; f++) {
      terms.start[w * F + f] = start[n * F + f]!;
      terms.size[w * F + f] = size[n * F + f]!;
    }
  return { documentCount: docCount, averageFieldLength, fieldLengths, terms, pool };
}

/**
 * MiniSearch over document ids alone: the text is analysed by us once (terms
 * joined by spaces), so MiniSearch only splits on spaces and keeps no copies.
 */
export function newMiniSearch(extractField: (doc: number, field: string) => string): MiniSearch<number> {
  return new MiniSearch<number>(newMiniSearchOptions(extractField));
}

/** The options an index is built and loaded with (they must be the same both times). */
export function newMiniSearchOptions(extractField: (doc: number, field: string) => string): Options<number> {
  return {
    fields: [...INDEX_FIELDS],
    idField: 'id',
    extractField: (doc, field) => (field === 'id' ? doc : extractField(doc, field)),
    tokenize: (text) => (text ? text.split(' ') : []),
    processTerm: (term) => term || null,
  };
}

/** Document id → [passage index, sentence index], in the order documents are added. */
export function buildDocs(corpus: Corpus): Int32Array {
  const count = corpus.passages.reduce((n, p) => n + sentenceCount(p), 0);
  const docs = new Int32Array(count * 2);
  let doc = 0;
  for (const [p, passage] of corpus.passages.entries()) {
    for (let s = 0; s < sentenceCount(passage); s++, doc++) {
      docs[doc * 2] = p;
      docs[doc * 2 + 1] = s;
    }
  }
  return docs;
}

export function articleTable(corpus: Corpus): SearchIndex['articles'] {
  return allAtOnce(articleTableSteps(corpus));
}

/** articleTable a slice of articles at a time (a reload makes it while answers go on). */
export function* articleTableSteps(corpus: Corpus): Generator<void, SearchIndex['articles']> {
  const table = new Map<string, { index: number; titleTerms: ReadonlySet<string> }>();
  for (const [index, a] of corpus.articles.entries()) {
    table.set(a.id, { index, titleTerms: new Set(termsOf(a.title)) });
    if (index % SLICE === SLICE - 1) yield;
  }
  return table;
}

/** The passage and sentence a MiniSearch document id stands for. */
export function docRef(index: SearchIndex, doc: number): { passage: Passage; sentence: number } {
  return { passage: index.corpus.passages[index.docs[doc * 2]!]!, sentence: index.docs[doc * 2 + 1]! };
}
