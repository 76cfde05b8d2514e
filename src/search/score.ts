import type { SearchIndex } from './index.ts';
import { closestWord } from './meaning.ts';
import { nthLargest } from './nth.ts';
import type { Query, QueryGroup } from './query.ts';
import { scratch } from './scratch.ts';
import type { PassageTable } from './table.ts';
import type { Tally } from './tally.ts';

/**
 * Below this answer coverage a passage does not answer the question (see
 * answerCoverage). Calibrated on half A of the SQuAD benchmark
 * (test/eval/squad): the highest value that refuses at most 1.5% of its
 * answerable questions; the README gives the trade-off at other values.
 */
export const MIN_COVERAGE = 0.55;
/** Passages scoring under this share of the best one are noise, not answers. */
export const RELATIVE_FLOOR = 0.3;
/**
 * A claim someone made ("find the source") is a sentence, not a question:
 * a passage that supports it shares its key words, rarely all of them.
 */
export const CLAIM_COVERAGE = 0.4;

/** What a known word the passage lacks costs in answer coverage, against an unknown word's 1: usually the question's paraphrase of it. */
const KNOWN_LACKING = 0.5;
/**
 * What a name or number the passage lacks costs: the corpus has it elsewhere
 * ("1990" where this passage says "1973") 1, the corpus never has it
 * ("Princeton" asked of Harvard's article) 3. A name is what a question is
 * about: it is never a paraphrase, and the neighbouring subject is not the one asked.
 */
const KEY_KNOWN = 1;
const KEY_UNKNOWN = 3;
/**
 * A question word the passage lacks may be matched by the passage's closest
 * word in meaning, credited (cosine − SOFT_FROM) / (1 − SOFT_FROM): "grades"
 * finds "classifying" a little, "boss" finds "manager" much. Names and numbers
 * never are (Princeton is close to Harvard, and not Harvard).
 */
const SOFT_FROM = 0.4;
/** Words are matched by meaning in this many passages, those with the most evidence: a word's nearest neighbour in thousands would cost more than the rest of the query. */
const SOFT_PASSAGES = 40;
/**
 * A corpus with fewer distinct terms than this lacks most everyday words, asked
 * about it or not: a word it never uses costs in proportion (at least
 * SMALL_CORPUS_FLOOR). The benchmark's eight articles hold 5,266 terms; the
 * two shipped articles 238.
 */
const FULL_VOCABULARY = 5_000;
const SMALL_CORPUS_FLOOR = 0.25;
/** How much the best cosine moves answer coverage: coverage + MEANING_WEIGHT × (cosine − ½). */
const MEANING_WEIGHT = 0.5;
/** Meaning as evidence beside the words: MEANING_EVIDENCE × (cosine − MEANING_FLOOR) / (1 − MEANING_FLOOR). */
const MEANING_EVIDENCE = 0.5;
const MEANING_FLOOR = 0.3;
/** The paragraph's BM25 beside its best sentence (each as a share of the best of its kind). */
const PARAGRAPH_WEIGHT = 0.4;
/** Title words help an article's passages a little; the text decides. */
const TITLE_BONUS = 0.15;

/** The passages that pass the coverage floor, with their scores (by slot of the tally). */
export interface Scored {
  /** The slots past the coverage floor, in slot order. */
  readonly passing: Int32Array;
  /** Slot → its score before coverage: what the relative floor compares. */
  readonly match: Float64Array;
  /** Slot → its answer coverage. */
  readonly coverage: Float64Array;
  /** The best `match` among the passing. */
  readonly best: number;
}

/** Scores every slot of the tally and keeps those whose answer coverage reaches `minCoverage`; `byMeaning`: match lacking words by meaning. */
export function scorePassages(
  index: SearchIndex,
  table: PassageTable,
  query: Query,
  t: Tally,
  minCoverage: number,
  byMeaning: boolean,
): Scored {
  // Kept from question to question (scratch.ts): `match` and `coverage` are read only where written, for the passing.
  const match = scratch('score.match', Float64Array, t.slots);
  const coverage = scratch('score.coverage', Float64Array, t.slots);
  const evidence = scratch('score.evidence', Float64Array, t.slots);
  for (let a = 0; a < t.slots; a++) evidence[a] = evidenceOf(t, a);
  const softFrom = byMeaning ? nthLargest(evidence, SOFT_PASSAGES) : Infinity;
  const inTitle = titlesHolding(table, query.groups);
  const soft = { table, index, seen: [] as Map<number, number>[] };
  const cost = unknownCost(index);
  const passing = scratch('score.passing', Int32Array, t.slots);
  let n = 0;
  const c: Coverage = { coverage: 0, share: 0 };
  let best = 0;
  for (let a = 0; a < t.slots; a++) {
    answerCoverage(query, t, a, cost, byMeaning && evidence[a]! >= softFrom ? soft : undefined, c);
    if (c.coverage < minCoverage) continue;
    const bonus = 1 + TITLE_BONUS * (inTitle.get(table.article[t.passage[a]!]!) ?? 0);
    // The share of the question's weight matched still ranks: of two answers, the fuller first.
    match[a] = evidence[a]! * bonus * (0.5 + c.share);
    coverage[a] = c.coverage;
    best = Math.max(best, match[a]!);
    passing[n++] = a;
  }
  return { passing: passing.subarray(0, n), match, coverage, best };
}

/** A passage's evidence: its best sentence and its paragraph, each a share of the best of its kind, and its meaning. */
function evidenceOf(t: Tally, a: number): number {
  const sentence = t.bestSentence > 0 ? t.best[a]! / t.bestSentence : 0;
  const paragraph = t.bestPara > 0 ? (PARAGRAPH_WEIGHT * t.para[a]!) / t.bestPara : 0;
  return sentence + paragraph + MEANING_EVIDENCE * Math.max(0, (t.cos[a]! - MEANING_FLOOR) / (1 - MEANING_FLOOR));
}

interface Soft {
  readonly table: PassageTable;
  readonly index: SearchIndex;
  /** Per question word: the cosine of each passage word met so far. */
  readonly seen: Map<number, number>[];
}

/**
 * How fully passage slot `a` answers, about 0–1: the weight of the question's
 * words it matches (exactly, or by meaning when `soft` is given) ÷ (that + the
 * weight of those it lacks, each at its cost), plus MEANING_WEIGHT × (its
 * best cosine − ½). A word weighs by its rarity in the corpus (idf) and,
 * gently, in English; a word the corpus lacks by its English rarity alone,
 * and costs `unknownCost` (see FULL_VOCABULARY). `share`: the share of the
 * question's weight matched exactly. Written into `into` (one object for all of a question's passages).
 */
export function answerCoverage(
  query: Query,
  t: Tally,
  a: number,
  unknownCost: number,
  soft?: Soft,
  into: Coverage = { coverage: 0, share: 0 },
): Coverage {
  const found = t.groups[a]!;
  let matched = 0;
  let lacking = 0;
  let plain = 0;
  // An index, not entries(): this runs for every passage a question reaches, and entries() made an
  // iterator result and a pair per word, most of a question's garbage at 100,000 articles.
  for (let g = 0; g < query.groups.length; g++) {
    const group = query.groups[g]!;
    // A known word counts by its corpus rarity and, gently, its English one: matching "kind" or
    // "country" says less about an answer than matching "Huguenot".
    const w = group.known ? group.weight * Math.sqrt(group.specific) : group.weight;
    if (found & (1 << g)) {
      matched += w;
      plain += group.weight;
      continue;
    }
    const credit = soft && group.row >= 0 ? softCredit(soft, t.passage[a]!, group.row, (soft.seen[g] ??= new Map())) : 0;
    matched += credit * w;
    lacking += (1 - credit) * lackingCost(group, unknownCost) * w;
  }
  into.coverage = matched / (matched + lacking) + MEANING_WEIGHT * (t.cos[a]! - 0.5);
  into.share = plain / query.totalWeight;
  return into;
}

/** A passage's answer coverage, and the share of the question's weight it matches exactly. */
export interface Coverage {
  coverage: number;
  share: number;
}

function lackingCost(group: QueryGroup, unknownCost: number): number {
  if (group.key) return group.known ? KEY_KNOWN : KEY_UNKNOWN;
  return group.known ? KNOWN_LACKING : unknownCost;
}

function softCredit(soft: Soft, p: number, row: number, seen: Map<number, number>): number {
  const cos = closestWord(soft.table, soft.index, p, row, seen);
  return Math.max(0, (cos - SOFT_FROM) / (1 - SOFT_FROM));
}

/** What a word the corpus never uses costs, by how many words the corpus has (see FULL_VOCABULARY). */
function unknownCost(index: SearchIndex): number {
  return Math.max(SMALL_CORPUS_FLOOR, Math.min(1, index.df.size / FULL_VOCABULARY));
}

/** Article number → how many of the question's words (a word or any of its synonyms) its title holds; absent: none. */
function titlesHolding(table: PassageTable, groups: readonly QueryGroup[]): Map<number, number> {
  const count = new Map<number, number>();
  for (const g of groups) {
    const articles = new Set(g.terms.flatMap((t) => table.titles.get(t) ?? []));
    for (const n of articles) count.set(n, (count.get(n) ?? 0) + 1);
  }
  return count;
}
