import MiniSearch, { type Options } from 'minisearch';
import type { Corpus, Passage } from '../corpus/types.ts';
import { termsOf } from './analysis.ts';
import { buildSynonymMap, type SynonymMap } from './synonyms.ts';
import { embedSentences } from './vectors.ts';

export interface SentenceEmbeddings {
  readonly pc: Float32Array;
  readonly rows: Int8Array;
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
export const INDEX_VERSION = 5;

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

/** Builds the index; `onProgress` hears how many passages are indexed so far. */
export function buildIndex(corpus: Corpus, onProgress?: (indexed: number, total: number) => void): SearchIndex {
  const docs = buildDocs(corpus);
  const docCount = docs.length / 2;
  const df = new Map<string, number>();
  const headingTerms = new Map<string, string[]>();
  // Analyse once (pass 1, counting document frequencies), index after (pass 2),
  // so terms too common to help can be left out of the index altogether.
  const analysed = new Array<string[]>(docCount);
  let doc = 0;
  for (const passage of corpus.passages) {
    let heading = headingTerms.get(passage.section);
    if (!heading) headingTerms.set(passage.section, (heading = termsOf(passage.section)));
    for (const sentence of passage.sentences) {
      const terms = termsOf(sentence);
      analysed[doc++] = terms;
      for (const t of new Set([...terms, ...heading])) df.set(t, (df.get(t) ?? 0) + 1);
    }
  }
  const common = new Set<string>();
  const maxDf = Math.max(docCount * COMMON_TERM_SHARE, COMMON_TERM_MIN_DOCS);
  for (const [t, n] of df) if (n > maxDf) common.add(t);
  const keep = (terms: readonly string[]) => (common.size ? terms.filter((t) => !common.has(t)) : terms).join(' ');

  // What the document being added holds: MiniSearch reads it through extractField.
  const current = { text: '', section: '' };
  const mini = newMiniSearch((_doc, field) => (field === 'text' ? current.text : current.section));
  doc = 0;
  for (const [p, passage] of corpus.passages.entries()) {
    current.section = keep(headingTerms.get(passage.section)!);
    for (let s = 0; s < passage.sentences.length; s++) {
      current.text = keep(analysed[doc]!);
      analysed[doc] = [];
      mini.add(doc++);
    }
    if (onProgress && p % 5000 === 4999) onProgress(p + 1, corpus.passages.length);
  }
  const embeddings = embedSentences(corpus.passages.flatMap((p) => p.sentences));
  onProgress?.(corpus.passages.length, corpus.passages.length);
  return { corpus, mini, docs, df, common, synonyms: buildSynonymMap(corpus.synonyms), embeddings, articles: articleTable(corpus) };
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
  const count = corpus.passages.reduce((n, p) => n + p.sentences.length, 0);
  const docs = new Int32Array(count * 2);
  let doc = 0;
  for (const [p, passage] of corpus.passages.entries()) {
    for (let s = 0; s < passage.sentences.length; s++, doc++) {
      docs[doc * 2] = p;
      docs[doc * 2 + 1] = s;
    }
  }
  return docs;
}

export function articleTable(corpus: Corpus): SearchIndex['articles'] {
  return new Map(corpus.articles.map((a, index) => [a.id, { index, titleTerms: new Set(termsOf(a.title)) }]));
}

/** The passage and sentence a MiniSearch document id stands for. */
export function docRef(index: SearchIndex, doc: number): { passage: Passage; sentence: number } {
  return { passage: index.corpus.passages[index.docs[doc * 2]!]!, sentence: index.docs[doc * 2 + 1]! };
}
