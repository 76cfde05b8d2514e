import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import { FieldLengths, Postings, SameIds } from './postings.ts';
import { ascendingDocs, holds, intersection, seek, union } from './sorted.ts';

/** One word to look up, as MiniSearch would in `search()` with per-term options. */
export interface TermQuery {
  readonly term: string;
  /** Multiplies this word's scores (MiniSearch's `boostTerm`). */
  readonly boost: number;
  /** Typo tolerance as MiniSearch's `fuzzy` (a share of the word's length, at most maxFuzzy edits), or false. */
  readonly fuzzy: number | false;
  /** Also match the index terms it begins (MiniSearch's `prefix`). */
  readonly prefix: boolean;
  /** The bits a sentence this word matches gets in `Matches.bits` (which question word it stands for). */
  readonly bits: number;
}

/** How the words are matched: MiniSearch's search options of the same names. */
export interface MatchOptions {
  /** Score multiplier per field; fields not named count 1. */
  readonly boost: Readonly<Record<string, number>>;
  /** What a fuzzy or prefix match is worth against an exact one; MiniSearch's defaults when missing. */
  readonly weights?: { readonly fuzzy: number; readonly prefix: number };
  /** The most edits a fuzzy match may take; default 6 (MiniSearch's). */
  readonly maxFuzzy?: number;
  /** Keep only these documents. */
  readonly filter?: (doc: number) => boolean;
  /** How many sentences make a word's posting list long (see candidatesOf); default LONG_POSTINGS. */
  readonly longPostings?: number;
}

/**
 * The sentences a query matched, best first, exactly as MiniSearch's
 * `search()` returns them (same scores, same order, ties in the order it met
 * them), held in flat arrays instead of an object per result. In a corpus
 * with long posting lists, only those of them a rarer word reaches (see
 * candidatesOf), with the same scores in the same order. Valid until
 * the next match against the same index: its arrays are reused.
 */
export interface Matches {
  readonly length: number;
  /** The k-th best match's document id. */
  readonly doc: Int32Array;
  /** Its score (MiniSearch's: BM25+ summed over the words, times how many words matched). */
  readonly score: Float64Array;
  /** The OR of the `bits` of the words it matched. */
  readonly bits: Int32Array;
  /** The index terms it matched (after typo tolerance and prefixes), as MiniSearch's `terms`. */
  terms(k: number): string[];
}

// MiniSearch 7's defaults for what search() is not given.
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const DEFAULT_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };
const DEFAULT_MAX_FUZZY = 6;

type TermData = Map<number, Map<number, number>>;
interface TermMap<T> {
  get(term: string): T | undefined;
  atPrefix(prefix: string): Iterable<[string, T]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [T, number]>;
}
/** The tables MiniSearch keeps (protected members, serialised by its toJSON): what search() reads. */
interface Internals {
  _index: TermMap<TermData>;
  _documentCount: number;
  _documentIds: ReadonlyMap<number, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: ReadonlyMap<number, number[]>;
  _avgFieldLength: number[];
  _dirtCount: number;
  _nextId: number;
}

/**
 * Matches `queries` against `mini` (terms given as analysed, one query each).
 * Reads MiniSearch's posting lists directly: `search()` makes an object, a
 * map of matched terms and an array per matching sentence and sorts them all,
 * which at 10,000 articles was most of a question's time. Falls back to
 * `search()` on an index with discarded documents, or a MiniSearch whose
 * tables are not the ones this reads.
 */
export function matchTerms(mini: MiniSearch<number>, queries: readonly TermQuery[], options: MatchOptions): Matches {
  const m = mini as unknown as Internals;
  const readable =
    m._dirtCount === 0 &&
    typeof m._index?.atPrefix === 'function' &&
    (m._fieldLength instanceof Map || m._fieldLength instanceof FieldLengths) &&
    Array.isArray(m._avgFieldLength) &&
    typeof m._fieldIds === 'object';
  return readable ? matchPostings(m, queries, options) : matchWithSearch(mini, queries, options);
}

/** The same through MiniSearch's own search(): the reference the fast path must equal. */
export function matchWithSearch(mini: MiniSearch<number>, queries: readonly TermQuery[], options: MatchOptions): Matches {
  const byTerm = new Map(queries.map((q) => [q.term, q]));
  const results: SearchResult[] =
    queries.length === 0
      ? []
      : mini.search(queries.map((q) => q.term).join(' '), {
          boost: options.boost,
          boostTerm: (t) => byTerm.get(t)?.boost ?? 1,
          fuzzy: (t) => byTerm.get(t)?.fuzzy ?? false,
          prefix: (t) => byTerm.get(t)?.prefix ?? false,
          ...(options.weights && { weights: options.weights }),
          ...(options.maxFuzzy !== undefined && { maxFuzzy: options.maxFuzzy }),
          ...(options.filter && { filter: (r) => options.filter!(r.id as number) }),
        });
  const n = results.length;
  const out = { length: n, doc: new Int32Array(n), score: new Float64Array(n), bits: new Int32Array(n) };
  for (const [k, r] of results.entries()) {
    out.doc[k] = r.id as number;
    out.score[k] = r.score;
    for (const t of r.queryTerms) out.bits[k]! |= byTerm.get(t)?.bits ?? 0;
  }
  return { ...out, terms: (k) => results[k]!.terms };
}

/**
 * What matching reads per document, as flat arrays: MiniSearch keeps them in
 * maps of hundreds of thousands of entries, whose lookups (a cache miss each)
 * were most of matching's time. Made at an index's first query; `slotOf` and
 * `slots` are scratch, reused by each query (a query's garbage is what makes
 * the collector stop answers).
 */
interface Tables {
  /** Document (MiniSearch's short id) → its length in each field, field by field. */
  readonly fieldLength: Int32Array;
  /** Short id → our document id. */
  readonly id: Int32Array;
  /** Short id → its slot in the current query, -1 when none. */
  readonly slotOf: Int32Array;
  readonly slots: Slots;
}
const tables = new WeakMap<object, Tables>();

function tablesOf(m: Internals, fieldCount: number): Tables {
  let t = tables.get(m);
  if (t && t.slotOf.length === m._nextId) return t;
  const size = m._nextId;
  // A compact index (src/search/postings.ts) already holds both as typed arrays.
  const compact = m._fieldLength instanceof FieldLengths && m._documentIds instanceof SameIds && m._fieldLength.fields === fieldCount;
  t = {
    fieldLength: compact ? (m._fieldLength as FieldLengths).lengths : new Int32Array(size * fieldCount),
    id: compact ? (m._documentIds as SameIds).ids : new Int32Array(size).fill(-1),
    slotOf: new Int32Array(size).fill(-1),
    slots: new Slots(),
  };
  if (!compact) {
    for (const [short, lengths] of m._fieldLength)
      for (let f = 0; f < fieldCount; f++) t.fieldLength[short * fieldCount + f] = lengths[f] ?? 0;
    for (const [short, id] of m._documentIds) t.id[short] = id;
  }
  tables.set(m, t);
  return t;
}

function matchPostings(m: Internals, queries: readonly TermQuery[], options: MatchOptions): Matches {
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const maxFuzzy = options.maxFuzzy ?? DEFAULT_MAX_FUZZY;
  const fields = Object.entries(m._fieldIds).map(([name, id]) => ({
    id,
    boost: options.boost[name] || 1,
    avgLength: m._avgFieldLength[id]!,
  }));
  const F = fields.length;
  const t = tablesOf(m, F);
  const { fieldLength, id, slotOf, slots: s } = t;
  s.reset();

  // A slot per matching document, numbered in the order MiniSearch first meets them (its tie order).
  const derived: string[] = [];
  const derivedIndex = new Map<string, number>();
  let touched = 0;

  // One index term's postings, as MiniSearch's termResults: BM25+ per field, added to the query's partial scores.
  // With `only`, just the postings of those documents (see candidatesOf).
  const visit = ({ query, bits, term, weight, data }: Visit, only: Int32Array | undefined) => {
    let d = derivedIndex.get(term);
    if (d === undefined) derivedIndex.set(term, (d = derived.push(term) - 1));
    for (const field of fields) {
      const postings = data.get(field.id);
      if (!postings) continue;
      const idf = Math.log(1 + (m._documentCount - postings.size + 0.5) / (postings.size + 0.5));
      const factor = weight * field.boost * 1; // MiniSearch's termWeight × termBoost × fieldBoost × docBoost (none)
      const post = (tf: number, doc: number) => {
        let a = slotOf[doc]!;
        if (a === -1) slotOf[doc] = a = s.add(doc);
        if (s.query[a] !== query) {
          s.query[a] = query;
          s.partial[a] = 0;
          s.quality[a]!++;
          s.touched[touched++] = a;
        }
        const length = fieldLength[doc * F + field.id]!;
        const raw = idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / field.avgLength)));
        s.partial[a]! += factor * raw;
        s.slotBits[a]! |= bits;
        s.addTerm(a, d);
      };
      if (!only)
        postings.forEach(post); // forEach, not for…of: no [doc, tf] pair made per posting
      else if (postings instanceof Postings) postingsAt(postings, only, post);
      else postings.forEach((tf, doc) => holds(only, doc) && post(tf, doc));
    }
  };

  const visits = lookUp(m, queries, weights, maxFuzzy);
  const candidates = candidatesOf(visits, options.longPostings ?? LONG_POSTINGS);
  try {
    for (let v = 0; v < visits.length; v++) {
      const { query } = visits[v]!;
      visit(visits[v]!, candidates?.long[v] ? candidates.docs : undefined);
      // MiniSearch scores each query word on its own, then adds the words' scores up.
      if (visits[v + 1]?.query !== query) {
        for (let i = 0; i < touched; i++) s.total[s.touched[i]!]! += s.partial[s.touched[i]!]!;
        touched = 0;
      }
    }
  } finally {
    for (let a = 0; a < s.length; a++) slotOf[s.slotDoc[a]!] = -1;
  }

  const { total, quality, order, doc, score, bits } = s;
  let n = 0;
  for (let a = 0; a < s.length; a++) {
    total[a] = total[a]! * quality[a]!;
    if (!options.filter || options.filter(id[s.slotDoc[a]!]!)) order[n++] = a;
  }
  const ranked = s.rank(n);
  for (let k = 0; k < n; k++) {
    const a = ranked[k]!;
    doc[k] = id[s.slotDoc[a]!]!;
    score[k] = total[a]!;
    bits[k] = s.slotBits[a]!;
  }
  return {
    length: n,
    doc: doc.subarray(0, n),
    score: score.subarray(0, n),
    bits: bits.subarray(0, n),
    terms: (k) => s.termsOf(ranked[k]!, derived),
  };
}

/**
 * A posting list longer than this is long: a word in more sentences than a
 * corpus of 400,000 sentences (about 10,000 articles) lets a searchable word
 * be in (COMMON_TERM_SHARE of them). Only larger corpora have long lists.
 */
export const LONG_POSTINGS = 6_000;

/** One index term a query word reaches (itself, a typo of it, a word it begins), and what it is worth. */
interface Visit {
  readonly query: number;
  readonly bits: number;
  readonly term: string;
  readonly weight: number;
  readonly data: TermData;
}

/** The index terms each query word reaches, query by query, in the order MiniSearch's search() visits them. */
function lookUp(m: Internals, queries: readonly TermQuery[], weights: { fuzzy: number; prefix: number }, maxFuzzy: number): Visit[] {
  const visits: Visit[] = [];
  for (const [query, q] of queries.entries()) {
    const exact = m._index.get(q.term);
    if (exact) visits.push({ query, bits: q.bits, term: q.term, weight: q.boost, data: exact });
    let fuzzyMatches: Map<string, [TermData, number]> | undefined;
    if (q.fuzzy !== false) {
      const maxDistance = q.fuzzy < 1 ? Math.min(maxFuzzy, Math.round(q.term.length * q.fuzzy)) : q.fuzzy;
      if (maxDistance) fuzzyMatches = m._index.fuzzyGet(q.term, maxDistance);
    }
    if (q.prefix) {
      for (const [term, data] of m._index.atPrefix(q.term)) {
        const distance = term.length - q.term.length;
        if (!distance) continue;
        fuzzyMatches?.delete(term);
        const weight = ((weights.prefix * term.length) / (term.length + 0.3 * distance)) * q.boost;
        visits.push({ query, bits: q.bits, term, weight, data });
      }
    }
    if (fuzzyMatches) {
      for (const [term, [data, distance]] of fuzzyMatches) {
        if (!distance) continue;
        visits.push({ query, bits: q.bits, term, weight: ((weights.fuzzy * term.length) / (term.length + distance)) * q.boost, data });
      }
    }
  }
  return visits;
}

/**
 * In a corpus large enough to have long posting lists, the sentences worth
 * scoring: those a word with no long list reaches (a rare word, or a typo's
 * rare neighbour), and those two or more of the question's words reach. A
 * sentence that only one word with a long list reaches is not a match: it
 * shares just one of the question's commonest words, and scoring, sorting
 * and tallying tens of thousands of those is what made a question slow at
 * 100,000 articles. A word's synonyms, typo neighbours and completions are
 * the same word (the same bits). Undefined when every sentence a word reaches
 * is a candidate: in any corpus without long lists, and for a question of one
 * word. Matching is then MiniSearch's exactly. `long`: which visits' lists
 * are long (only those are read for the candidates alone).
 */
function candidatesOf(visits: readonly Visit[], longPostings: number): { long: boolean[]; docs: Int32Array } | undefined {
  const long = visits.map((v) => Math.max(0, ...[...v.data.values()].map((p) => p.size)) > longPostings);
  if (!long.includes(true) || new Set(visits.map((v) => v.bits)).size < 2) return undefined;
  let short = NONE;
  const byWord = new Map<number, Int32Array>();
  for (const [i, v] of visits.entries())
    for (const postings of v.data.values()) {
      if (long[i]) byWord.set(v.bits, union(byWord.get(v.bits) ?? NONE, ascendingDocs(postings)));
      else short = union(short, ascendingDocs(postings));
    }
  let seen = NONE;
  let twice = NONE;
  for (const docs of byWord.values()) {
    twice = union(twice, intersection(seen, docs));
    seen = union(seen, docs);
  }
  return { long, docs: union(short, twice) };
}

const NONE: Int32Array = new Int32Array(0);

/** Calls `post` for the postings of `list` whose documents are in `only` (ascending), in the list's order. */
function postingsAt(list: Postings, only: Int32Array, post: (tf: number, doc: number) => void): void {
  const { docs, tfs, big } = list.pool;
  const end = list.start + list.size;
  for (let c = 0, k = list.start; c < only.length && k < end; c++) {
    k = seek(docs, k, end, only[c]!);
    if (k < end && docs[k] === only[c]) post(tfs[k] || big.get(k)!, docs[k]!);
  }
}

/**
 * Growable flat arrays, one entry per matching document: per slot (in the
 * order documents were met) while matching, then per rank for the results.
 */
class Slots {
  length = 0;
  slotDoc = new Int32Array(1024);
  total = new Float64Array(1024);
  partial = new Float64Array(1024);
  quality = new Int32Array(1024);
  query = new Int32Array(1024);
  slotBits = new Int32Array(1024);
  /** The slots the current query word reached. */
  touched = new Int32Array(1024);
  /** The slots by rank, then what Matches gives for each rank. */
  order = new Int32Array(1024);
  doc = new Int32Array(1024);
  score = new Float64Array(1024);
  bits = new Int32Array(1024);
  // Each slot's matched terms, a chain through a log: first and last entry, the entry's term and next entry.
  first = new Int32Array(1024);
  last = new Int32Array(1024);
  logTerm = new Int32Array(1024);
  logNext = new Int32Array(1024);
  logLength = 0;

  /** Scratch for rank: the distinct scores; each slot's place among them; where each place's slots start; the ranking. */
  values = new Float64Array(0);
  place = new Int32Array(0);
  start = new Int32Array(0);
  ranked = new Int32Array(0);

  /**
   * The first `n` slots of `order` (in slot order) best first by `total`,
   * equal scores in slot order, as MiniSearch's stable sort leaves them. A
   * counting sort over the distinct scores, sorted natively: a comparator
   * sort of 50,000 matches was a third of matching's time at 100,000 articles.
   */
  rank(n: number): Int32Array {
    if (this.values.length < n + 1) {
      this.values = new Float64Array(this.order.length + 1);
      this.place = new Int32Array(this.order.length + 1);
      this.start = new Int32Array(this.order.length + 1);
      this.ranked = new Int32Array(this.order.length + 1);
    }
    const { order, total, values, place, start, ranked } = this;
    // Negated, so that the native ascending sort puts the best first.
    for (let i = 0; i < n; i++) values[i] = -total[order[i]!]!;
    values.subarray(0, n).sort();
    let distinct = 0;
    for (let i = 0; i < n; i++) if (distinct === 0 || values[i] !== values[distinct - 1]) values[distinct++] = values[i]!;
    start.fill(0, 0, distinct + 1);
    for (let i = 0; i < n; i++) {
      place[i] = seek(values, 0, distinct, -total[order[i]!]!);
      start[place[i]! + 1]!++;
    }
    for (let v = 0; v < distinct; v++) start[v + 1]! += start[v]!;
    for (let i = 0; i < n; i++) ranked[start[place[i]!]!++] = order[i]!;
    return ranked.subarray(0, n);
  }

  /** Empties them for the next query (what they held is not cleared: add sets each field). */
  reset(): void {
    this.length = 0;
    this.logLength = 0;
  }

  add(doc: number): number {
    if (this.length === this.slotDoc.length) {
      const size = this.length * 2;
      this.slotDoc = grow(this.slotDoc, size);
      this.total = grow(this.total, size);
      this.partial = grow(this.partial, size);
      this.quality = grow(this.quality, size);
      this.query = grow(this.query, size);
      this.slotBits = grow(this.slotBits, size);
      this.touched = grow(this.touched, size);
      this.order = grow(this.order, size);
      this.doc = grow(this.doc, size);
      this.score = grow(this.score, size);
      this.bits = grow(this.bits, size);
      this.first = grow(this.first, size);
      this.last = grow(this.last, size);
    }
    const a = this.length++;
    this.slotDoc[a] = doc;
    this.total[a] = 0;
    this.quality[a] = 0;
    this.slotBits[a] = 0;
    this.query[a] = -1;
    this.first[a] = -1;
    this.last[a] = -1;
    return a;
  }

  addTerm(a: number, term: number): void {
    const last = this.last[a]!;
    // A term in both fields is met twice in a row: kept once.
    if (last !== -1 && this.logTerm[last] === term) return;
    if (this.logLength === this.logTerm.length) {
      this.logTerm = grow(this.logTerm, this.logLength * 2);
      this.logNext = grow(this.logNext, this.logLength * 2);
    }
    const e = this.logLength++;
    this.logTerm[e] = term;
    this.logNext[e] = -1;
    if (last === -1) this.first[a] = e;
    else this.logNext[last] = e;
    this.last[a] = e;
  }

  /** A slot's distinct terms in the order MiniSearch's `Object.keys(match)` gives them. */
  termsOf(a: number, names: readonly string[]): string[] {
    const terms: string[] = [];
    for (let e = this.first[a]!; e !== -1; e = this.logNext[e]!) {
      const t = names[this.logTerm[e]!]!;
      if (!terms.includes(t)) terms.push(t);
    }
    // Object keys that are array indices ("2024") come first, in numeric order.
    const indices = terms.filter(isArrayIndex);
    if (indices.length === 0) return terms;
    return [...indices.sort((x, y) => Number(x) - Number(y)), ...terms.filter((t) => !isArrayIndex(t))];
  }
}

function isArrayIndex(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c < 48 || c > 57) return false; // most terms: not a digit first
  return /^(?:0|[1-9]\d*)$/.test(t) && Number(t) < 2 ** 32 - 1;
}

function grow<T extends Int32Array | Float64Array>(a: T, size: number): T {
  const bigger = new (a.constructor as new (n: number) => T)(size);
  bigger.set(a);
  return bigger;
}

/** Makes the matcher's per-document tables for `mini` now, as its first question would (a few typed arrays, each one allocation). */
export function prepareMatching(mini: MiniSearch<number>): void {
  matchTerms(mini, [], { boost: {} });
}
