import type MiniSearch from 'minisearch';
import { corpusOf } from '../corpus/corpus.ts';
import type { Article, Corpus } from '../corpus/types.ts';
import { articleTable, buildDocs, commonBar, newMiniSearch, postingsOf, type Analysed, type SearchIndex } from './index.ts';
import { compactTablesFrom, FieldLengths, fillCompact, SameIds } from './postings.ts';
import { ascendingDocs } from './sorted.ts';
import { sentenceCount } from '../corpus/passage.ts';

/**
 * A server's own articles, analysed apart from the base (in a worker: see
 * src/tenancy/layer.ts): parsed, their sentences' terms numbered (pass 1 of
 * an index build), their sentences embedded against the base's component.
 */
export interface Layer {
  readonly articles: readonly Article[];
  readonly analysed: Analysed;
  readonly rows: Int8Array;
}

/**
 * The index over `base` and a layer of articles after it, answering as one
 * index built over both would, without copying the base's tables: its posting
 * lists, word table and sentence embeddings are read where they are, and the
 * layer's are read after them. What is made anew is what the layer changes:
 * the layer's posting lists (numbered on from the base's documents, field
 * averages run on from the base's), the sentence counts per word (the base's
 * plus the layer's), which words are too common to search, and tables of a
 * few bytes per base sentence (document → passage, field lengths).
 *
 * A base word the layer makes too common to search is left out as a build
 * over both leaves it out: of queries, and of the base sentences' lengths
 * (their field averages made again). The one way it can differ from a build
 * over both: a word the base already left out as common stays out, though the
 * layer's sentences raise the bar a little (only in a base of over 133,000
 * sentences, where the bar is a share of them).
 */
export function layerIndex(base: SearchIndex, layer: Layer): SearchIndex {
  const before = base.docs.length / 2;
  const own = corpusOf(layer.articles, base.corpus.synonyms);
  // The base's passages are not walked again: its list, then the layer's.
  const corpus: Corpus = {
    articles: [...base.corpus.articles, ...own.articles],
    passages: [...base.corpus.passages, ...own.passages],
    synonyms: base.corpus.synonyms,
  };
  const count = before + own.passages.reduce((n, p) => n + sentenceCount(p), 0);
  const df = new SummedCounts(base.df, layer.analysed.df);
  const common = commonAfter(base, layer.analysed.df, count);
  const baseTables = compactTablesFrom(base.mini);
  const fields = baseTables.averageFieldLength.length;
  const lengths = new Int32Array(count * fields);
  lengths.set(baseTables.fieldLengths);
  const averages = baseLengthsWithout(base, common, lengths, fields) ?? baseTables.averageFieldLength;
  const ownTables = postingsOf(own, { ...layer.analysed, common }, { docs: before, averageFieldLength: averages });
  const ownMini = fillCompact(
    newMiniSearch(() => ''),
    ownTables,
  );
  lengths.set(ownTables.fieldLengths, before * fields);
  const mini = layeredMini(base.mini, ownMini, common, {
    count,
    lengths: new FieldLengths(lengths, fields),
    averages: ownTables.averageFieldLength,
  });
  return {
    corpus,
    mini,
    docs: docsAfter(base.docs, buildDocs(own), base.corpus.passages.length),
    df,
    common,
    synonyms: base.synonyms,
    embeddings: { pc: base.embeddings.pc, rows: base.embeddings.rows, own: { from: before, rows: layer.rows } },
    articles: articlesAfter(base, own),
  };
}

/** The words too common to search in the index over both: the base's, and any the layer's sentences take over the bar. */
function commonAfter(base: SearchIndex, layerDf: ReadonlyMap<string, number>, count: number): Set<string> {
  const bar = commonBar(count);
  const common = new Set(base.common);
  for (const [t, n] of layerDf) if ((base.df.get(t) ?? 0) + n > bar) common.add(t);
  return common;
}

/**
 * Takes the base words that became common out of the base sentences' lengths
 * (in `lengths`, a copy), and gives the fields' running averages over them
 * again; undefined when no base word became common (the base's averages stand).
 */
function baseLengthsWithout(base: SearchIndex, common: ReadonlySet<string>, lengths: Int32Array, fields: number): number[] | undefined {
  const terms = (base.mini as unknown as Readable)._index;
  let changed = false;
  for (const t of common) {
    if (base.common.has(t)) continue;
    terms.get(t)?.forEach((postings, f) => postings.forEach((_, doc) => lengths[doc * fields + f]!--));
    changed = true;
  }
  if (!changed) return undefined;
  const averages = new Array<number>(fields).fill(0);
  const docs = base.docs.length / 2;
  for (let doc = 0; doc < docs; doc++)
    for (let f = 0; f < fields; f++) averages[f] = (averages[f]! * doc + lengths[doc * fields + f]!) / (doc + 1);
  return averages;
}

/** Document → [passage, sentence] over both: the base's table, then the layer's with its passages numbered on. */
function docsAfter(base: Int32Array, layer: Int32Array, passages: number): Int32Array {
  const docs = new Int32Array(base.length + layer.length);
  docs.set(base);
  for (let k = 0; k < layer.length; k += 2) {
    docs[base.length + k] = layer[k]! + passages;
    docs[base.length + k + 1] = layer[k + 1]!;
  }
  return docs;
}

function articlesAfter(base: SearchIndex, own: Corpus): SearchIndex['articles'] {
  const articles = new Map(base.articles);
  const first = base.corpus.articles.length;
  for (const [id, entry] of articleTable(own)) articles.set(id, { ...entry, index: first + entry.index });
  return articles;
}

/** A read-only Map's iteration, from its entries. */
abstract class MapView<K, V> implements ReadonlyMap<K, V> {
  abstract readonly size: number;
  abstract get(key: K): V | undefined;
  abstract has(key: K): boolean;
  abstract entries(): MapIterator<[K, V]>;

  forEach(f: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [k, v] of this.entries()) f(v, k, this);
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}

/** Sentence counts per word over both: the base's plus the layer's, read where they are. */
class SummedCounts extends MapView<string, number> {
  readonly size: number;
  constructor(
    private readonly base: ReadonlyMap<string, number>,
    private readonly layer: ReadonlyMap<string, number>,
  ) {
    super();
    let only = 0;
    for (const t of layer.keys()) if (!base.has(t)) only++;
    this.size = base.size + only;
  }

  get(t: string): number | undefined {
    const a = this.base.get(t);
    const b = this.layer.get(t);
    return a === undefined ? b : a + (b ?? 0);
  }

  has(t: string): boolean {
    return this.base.has(t) || this.layer.has(t);
  }

  *entries(): MapIterator<[string, number]> {
    for (const [t, n] of this.base) yield [t, n + (this.layer.get(t) ?? 0)];
    for (const [t, n] of this.layer) if (!this.base.has(t)) yield [t, n];
  }
}

type TermData = ReadonlyMap<number, ReadonlyMap<number, number>>;
interface TermMap {
  get(term: string): TermData | undefined;
  has(term: string): boolean;
  atPrefix(prefix: string): Iterable<[string, TermData]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [TermData, number]>;
}
/** What the matcher (src/search/matches.ts) reads of a MiniSearch. */
interface Readable {
  _index: TermMap;
}

/**
 * A MiniSearch as the matcher reads it (src/search/matches.ts), over the base's
 * word table and the layer's: a word's documents are the base's, then the
 * layer's (all numbered after the base's, so each list stays ascending, as in
 * one index). Only the matcher reads it: it has no search() of its own.
 */
function layeredMini(
  base: MiniSearch<number>,
  layer: MiniSearch<number>,
  common: ReadonlySet<string>,
  docs: { count: number; lengths: FieldLengths; averages: readonly number[] },
): MiniSearch<number> {
  const a = (base as unknown as Readable)._index;
  const b = (layer as unknown as Readable)._index;
  const join = (x: TermData | undefined, y: TermData | undefined): TermData | undefined => (x && y ? joinFields(x, y) : (x ?? y));
  const terms: TermMap = {
    get: (t) => (common.has(t) ? undefined : join(a.get(t), b.get(t))),
    has: (t) => !common.has(t) && (a.has(t) || b.has(t)),
    *atPrefix(prefix) {
      for (const [t, data] of a.atPrefix(prefix)) if (!common.has(t)) yield [t, join(data, b.get(t))!];
      for (const [t, data] of b.atPrefix(prefix)) if (!common.has(t) && !a.has(t)) yield [t, data];
    },
    fuzzyGet(term, maxDistance) {
      const found = new Map<string, [TermData, number]>();
      for (const [t, [data, d]] of a.fuzzyGet(term, maxDistance)) if (!common.has(t)) found.set(t, [join(data, b.get(t))!, d]);
      for (const [t, hit] of b.fuzzyGet(term, maxDistance)) if (!common.has(t) && !found.has(t) && !a.has(t)) found.set(t, hit);
      return found;
    },
  };
  const fieldIds = (base as unknown as { _fieldIds: Record<string, number> })._fieldIds;
  return {
    _index: terms,
    _documentCount: docs.count,
    _nextId: docs.count,
    _documentIds: new SameIds(docs.count),
    _fieldIds: fieldIds,
    _fieldLength: docs.lengths,
    _avgFieldLength: [...docs.averages],
    _dirtCount: 0,
    documentCount: docs.count,
  } as unknown as MiniSearch<number>;
}

/** A word's lists field by field, the base's then the layer's. */
function joinFields(x: TermData, y: TermData): TermData {
  const joined = new Map<number, ReadonlyMap<number, number>>();
  for (const f of new Set([...x.keys(), ...y.keys()])) {
    const p = x.get(f);
    const q = y.get(f);
    joined.set(f, p && q ? new Joined(p, q) : (p ?? q)!);
  }
  return joined;
}

/** Two posting lists read as one: the first's documents all come before the second's. */
class Joined extends MapView<number, number> {
  readonly size: number;
  constructor(
    private readonly first: ReadonlyMap<number, number>,
    private readonly second: ReadonlyMap<number, number>,
  ) {
    super();
    this.size = first.size + second.size;
  }

  get(doc: number): number | undefined {
    return this.first.get(doc) ?? this.second.get(doc);
  }

  has(doc: number): boolean {
    return this.first.has(doc) || this.second.has(doc);
  }

  /** Both lists' documents, ascending (the second's all come after the first's). */
  ascending(): Int32Array {
    const first = ascendingDocs(this.first);
    const second = ascendingDocs(this.second);
    const both = new Int32Array(first.length + second.length);
    both.set(first);
    both.set(second, first.length);
    return both;
  }

  // The matcher's loop: each list's own forEach, no pair made per posting.
  override forEach(f: (tf: number, doc: number, map: ReadonlyMap<number, number>) => void): void {
    this.first.forEach((tf, doc) => f(tf, doc, this));
    this.second.forEach((tf, doc) => f(tf, doc, this));
  }

  *entries(): MapIterator<[number, number]> {
    yield* this.first.entries();
    yield* this.second.entries();
  }
}
