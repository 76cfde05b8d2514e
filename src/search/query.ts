import { plainQuestion, questionTerms, termOf, tokenize } from './analysis.ts';
import { hitsOf, type Chosen } from './choose.ts';
import { answerCue } from './cues.ts';
import { perMillion } from './english.ts';
import type { SearchIndex } from './index.ts';
import { MIN_COVERAGE, RELATIVE_FLOOR, scorePassages } from './score.ts';
import { passageTable } from './table.ts';
import { tally } from './tally.ts';
import { embedQuestion, wordRow } from './vectors.ts';
import type { Passage } from '../corpus/types.ts';

export { answerCue } from './cues.ts';
export { CLAIM_COVERAGE, MIN_COVERAGE, RELATIVE_FLOOR } from './score.ts';

/** One word of the question with the terms that may stand for it. */
export interface QueryGroup {
  readonly term: string;
  /** `term` first, then its synonyms. */
  readonly terms: readonly string[];
  /** How much the word tells passages apart (idf of its most common known form). */
  readonly weight: number;
  /** True when the corpus has the word (or one of its synonyms). */
  readonly known: boolean;
  /** How specific the word is in everyday English, 0–1 (see rarity). */
  readonly specific: number;
  /** The word's row in the word-vector table, for matching it by meaning; -1 for a name, a number or a word the table lacks. */
  readonly row: number;
  /** A name (capitalised mid-question, or an acronym) or a number: what the question is about, never paraphrased. */
  readonly key: boolean;
}

/** A sentence of a hit's passage that matched, and how well. */
export interface SentenceHit {
  /** Position of the sentence in `passage.sentences`. */
  readonly index: number;
  readonly score: number;
}

/** A passage that answers, with what made it match. */
export interface PassageHit {
  readonly passage: Passage;
  readonly score: number;
  /**
   * How fully the passage answers, 0–1: the weight of the question's words it
   * matches against that weight plus what it lacks (see answerCoverage).
   */
  readonly coverage: number;
  /** The passage's sentences that matched, with their scores: which to quote. */
  readonly sentences: readonly SentenceHit[];
  /** Index terms that matched (after stemming, synonyms, typo tolerance): what to highlight. */
  readonly terms: readonly string[];
}

export interface SearchOptions {
  /** Only passages of these articles. */
  readonly articles?: ReadonlySet<string>;
  /** Only passages of these sections (matched by slug). */
  readonly sections?: ReadonlySet<string>;
  /** The answer coverage a passage must reach; default MIN_COVERAGE. */
  readonly minCoverage?: number;
  /**
   * Find passages and match words by meaning as well as by the words themselves (default true).
   * Off for compare: an article covers a topic when it names it, not when it names its neighbour
   * ("education" is close to "students" in meaning, and an article about students need not cover education).
   */
  readonly byMeaning?: boolean;
  /** Drop passages far below the best one (default true); off when each article is judged on its own. */
  readonly relativeFloor?: boolean;
}

/** A question as the search steps read it. */
export interface Query {
  readonly text: string;
  readonly groups: readonly QueryGroup[];
  readonly totalWeight: number;
  /** The question's meaning (SIF embedding), as a sentence's. */
  readonly meaning: Float32Array;
  /** The kind of answer it asks for, as a test of a sentence (see answerCue). */
  readonly cue: RegExp | null;
}

/** Unknown words weigh a little under the rarest known one: one rare known word can carry one unknown word ("why is ego a problem"). */
const UNKNOWN_WEIGHT = 0.85;

/** The most words of a question that count. */
export const MAX_GROUPS = 30;

/** The least a word can weigh for being common in English ("kind"): calibrated with MIN_COVERAGE. */
const RARITY_FLOOR = 0.2;
const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/**
 * How specific a word is in everyday English, RARITY_FLOOR–1, from how often it occurs
 * per million words (SUBTLEXus): "kind", "mentioned" or "hiring" little,
 * "lasagne" or "carburettor" much, a word English lacks 1. A name (capitalised
 * mid-question: "the train to Berlin") keeps 1, whatever English makes of it.
 */
export function rarity(term: string, name: boolean): number {
  if (name) return 1;
  const perM = perMillion(term);
  if (perM === 0) return 1;
  // ln(1e6 / per million): 7 for "kind", 10 for "scientist", 15 for words seen once in 51 million.
  const surprise = Math.log(1e6 / perM);
  return Math.min(1, Math.max(RARITY_FLOOR, (surprise - 10) / 5));
}

/** Analyses a question into weighted word groups (stop words dropped, synonyms added). */
export function analyzeQuery(index: SearchIndex, text: string): QueryGroup[] {
  const n = index.mini.documentCount;
  const groups: QueryGroup[] = [];
  // At most MAX_GROUPS words count (a pasted paragraph is not 200 questions); they are tracked as bits.
  const all = questionTerms(text)
    .filter((t) => !index.common.has(t.term))
    .slice(0, MAX_GROUPS);
  for (const [i, { term, name, word }] of all.entries()) {
    const terms = [term, ...(index.synonyms.get(term) ?? [])];
    // A half-typed last word longer than its stored stem ("inferenc" for "infer"): the longest known stem it starts with.
    if (i === all.length - 1 && !index.df.has(term)) {
      for (let k = term.length - 1; k >= 4; k--) {
        if (index.df.has(term.slice(0, k))) {
          terms.push(term.slice(0, k));
          break;
        }
      }
    }
    const known = terms.map((t) => index.df.get(t) ?? 0).filter((df) => df > 0);
    // An unknown word weighs nearly as much as a word seen once, the rarest there is, as far as
    // English makes it rare: a question about what the corpus never mentions then finds nothing.
    const specific = rarity(term, name);
    const weight = known.length > 0 ? idf(n, Math.max(...known)) : UNKNOWN_WEIGHT * idf(n, 1) * specific;
    const row = name || /\d/.test(word) ? -1 : wordRow(word);
    groups.push({ term, terms, weight, known: known.length > 0, specific, row, key: name || /\d/.test(word) });
  }
  return groups;
}

/**
 * When every word of `text` that could be searched is one the index leaves out
 * as too common to tell passages apart: those words, as first typed (one per
 * term). Empty when any word of it can be searched.
 */
export function tooCommonWords(index: SearchIndex, text: string): string[] {
  if (index.common.size === 0 || analyzeQuery(index, text).length > 0) return [];
  const byTerm = new Map<string, string>();
  for (const t of tokenize(text)) {
    const term = termOf(t.word);
    if (term && index.common.has(term) && !byTerm.has(term)) byTerm.set(term, t.word);
  }
  return [...byTerm.values()];
}

/**
 * Finds the passages that answer `text`, best first, already past the
 * relevance floors. The steps: tally the passages its words and its meaning
 * reach (tally.ts), score them and keep those that answer (score.ts), then
 * choose which of each one's sentences to quote (choose.ts).
 */
export function searchPassages(index: SearchIndex, text: string, options: SearchOptions = {}): PassageHit[] {
  return searchBest(index, text, Infinity, options).hits;
}

/** The best `count` passages that answer `text`, as searchPassages finds them, and how many answer in all. */
export function searchBest(index: SearchIndex, text: string, count: number, options: SearchOptions = {}): Chosen {
  const groups = analyzeQuery(index, text);
  if (groups.length === 0) return { hits: [], total: 0 };
  const query: Query = {
    text,
    groups,
    totalWeight: groups.reduce((sum, g) => sum + g.weight, 0),
    meaning: embedQuestion(plainQuestion(text), index.embeddings.pc),
    cue: answerCue(text),
  };
  const table = passageTable(index);
  const t = tally(index, table, query, options);
  const scored = scorePassages(index, table, query, t, options.minCoverage ?? MIN_COVERAGE, options.byMeaning !== false);
  return hitsOf(index, table, query, t, scored, options.relativeFloor === false ? 0 : RELATIVE_FLOOR, count);
}
