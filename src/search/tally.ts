import { docRef, type SearchIndex } from './index.ts';
import { matchTerms, type Matches } from './matches.ts';
import { closestSentences, sentenceCosine } from './meaning.ts';
import { proximity } from './proximity.ts';
import type { Query, SearchOptions } from './query.ts';
import { scratch } from './scratch.ts';
import type { PassageTable } from './table.ts';
import { sentenceAt } from '../corpus/passage.ts';

/**
 * The passages a question reaches, as slots in flat arrays: found by its words
 * (MiniSearch's BM25 over sentences) or by meaning (the sentences closest to
 * it). This runs once per matching sentence (tens of thousands at 10,000
 * articles), so there is no object per match: each slot's matching sentences
 * are a chain through `next`, read back only for the passages that answer.
 */
export interface Tally {
  /** The sentences the words matched, best first (valid until the next query on this index). */
  readonly matches: Matches;
  readonly slots: number;
  /** Slot → passage number. */
  readonly passage: Int32Array;
  /** Slot → its best sentence's score (BM25, with the answer cue, proximity and meaning). */
  readonly best: Float64Array;
  /** Slot → its best cosine with the question, over the sentences compared in meaning. */
  readonly cos: Float64Array;
  /** Slot → the sentence the meaning scan found in it, -1 for none. */
  readonly meaningDoc: Int32Array;
  /** Slot → which question words it matched, a bit each. */
  readonly groups: Int32Array;
  /** slot × groups + g → how many of the slot's sentences hold question word g. */
  readonly counts: Int32Array;
  /** Slot → its first matching sentence (a position in `matches`), -1 when found by meaning alone. */
  readonly first: Int32Array;
  /** Position in `matches` → the next one of the same slot, -1 at the end. */
  readonly next: Int32Array;
  /** Position in `matches` → that sentence's score. */
  readonly sentenceScore: Float64Array;
  /** Slot → BM25 of the whole passage, from how many of its sentences hold each word. */
  readonly para: Float64Array;
  readonly bestSentence: number;
  readonly bestPara: number;
}

/** Synonyms count a little less than the word the user typed. */
const SYNONYM_BOOST = 0.75;
/** A sentence holding the kind of answer asked for (a year for "when") scores this much more: twice. */
const ANSWER_CUE = 1;
/** A sentence holding the question's words close together (see proximity) scores up to this much more. */
const PROXIMITY = 0.75;
/** A sentence's score is multiplied by exp(MEANING_GAMMA × its cosine with the question). */
const MEANING_GAMMA = 3;
/** Only the best this many matching sentences are compared in meaning: large corpora stay fast. */
const MEANING_CANDIDATES = 300;
/** The sentences closest in meaning join the candidates, whether or not they share a word with the question. */
const MEANING_FOUND = 30;
/**
 * Up to this many sentences (about 1,000 articles), the meaning scan reads them all: 10 ms at 50,000
 * sentences on the 2-core VM (load 1), so about 4 ms here; beyond, only the articles of the best word
 * matches, so a 10,000-article corpus stays within its time.
 */
const MEANING_SCAN_ALL = 20_000;
/** Beyond MEANING_SCAN_ALL: how many articles (those of the best word matches) the scan reads. */
const MEANING_ARTICLES = 20;
/** The paragraph's BM25 (issue 9's measurements). */
const BM25_K = 1.2;
const BM25_B = 0.75;

/** Tallies the passages `query` reaches in `index`. The table's slotOf is left reset. */
export function tally(index: SearchIndex, table: PassageTable, query: Query, options: SearchOptions): Tally {
  const matches = matchWords(index, query, options);
  const t = emptyTally(matches, query.groups.length);
  try {
    addWordMatches(index, table, query, t);
    if (options.byMeaning !== false) addMeaningMatches(index, table, query, options, t);
  } finally {
    for (let a = 0; a < t.slots; a++) table.slotOf[t.passage[a]!] = -1;
  }
  paragraphScores(index, table, query, t);
  return t;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function emptyTally(matches: Matches, G: number): Mutable<Tally> {
  // At most one slot per matching sentence, and MEANING_FOUND more: each array at its full size, kept
  // from question to question (scratch.ts). Those not written slot by slot are cleared here.
  const cap = matches.length + MEANING_FOUND;
  return {
    matches,
    slots: 0,
    passage: scratch('tally.passage', Int32Array, cap),
    best: scratch('tally.best', Float64Array, cap).fill(0),
    cos: scratch('tally.cos', Float64Array, cap).fill(0),
    meaningDoc: scratch('tally.meaningDoc', Int32Array, cap).fill(-1),
    groups: scratch('tally.groups', Int32Array, cap).fill(0),
    counts: scratch('tally.counts', Int32Array, cap * G),
    first: scratch('tally.first', Int32Array, cap),
    next: scratch('tally.next', Int32Array, matches.length),
    sentenceScore: scratch('tally.sentenceScore', Float64Array, matches.length),
    para: new Float64Array(0),
    bestSentence: 0,
    bestPara: 0,
  };
}

/** The sentences holding the question's words (or their synonyms, a typo of them, the last one's prefix). */
function matchWords(index: SearchIndex, query: Query, options: SearchOptions): Matches {
  const { groups } = query;
  const groupOf = new Map<string, number>();
  const isSynonym = new Set<string>();
  const flat: string[] = [];
  for (const [i, g] of groups.entries()) {
    for (const [k, t] of g.terms.entries()) {
      if (groupOf.has(t)) continue;
      groupOf.set(t, i);
      if (k > 0) isSynonym.add(t);
      flat.push(t);
    }
  }
  const known = (t: string) => index.df.has(t);
  const lastTyped = groups.at(-1)!.term;
  const tolerant = flat.some((t) => !known(t) && !isSynonym.has(t) && t.length >= 4);
  const keep = scopeFilter(index, options);
  return matchTerms(
    index.mini,
    flat.map((t) => ({
      term: t,
      boost: isSynonym.has(t) ? SYNONYM_BOOST : 1,
      // Typo tolerance only for words the corpus does not have: "nvidea" → "nvidia",
      // while a real word is never blurred into another.
      fuzzy: tolerant && !known(t) && !isSynonym.has(t) && t.length >= 5 ? 0.2 : false,
      // Prefix search only for the last word typed, as it may be half typed ("nvid", "internsh"),
      // even when a shorter known stem of it was added after it.
      prefix: tolerant && t === lastTyped && !known(t) && t.length >= 4,
      bits: 1 << groupOf.get(t)!,
    })),
    { boost: { section: 1.5 }, weights: { fuzzy: 0.6, prefix: 0.5 }, maxFuzzy: 2, ...(keep && { filter: keep }) },
  );
}

/** The documents an article or section scope keeps, or undefined when there is none. */
function scopeFilter(index: SearchIndex, { articles, sections }: SearchOptions): ((doc: number) => boolean) | undefined {
  if (!articles && !sections) return undefined;
  return (doc) => {
    const { passage } = docRef(index, doc);
    return (!articles || articles.has(passage.articleId)) && (!sections || sections.has(passage.sectionSlug));
  };
}

/** The slot of passage `p`, made when it has none yet. */
function slotFor(table: PassageTable, t: Mutable<Tally>, p: number, G: number): number {
  let a = table.slotOf[p]!;
  if (a !== -1) return a;
  a = t.slots++;
  table.slotOf[p] = a;
  t.passage[a] = p;
  t.first[a] = -1;
  t.counts.fill(0, a * G, (a + 1) * G);
  return a;
}

function addWordMatches(index: SearchIndex, table: PassageTable, query: Query, t: Mutable<Tally>): void {
  const { matches } = t;
  const G = query.groups.length;
  // Slot → its last matching sentence so far, to extend its chain (read only once set).
  const last = scratch('tally.last', Int32Array, matches.length + MEANING_FOUND);
  for (let k = 0; k < matches.length; k++) {
    const doc = matches.doc[k]!;
    const a = slotFor(table, t, index.docs[doc * 2]!, G);
    if (t.first[a] === -1) t.first[a] = k;
    else t.next[last[a]!] = k;
    last[a] = k;
    t.next[k] = -1;
    let score = matches.score[k]!;
    // MiniSearch gives matches best first: only the best few are read again.
    if (k < MEANING_CANDIDATES) {
      const sentence = sentenceAt(index.corpus.passages[index.docs[doc * 2]!]!, index.docs[doc * 2 + 1]!);
      if (query.cue?.test(sentence)) score *= 1 + ANSWER_CUE;
      score *= 1 + PROXIMITY * proximity(sentence, new Set(matches.terms(k)));
      const cos = sentenceCosine(query.meaning, index.embeddings, doc);
      score *= Math.exp(MEANING_GAMMA * cos);
      if (cos > t.cos[a]!) t.cos[a] = cos;
    }
    if (score > t.best[a]!) t.best[a] = score;
    t.sentenceScore[k] = score;
    const bits = matches.bits[k]!;
    t.groups[a]! |= bits;
    const base = a * G;
    for (let g = 0; g < G; g++) if (bits & (1 << g)) t.counts[base + g]!++;
  }
}

/** The sentences closest in meaning join the tally, with their cosine, whatever words they share. */
function addMeaningMatches(index: SearchIndex, table: PassageTable, query: Query, options: SearchOptions, t: Mutable<Tally>): void {
  const G = query.groups.length;
  const close = closestSentences(index.embeddings, query.meaning, MEANING_FOUND, scanRanges(index, table, t), scopeFilter(index, options));
  for (let i = 0; i < close.length; i++) {
    const doc = close.doc[i]!;
    const a = slotFor(table, t, index.docs[doc * 2]!, G);
    if (close.cos[i]! > t.cos[a]!) t.cos[a] = close.cos[i]!;
    if (t.meaningDoc[a] === -1) t.meaningDoc[a] = doc;
  }
}

/** Which documents the meaning scan reads: all of them in a corpus of up to MEANING_SCAN_ALL sentences, else the best matches' articles. */
function scanRanges(index: SearchIndex, table: PassageTable, t: Tally): [number, number][] {
  const count = index.docs.length / 2;
  if (count <= MEANING_SCAN_ALL) return [[0, count]];
  const articles = new Set<number>();
  for (let k = 0; k < t.matches.length && articles.size < MEANING_ARTICLES; k++) {
    articles.add(table.article[index.docs[t.matches.doc[k]! * 2]!]!);
  }
  return [...articles].map((n) => [table.articleFirstDoc[n]!, table.articleFirstDoc[n + 1]!]);
}

/** Paragraph evidence: BM25 over the whole passage, from how many of its sentences hold each word. */
function paragraphScores(index: SearchIndex, table: PassageTable, query: Query, t: Mutable<Tally>): void {
  const G = query.groups.length;
  const avgLength = index.docs.length / 2 / Math.max(1, index.corpus.passages.length);
  t.para = scratch('tally.para', Float64Array, t.slots);
  for (let a = 0; a < t.slots; a++) {
    const norm = 1 - BM25_B + (BM25_B * table.sentences[t.passage[a]!]!) / avgLength;
    let para = 0;
    for (let g = 0; g < G; g++) {
      const c = t.counts[a * G + g]!;
      if (c > 0) para += (query.groups[g]!.weight * c * (BM25_K + 1)) / (c + BM25_K * norm);
    }
    t.para[a] = para;
    if (para > t.bestPara) t.bestPara = para;
    if (t.best[a]! > t.bestSentence) t.bestSentence = t.best[a]!;
  }
}
