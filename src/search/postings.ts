import type MiniSearch from 'minisearch';

/**
 * MiniSearch's tables, compact. MiniSearch keeps a Map per word and field
 * (document → term frequency) and three Maps with an entry per document
 * (field lengths, ids both ways): at 100,000 articles (4 million sentences)
 * those Maps alone were 2.6 GB of heap. Here every posting list is a stretch
 * of one pool of typed arrays (5 bytes a posting instead of about 30), and
 * the per-document tables are typed arrays, each read through the part of
 * Map's API that MiniSearch's `search()` and our matcher use. An index made
 * of these is read-only: it is never added to, only rebuilt.
 */

/** Every posting list of an index, end to end: document ids (ascending within a list) and term frequencies. */
export interface PostingPool {
  readonly docs: Int32Array;
  /** A posting's term frequency, or 0 where it is above 255 (then it is in `big`, by position). */
  readonly tfs: Uint8Array;
  readonly big: ReadonlyMap<number, number>;
}

/** One word's documents in one field: a stretch of the pool, read as a Map from document to term frequency. */
export class Postings implements ReadonlyMap<number, number> {
  constructor(
    readonly pool: PostingPool,
    readonly start: number,
    readonly size: number,
  ) {}

  private tfAt(k: number): number {
    const tf = this.pool.tfs[k]!;
    return tf === 0 ? this.pool.big.get(k)! : tf;
  }

  /** The position of `doc` in the pool, or -1 (a binary search: the list is ascending). */
  private find(doc: number): number {
    const { docs } = this.pool;
    let lo = this.start;
    let hi = this.start + this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const d = docs[mid]!;
      if (d === doc) return mid;
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  get(doc: number): number | undefined {
    const k = this.find(doc);
    return k < 0 ? undefined : this.tfAt(k);
  }

  has(doc: number): boolean {
    return this.find(doc) >= 0;
  }

  /** The list's documents, ascending: its stretch of the pool, not a copy. */
  ascending(): Int32Array {
    return this.pool.docs.subarray(this.start, this.start + this.size);
  }

  // The matcher's inner loop: one call per posting, so nothing in it but array reads.
  forEach(f: (tf: number, doc: number, map: ReadonlyMap<number, number>) => void): void {
    const { docs, tfs, big } = this.pool;
    for (let k = this.start, end = this.start + this.size; k < end; k++) {
      const tf = tfs[k]!;
      f(tf === 0 ? big.get(k)! : tf, docs[k]!, this);
    }
  }

  *entries(): MapIterator<[number, number]> {
    for (let k = this.start, end = this.start + this.size; k < end; k++) yield [this.pool.docs[k]!, this.tfAt(k)];
  }

  *keys(): MapIterator<number> {
    for (let k = this.start, end = this.start + this.size; k < end; k++) yield this.pool.docs[k]!;
  }

  *values(): MapIterator<number> {
    for (let k = this.start, end = this.start + this.size; k < end; k++) yield this.tfAt(k);
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }
}

/** Every document's length in each field (MiniSearch's `_fieldLength`): `lengths[doc * fields + field]`. */
export class FieldLengths implements ReadonlyMap<number, number[]> {
  constructor(
    readonly lengths: Int32Array,
    readonly fields: number,
  ) {}

  get size(): number {
    return this.lengths.length / this.fields;
  }

  has(doc: number): boolean {
    return Number.isInteger(doc) && doc >= 0 && doc < this.size;
  }

  get(doc: number): number[] | undefined {
    return this.has(doc) ? Array.from(this.lengths.subarray(doc * this.fields, (doc + 1) * this.fields)) : undefined;
  }

  forEach(f: (lengths: number[], doc: number, map: ReadonlyMap<number, number[]>) => void): void {
    for (let doc = 0; doc < this.size; doc++) f(this.get(doc)!, doc, this);
  }

  *entries(): MapIterator<[number, number[]]> {
    for (let doc = 0; doc < this.size; doc++) yield [doc, this.get(doc)!];
  }

  *keys(): MapIterator<number> {
    for (let doc = 0; doc < this.size; doc++) yield doc;
  }

  *values(): MapIterator<number[]> {
    for (let doc = 0; doc < this.size; doc++) yield this.get(doc)!;
  }

  [Symbol.iterator](): MapIterator<[number, number[]]> {
    return this.entries();
  }
}

/**
 * MiniSearch's id tables (`_documentIds`, `_idToShortId`): our documents are
 * numbered 0…n-1 in the order they are added, so MiniSearch's short id of a
 * document is the document id itself, both ways.
 */
export class SameIds implements ReadonlyMap<number, number> {
  private identity: Int32Array | undefined;
  constructor(readonly size: number) {}

  /** Short id → document id as a typed array (the identity), made when first asked for. */
  get ids(): Int32Array {
    if (!this.identity) {
      this.identity = new Int32Array(this.size);
      for (let i = 0; i < this.size; i++) this.identity[i] = i;
    }
    return this.identity;
  }

  has(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.size;
  }

  get(id: number): number | undefined {
    return this.has(id) ? id : undefined;
  }

  forEach(f: (id: number, short: number, map: ReadonlyMap<number, number>) => void): void {
    for (let i = 0; i < this.size; i++) f(i, i, this);
  }

  *entries(): MapIterator<[number, number]> {
    for (let i = 0; i < this.size; i++) yield [i, i];
  }

  *keys(): MapIterator<number> {
    for (let i = 0; i < this.size; i++) yield i;
  }

  *values(): MapIterator<number> {
    for (let i = 0; i < this.size; i++) yield i;
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }
}

/**
 * The words of an index and where each one's postings are, field by field:
 * word `w`'s list in field `f` is `size[w * fields + f]` postings from
 * `start[w * fields + f]` (size 0: none). Words in the order MiniSearch would
 * have met them, which is the order its word tree is filled in.
 */
export interface TermTable {
  readonly terms: readonly string[];
  readonly start: Int32Array;
  readonly size: Int32Array;
}

/** What a compact MiniSearch is made of: what the saved index holds of it. */
export interface CompactTables {
  readonly documentCount: number;
  /** Each field's average length, as MiniSearch computes it (a running average, in document order). */
  readonly averageFieldLength: readonly number[];
  readonly fieldLengths: Int32Array;
  readonly terms: TermTable;
  readonly pool: PostingPool;
}

/** MiniSearch's protected tables, as a compact index sets them. */
interface Internals {
  _index: { set(term: string, data: Map<number, ReadonlyMap<number, number>>): unknown } & Iterable<
    [string, Map<number, ReadonlyMap<number, number>>]
  >;
  _documentCount: number;
  _nextId: number;
  _documentIds: ReadonlyMap<number, number>;
  _idToShortId: ReadonlyMap<number, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: ReadonlyMap<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
}

/** Fills a new, empty MiniSearch (made with our options) with compact tables. */
export function fillCompact(mini: MiniSearch<number>, t: CompactTables): MiniSearch<number> {
  for (const _ of filling(mini, t));
  return mini;
}

/** As fillCompact, yielding to the event loop every 2,000 words: a reload fills the new index while answers go on. */
export async function fillCompactAsync(mini: MiniSearch<number>, t: CompactTables): Promise<MiniSearch<number>> {
  let n = 0;
  for (const _ of filling(mini, t)) if (++n % 2000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  return mini;
}

/** Fills the tables in, word by word (a step per word). */
function* filling(mini: MiniSearch<number>, t: CompactTables): Generator<void> {
  const m = mini as unknown as Internals;
  const F = Object.keys(m._fieldIds).length;
  m._documentCount = t.documentCount;
  m._nextId = t.documentCount;
  m._documentIds = new SameIds(t.documentCount);
  m._idToShortId = new SameIds(t.documentCount);
  m._fieldLength = new FieldLengths(t.fieldLengths, F);
  m._avgFieldLength = [...t.averageFieldLength];
  m._dirtCount = 0;
  const { terms, start, size } = t.terms;
  for (let w = 0; w < terms.length; w++) {
    const data = new Map<number, ReadonlyMap<number, number>>();
    for (let f = 0; f < F; f++) if (size[w * F + f]! > 0) data.set(f, new Postings(t.pool, start[w * F + f]!, size[w * F + f]!));
    m._index.set(terms[w]!, data);
    yield;
  }
  filled.set(mini, t);
}

/** The tables each compact MiniSearch was filled with: its words in the order they were added, which its word tree does not keep. */
const filled = new WeakMap<MiniSearch<number>, CompactTables>();

/** The compact tables a MiniSearch filled by fillCompact is read from; undefined for any other. */
export function compactTablesOf(mini: MiniSearch<number>): CompactTables | undefined {
  return filled.get(mini);
}

/**
 * Any MiniSearch over our documents (one loaded by MiniSearch itself, say)
 * as compact tables: its words in its tree's order, each list copied into one pool.
 */
export function compactTablesFrom(mini: MiniSearch<number>): CompactTables {
  const already = compactTablesOf(mini);
  if (already) return already;
  const m = mini as unknown as Internals;
  const F = Object.keys(m._fieldIds).length;
  const n = m._nextId;
  const fieldLengths = new Int32Array(n * F);
  m._fieldLength.forEach((lengths, doc) => lengths.forEach((l, f) => (fieldLengths[doc * F + f] = l)));
  const terms: string[] = [];
  const starts: number[] = [];
  const sizes: number[] = [];
  const docs = new Growable(Int32Array);
  const tfs = new Growable(Uint8Array);
  const big = new Map<number, number>();
  for (const [term, data] of m._index) {
    terms.push(term);
    for (let f = 0; f < F; f++) {
      const p = data.get(f);
      starts.push(docs.length);
      sizes.push(p?.size ?? 0);
      // MiniSearch's maps hold the documents in the order they were added: ascending.
      p?.forEach((tf, doc) => {
        if (tf > 255) big.set(docs.length, tf);
        docs.push(doc);
        tfs.push(tf > 255 ? 0 : tf);
      });
    }
  }
  return {
    documentCount: m._documentCount,
    averageFieldLength: m._avgFieldLength,
    fieldLengths,
    terms: { terms, start: Int32Array.from(starts), size: Int32Array.from(sizes) },
    pool: { docs: docs.trimmed(), tfs: tfs.trimmed(), big },
  };
}

type TypedArray = Int32Array | Uint8Array;

/** A typed array that grows as it is pushed to (doubling), trimmed to its length at the end. */
export class Growable<T extends TypedArray> {
  array: T;
  length = 0;
  constructor(
    private readonly make: new (n: number) => T,
    capacity = 1024,
  ) {
    this.array = new make(capacity);
  }

  push(x: number): void {
    if (this.length === this.array.length) {
      const bigger = new this.make(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = x;
  }

  /** The values pushed, in an array of exactly their number (a copy unless it is full). */
  trimmed(): T {
    return this.length === this.array.length ? this.array : (this.array.slice(0, this.length) as T);
  }
}
