import type { SearchIndex } from './index.ts';
import { nthLargest } from './nth.ts';
import { scratch } from './scratch.ts';
import type { PassageHit, Query, SentenceHit } from './query.ts';
import type { Scored } from './score.ts';
import type { PassageTable } from './table.ts';
import type { Tally } from './tally.ts';
import { passageId } from '../corpus/passage.ts';

/**
 * Which sentence of a passage to quote: its score times, to this power, the
 * share of its matched weight left when each word is weighed by its rarity
 * within the article (see localRarity). Squared: powers 1 and 3 did no better
 * on the benchmark's half A (issue 9).
 */
const LOCAL_RARITY = 2;

/** The passages that answer: how many, and the best of them as hits. */
export interface Chosen {
  /** The best first, as many as asked for (or all), each with the sentences to choose a quote from. */
  readonly hits: PassageHit[];
  /** How many passages answer (are past the floors), shown or not. */
  readonly total: number;
}

/**
 * The passing slots within `relativeFloor` of the best, and the best `count`
 * of them as hits, best first. Only those shown are made into hits: a typo
 * at 100,000 articles had 28,000 passages past the floors, and making each
 * one's hit was most of its answer's time.
 */
export function hitsOf(
  index: SearchIndex,
  table: PassageTable,
  query: Query,
  t: Tally,
  scored: Scored,
  relativeFloor: number,
  count = Infinity,
): Chosen {
  const kept = scratch('choose.kept', Int32Array, scored.passing.length);
  let n = 0;
  // An index, not for…of: a typed array's iterator makes a result object per passage.
  for (let i = 0; i < scored.passing.length; i++) {
    const a = scored.passing[i]!;
    if (scored.match[a]! >= scored.best * relativeFloor) kept[n++] = a;
  }
  // Coverage ranks as well as gates: of two passages, the one that accounts for more of the question first.
  const scoreOf = (a: number) => scored.match[a]! * Math.max(0, scored.coverage[a]!);
  const shown = bestSlots(index, t, kept.subarray(0, n), scoreOf, count);
  const hits: PassageHit[] = shown.map((a) => ({
    passage: index.corpus.passages[t.passage[a]!]!,
    score: scoreOf(a),
    coverage: scored.coverage[a]!,
    ...sentencesOf(index, t, a),
  }));
  weighByArticle(table, query, t, shown, hits);
  return { hits, total: n };
}

/** The best `count` of the slots by score, best first; ties in corpus order, so answers are the same every time. */
function bestSlots(index: SearchIndex, t: Tally, slots: Int32Array, scoreOf: (a: number) => number, count: number): number[] {
  let best = slots;
  if (slots.length > count) {
    const scores = scratch('choose.scores', Float64Array, slots.length);
    for (let i = 0; i < slots.length; i++) scores[i] = scoreOf(slots[i]!);
    const bar = nthLargest(scores, count);
    best = slots.filter((a) => scoreOf(a) >= bar);
  }
  const id = (a: number) => passageId(index.corpus.passages[t.passage[a]!]!);
  return Array.from(best)
    .sort((a, b) => scoreOf(b) - scoreOf(a) || (id(a) < id(b) ? -1 : 1))
    .slice(0, count);
}

/** A slot's matching sentences with their scores, and the index terms they matched (what to highlight). */
function sentencesOf(index: SearchIndex, t: Tally, a: number): { sentences: SentenceHit[]; terms: string[] } {
  const sentences: SentenceHit[] = [];
  const terms: string[] = [];
  for (let k = t.first[a]!; k !== -1; k = t.next[k]!) {
    sentences.push({ index: index.docs[t.matches.doc[k]! * 2 + 1]!, score: t.sentenceScore[k]! });
    for (const term of t.matches.terms(k)) if (!terms.includes(term)) terms.push(term);
  }
  // Found by meaning alone: the sentence closest in meaning is the one to quote.
  if (sentences.length === 0 && t.meaningDoc[a] !== -1) sentences.push({ index: index.docs[t.meaningDoc[a]! * 2 + 1]!, score: t.cos[a]! });
  return { sentences, terms };
}

/**
 * Re-weighs each hit's sentences: less for the share of its matched weight
 * that its article uses everywhere ("Huguenot" in the article on them says
 * little about which sentence answers). How many of an article's sentences
 * hold each word is read from the slots of the tally, only for the articles
 * of the hits kept.
 */
function weighByArticle(table: PassageTable, query: Query, t: Tally, slots: readonly number[], hits: PassageHit[]): void {
  const G = query.groups.length;
  const inArticle = new Map<number, Float64Array>();
  for (const a of slots) inArticle.set(table.article[t.passage[a]!]!, new Float64Array(G));
  for (let a = 0; a < t.slots; a++) {
    const df = inArticle.get(table.article[t.passage[a]!]!);
    if (df) for (let g = 0; g < G; g++) df[g]! += t.counts[a * G + g]!;
  }
  for (const [i, a] of slots.entries()) {
    const article = table.article[t.passage[a]!]!;
    const local = localRarity(inArticle.get(article)!, Math.max(2, table.articleSentences[article]!));
    const sentences = hits[i]!.sentences as SentenceHit[];
    let j = 0;
    for (let k = t.first[a]!; k !== -1; k = t.next[k]!, j++) {
      let weight = 0;
      let localWeight = 0;
      const bits = t.matches.bits[k]!;
      for (let g = 0; g < G; g++) {
        if (!(bits & (1 << g))) continue;
        weight += query.groups[g]!.weight;
        localWeight += query.groups[g]!.weight * local[g]!;
      }
      if (weight > 0) sentences[j] = { index: sentences[j]!.index, score: sentences[j]!.score * (localWeight / weight) ** LOCAL_RARITY };
    }
  }
}

/**
 * How rare each question word is within one article, 0.05–1: its idf over the
 * article's `n` sentences, `df` of which hold it, as a share of the idf of a
 * word in one sentence. A word in half the article's sentences weighs little.
 */
function localRarity(df: Float64Array, n: number): Float64Array {
  const out = new Float64Array(df.length);
  const top = Math.log(1 + (n - 0.5) / 1.5);
  for (let g = 0; g < df.length; g++) out[g] = Math.min(1, Math.max(0.05, Math.log(1 + (n - df[g]! + 0.5) / (df[g]! + 0.5)) / top));
  return out;
}
