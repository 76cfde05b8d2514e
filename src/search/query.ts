import type { Passage } from '../corpus/types.ts';
import { plainQuestion, questionTerms, termOf, tokenize } from './analysis.ts';
import { cosine, embedQuestion } from './vectors.ts';
import { perMillion } from './english.ts';
import { docRef, type SearchIndex } from './index.ts';
import { matchTerms } from './matches.ts';
import { proximity } from './proximity.ts';

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
  /** Drop passages far below the best one (default true); off when each article is judged on its own. */
  readonly relativeFloor?: boolean;
}

/**
 * Below this answer coverage a passage does not answer the question.
 * Coverage is matched ÷ (matched + ½ × the weight of the corpus's words the
 * passage lacks + the weight of the words the corpus lacks), plus
 * MEANING_WEIGHT × (the passage's best cosine − ½): a known word a passage
 * lacks is usually the question's paraphrase of it, while a word the corpus
 * never uses says the question is about something else. Calibrated on half of
 * the SQuAD benchmark (test/eval/squad) for at most 1.5% of answerable
 * questions refused; the README gives the trade-off at other values.
 */
export const MIN_COVERAGE = 0.53;
/** Passages scoring under this share of the best one are noise, not answers. */
export const RELATIVE_FLOOR = 0.3;
/**
 * A claim someone made ("find the source") is a sentence, not a question:
 * a passage that supports it shares its key words, rarely all of them.
 */
export const CLAIM_COVERAGE = 0.4;
/** Synonyms count a little less than the word the user typed. */
const SYNONYM_BOOST = 0.75;
/** Short of 1 so that one rare known word can carry one unknown word ("why is ego a problem"). */
const UNKNOWN_WEIGHT = 0.85;
/** Title words help an article's passages a little; the text decides. */
const TITLE_BONUS = 0.15;
/** What a known word the passage lacks costs in answer coverage, against an unknown word's 1. */
const KNOWN_LACKING = 0.5;
/** The paragraph's BM25 beside its best sentence (each as a share of the best of its kind). */
const PARAGRAPH_WEIGHT = 0.4;
/** A sentence holding the kind of answer asked for (a year for "when") scores this much more: twice. */
const ANSWER_CUE = 1;
/** A sentence holding the question's words close together (see proximity) scores up to this much more. */
const PROXIMITY = 0.75;
/**
 * Which sentence of a passage to quote: its score times, to this power, the
 * share of its matched weight left when each word is weighed by its rarity
 * within the article (see localRarity).
 */
const LOCAL_RARITY = 2;
/** A sentence's score is multiplied by exp(MEANING_GAMMA × its cosine with the question). */
const MEANING_GAMMA = 3;
/** How much the best cosine moves answer coverage. */
const MEANING_WEIGHT = 0.5;
/** Only the best this many matching sentences are compared in meaning: large corpora stay fast. */
const MEANING_CANDIDATES = 300;

/** The most words of a question that count. */
export const MAX_GROUPS = 30;

/** The least a word can weigh for being common in English ("kind"): calibrated with MIN_COVERAGE. */
const RARITY_FLOOR = 0.2;
const BM25_K = 1.2;
const BM25_B = 0.75;
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
  for (const [i, { term, name }] of all.entries()) {
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
    groups.push({ term, terms, weight, known: known.length > 0, specific });
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

/** Finds the passages that answer `text`, best first, already past the relevance floor. */
export function searchPassages(index: SearchIndex, text: string, options: SearchOptions = {}): PassageHit[] {
  const groups = analyzeQuery(index, text);
  if (groups.length === 0) return [];
  const totalWeight = groups.reduce((sum, g) => sum + g.weight, 0);
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
  const { articles, sections } = options;
  const lastTyped = groups.at(-1)!.term;
  const tolerant = flat.some((t) => !known(t) && !isSynonym.has(t) && t.length >= 4);
  const results = matchTerms(
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
    {
      boost: { section: 1.5 },
      weights: { fuzzy: 0.6, prefix: 0.5 },
      maxFuzzy: 2,
      ...((articles || sections) && {
        filter: (doc: number) => {
          const { passage } = docRef(index, doc);
          return (!articles || articles.has(passage.articleId)) && (!sections || sections.has(passage.sectionSlug));
        },
      }),
    },
  );

  // Per passage: best sentence score, which question words matched (a bit each), how many of its
  // sentences hold each word. This loop runs once per matching sentence (tens of thousands at
  // 10,000 articles): passages are slots in flat arrays, and each passage's matching sentences a
  // chain through `next`, read back (as SentenceHits and terms) only for the passages that answer.
  const G = groups.length;
  // At most one slot per matching sentence: each array is allocated once, at its full size.
  const table = passageTable(index);
  const { slotOf } = table;
  const slotPassage = new Int32Array(results.length);
  const slotCos = new Float64Array(results.length);
  const slotScore = new Float64Array(results.length);
  const slotGroups = new Int32Array(results.length);
  const slotFirst = new Int32Array(results.length);
  const slotLast = new Int32Array(results.length);
  let slots = 0;
  let counts = new Int32Array(256 * G);
  const next = new Int32Array(results.length);
  const sentenceScore = new Float64Array(results.length);
  const cue = answerCue(text);
  const meaning = embedQuestion(plainQuestion(text), index.embeddings.pc);
  try {
    for (let k = 0; k < results.length; k++) {
      const doc = results.doc[k]!;
      const p = index.docs[doc * 2]!;
      let a = slotOf[p]!;
      if (a === -1) {
        a = slots++;
        slotOf[p] = a;
        slotPassage[a] = p;
        slotFirst[a] = k;
        slotLast[a] = k;
        if ((a + 1) * G > counts.length) {
          const grown = new Int32Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      } else {
        next[slotLast[a]!] = k;
        slotLast[a] = k;
      }
      next[k] = -1;
      let score = results.score[k]!;
      // MiniSearch gives results best first: only the best few are read again.
      if (k < MEANING_CANDIDATES) {
        const sentence = index.corpus.passages[p]!.sentences[index.docs[doc * 2 + 1]!]!;
        if (cue?.test(sentence)) score *= 1 + ANSWER_CUE;
        score *= 1 + PROXIMITY * proximity(sentence, new Set(results.terms(k)));
        const cos = cosine(meaning, index.embeddings.rows, doc);
        score *= Math.exp(MEANING_GAMMA * cos);
        if (cos > slotCos[a]!) slotCos[a] = cos;
      }
      if (score > slotScore[a]!) slotScore[a] = score;
      sentenceScore[k] = score;
      const bits = results.bits[k]!;
      slotGroups[a]! |= bits;
      const base = a * G;
      for (let g = 0; g < G; g++) if (bits & (1 << g)) counts[base + g]!++;
    }
  } finally {
    for (let a = 0; a < slots; a++) slotOf[slotPassage[a]!] = -1;
  }

  // Paragraph evidence: BM25 over the whole passage, from how many of its sentences hold each word.
  const avgLength = index.docs.length / 2 / Math.max(1, index.corpus.passages.length);
  let bestSentence = 0;
  let bestPara = 0;
  const paraScore = new Float64Array(slots);
  for (let a = 0; a < slots; a++) {
    const norm = 1 - BM25_B + (BM25_B * table.sentences[slotPassage[a]!]!) / avgLength;
    let para = 0;
    const base = a * G;
    for (let g = 0; g < G; g++) {
      const c = counts[base + g]!;
      if (c > 0) para += (groups[g]!.weight * c * (BM25_K + 1)) / (c + BM25_K * norm);
    }
    paraScore[a] = para;
    if (para > bestPara) bestPara = para;
    if (slotScore[a]! > bestSentence) bestSentence = slotScore[a]!;
  }

  // Each passage is scored first and made a PassageHit only if it passes both floors: thousands may
  // pass the coverage floor (a one-word question) where the relative floor keeps a few hundred.
  const minCoverage = options.minCoverage ?? MIN_COVERAGE;
  const inTitle = titlesHolding(table, groups);
  const passing: number[] = [];
  // Each passage's score before coverage: the relative floor reads these, so coverage reorders answers without dropping any.
  const matchScore = new Float64Array(slots);
  const hitCoverage = new Float64Array(slots);
  let best = 0;
  for (let a = 0; a < slots; a++) {
    const accGroups = slotGroups[a]!;
    let matched = 0;
    let lacking = 0;
    let plainMatched = 0;
    for (let g = 0; g < G; g++) {
      const group = groups[g]!;
      // A known word counts by its corpus rarity and, gently, its English one: matching "kind" or
      // "country" says less about an answer than matching "Huguenot".
      const w = group.known ? group.weight * Math.sqrt(group.specific) : group.weight;
      if (accGroups & (1 << g)) {
        matched += w;
        plainMatched += group.weight;
      } else lacking += group.known ? KNOWN_LACKING * w : w;
    }
    // The share of the question's weight matched still ranks: of two answers, the fuller first.
    const share = plainMatched / totalWeight;
    const coverage = matched / (matched + lacking) + MEANING_WEIGHT * (slotCos[a]! - 0.5);
    if (coverage < minCoverage) continue;
    const bonus = 1 + TITLE_BONUS * (inTitle.get(table.article[slotPassage[a]!]!) ?? 0);
    const evidence = slotScore[a]! / bestSentence + (PARAGRAPH_WEIGHT * paraScore[a]!) / bestPara;
    matchScore[a] = evidence * bonus * (0.5 + share);
    hitCoverage[a] = coverage;
    best = Math.max(best, matchScore[a]!);
    passing.push(a);
  }
  const hits: PassageHit[] = [];
  // Each hit's slot, for the sentences of the hits kept.
  const hitSlots: number[] = [];
  for (const a of passing) {
    if (options.relativeFloor !== false && !(matchScore[a]! >= best * RELATIVE_FLOOR)) continue;
    const sentences: SentenceHit[] = [];
    const terms: string[] = [];
    for (let k = slotFirst[a]!; k !== -1; k = next[k]!) {
      sentences.push({ index: index.docs[results.doc[k]! * 2 + 1]!, score: sentenceScore[k]! });
      for (const t of results.terms(k)) if (!terms.includes(t)) terms.push(t);
    }
    hitSlots.push(a);
    // Coverage ranks as well as gates: of two passages, the one that accounts for more of the question first.
    hits.push({
      passage: index.corpus.passages[slotPassage[a]!]!,
      score: matchScore[a]! * Math.max(0, hitCoverage[a]!),
      coverage: hitCoverage[a]!,
      sentences,
      terms,
    });
  }

  // Which sentence of a kept passage to quote: its score, less for the share of its matched weight
  // that its article uses everywhere ("Huguenot" in the article on them says little about which
  // sentence answers). How many of an article's sentences hold each word is read from the passages
  // that matched, only for the articles of the passages kept.
  const inArticle = new Map<number, Float64Array>();
  for (const a of hitSlots) inArticle.set(table.article[slotPassage[a]!]!, new Float64Array(G));
  for (let a = 0; a < slots; a++) {
    const df = inArticle.get(table.article[slotPassage[a]!]!);
    if (df) for (let g = 0; g < G; g++) df[g]! += counts[a * G + g]!;
  }
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i]!;
    const article = table.article[slotPassage[hitSlots[i]!]!]!;
    const local = localRarity(inArticle.get(article)!, Math.max(2, table.articleSentences[article]!));
    const sentences = hit.sentences as SentenceHit[];
    let j = 0;
    for (let k = slotFirst[hitSlots[i]!]!; k !== -1; k = next[k]!, j++) {
      let weight = 0;
      let localWeight = 0;
      const bits = results.bits[k]!;
      for (let g = 0; g < G; g++) {
        if (!(bits & (1 << g))) continue;
        weight += groups[g]!.weight;
        localWeight += groups[g]!.weight * local[g]!;
      }
      if (weight > 0) sentences[j] = { index: sentences[j]!.index, score: sentences[j]!.score * (localWeight / weight) ** LOCAL_RARITY };
    }
  }
  // Ties (equal scores) in corpus order, so answers are the same every time.
  return hits.sort((a, b) => b.score - a.score || (a.passage.id < b.passage.id ? -1 : 1));
}

/**
 * What the tally reads of each passage, in flat arrays made at an index's
 * first query (reading a passage object for each of thousands of matching
 * sentences was a cache miss each), and the tally's scratch table.
 */
interface PassageTable {
  /** Passage → its slot in the query being tallied, -1 when none (reset after each query). */
  readonly slotOf: Int32Array;
  /** Passage → how many sentences it has. */
  readonly sentences: Int32Array;
  /** Passage → its article's number. */
  readonly article: Int32Array;
  /** Article number → how many sentences the article has. */
  readonly articleSentences: Int32Array;
  /** Term → the numbers of the articles whose title holds it. */
  readonly titles: ReadonlyMap<string, readonly number[]>;
}
const passageTables = new WeakMap<SearchIndex, PassageTable>();
function passageTable(index: SearchIndex): PassageTable {
  let table = passageTables.get(index);
  if (table) return table;
  const { passages } = index.corpus;
  const number = new Map<string, number>();
  const titles = new Map<string, number[]>();
  table = {
    slotOf: new Int32Array(passages.length).fill(-1),
    sentences: new Int32Array(passages.length),
    article: new Int32Array(passages.length),
    articleSentences: new Int32Array(index.corpus.articles.length),
    titles,
  };
  for (const [p, passage] of passages.entries()) {
    table.sentences[p] = passage.sentences.length;
    let n = number.get(passage.articleId);
    if (n === undefined) {
      number.set(passage.articleId, (n = number.size));
      for (const t of index.articles.get(passage.articleId)?.titleTerms ?? []) {
        const holding = titles.get(t);
        if (holding) holding.push(n);
        else titles.set(t, [n]);
      }
    }
    table.article[p] = n;
    table.articleSentences[n]! += passage.sentences.length;
  }
  passageTables.set(index, table);
  return table;
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

const MONTH = 'January|February|March|April|May|June|July|August|September|October|November|December';
/**
 * What kind of answer a question asks for, as a test of a sentence: a year or
 * month for "when", a number for "how many/much/long", a name for "who", a
 * named place ("in Tours", "at the Cape") for "where".
 */
export function answerCue(question: string): RegExp | null {
  const q = question.toLowerCase();
  if (/\b(when|what year|which year|what century|what date)\b/.test(q))
    return new RegExp(`\\b(1\\d{3}|20\\d{2}|\\d{1,2}(st|nd|rd|th) century|${MONTH})\\b`);
  if (/\bhow (many|much|long|old|far|large|big|often)\b|\bwhat (percentage|number|amount)\b/.test(q))
    return /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|dozen)\b/i;
  if (/\bwho\b|\bwhose\b/.test(q)) return /\s\p{Lu}\p{Ll}+/u;
  if (/\bwhere\b/.test(q)) return /\b(?:in|at|near|from|to|on)\s+(?:the\s+)?\p{Lu}/u;
  return null;
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
