import type { Passage } from '../corpus/types.ts';
import { termOf, termsOf, tokenize } from './analysis.ts';
import { docRef, type SearchIndex } from './index.ts';

/** One word of the question with the terms that may stand for it. */
export interface QueryGroup {
  readonly term: string;
  /** `term` first, then its synonyms. */
  readonly terms: readonly string[];
  /** How much the word tells passages apart (idf of its most common known form). */
  readonly weight: number;
}

/** A passage that answers, with what made it match. */
export interface PassageHit {
  readonly passage: Passage;
  readonly score: number;
  /** Share of the question's weight that this passage matches, 0–1. */
  readonly coverage: number;
  /** Pairs of sentence index and its score, flat ([s, score, s, score…]): which sentences to quote. */
  readonly sentences: readonly number[];
  /** Index terms that matched (after stemming, synonyms, typo tolerance): what to highlight. */
  readonly terms: readonly string[];
}

export interface SearchOptions {
  /** Only passages of these articles. */
  readonly articles?: ReadonlySet<string>;
  /** Only passages of these sections (matched by slug). */
  readonly sections?: ReadonlySet<string>;
  /** Share of the query's weight a passage must match; default MIN_COVERAGE. */
  readonly minCoverage?: number;
  /** Drop passages far below the best one (default true); off when each article is judged on its own. */
  readonly relativeFloor?: boolean;
}

/**
 * Below this share of the question's weight a passage does not answer it: a
 * passage that shares only "labs" with "what do labs in Berlin charge?" is not
 * an answer. Unknown words weigh most, so a question about things the corpus
 * never mentions finds nothing rather than something unrelated.
 */
export const MIN_COVERAGE = 0.42;
/** Passages scoring under this share of the best one are noise, not answers. */
export const RELATIVE_FLOOR = 0.3;
/**
 * A claim someone made ("find the source") is a sentence, not a question:
 * a passage that supports it shares its key words, rarely all of them.
 */
export const CLAIM_COVERAGE = 0.3;
/** Synonyms count a little less than the word the user typed. */
const SYNONYM_BOOST = 0.75;
/** Short of 1 so that one rare known word can carry one unknown word ("why is ego a problem"). */
const UNKNOWN_WEIGHT = 0.85;
/** Title words help an article's passages a little; the text decides. */
const TITLE_BONUS = 0.15;

/** The most words of a question that count. */
export const MAX_GROUPS = 30;

const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** Analyses a question into weighted word groups (stop words dropped, synonyms added). */
export function analyzeQuery(index: SearchIndex, text: string): QueryGroup[] {
  const n = index.mini.documentCount;
  const groups: QueryGroup[] = [];
  // At most MAX_GROUPS words count (a pasted paragraph is not 200 questions); they are tracked as bits.
  const all = [...new Set(termsOf(text))].filter((t) => !index.common.has(t)).slice(0, MAX_GROUPS);
  for (const [i, term] of all.entries()) {
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
    // An unknown word weighs nearly as much as a word seen once, the rarest there is:
    // a question about what the corpus never mentions then finds nothing.
    const weight = known.length > 0 ? idf(n, Math.max(...known)) : UNKNOWN_WEIGHT * idf(n, 1);
    groups.push({ term, terms, weight });
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
  // MiniSearch copies its options once per query word: pass only those this query needs.
  const lastTyped = groups.at(-1)!.term;
  const tolerant = flat.some((t) => !known(t) && !isSynonym.has(t) && t.length >= 4);
  const results = index.mini.search(flat.join(' '), {
    boost: { section: 1.5 },
    ...(isSynonym.size > 0 && { boostTerm: (t: string) => (isSynonym.has(t) ? SYNONYM_BOOST : 1) }),
    ...(tolerant && {
      // Typo tolerance only for words the corpus does not have: "nvidea" → "nvidia",
      // while a real word is never blurred into another.
      fuzzy: (t: string) => (!known(t) && !isSynonym.has(t) && t.length >= 5 ? 0.2 : false),
      // Prefix search only for the last word typed, as it may be half typed ("nvid", "internsh"),
      // even when a shorter known stem of it was added after it.
      prefix: (t: string) => t === lastTyped && !known(t) && t.length >= 4,
      weights: { fuzzy: 0.6, prefix: 0.5 },
      maxFuzzy: 2,
    }),
    ...((articles || sections) && {
      filter: (r: { id: unknown }) => {
        const { passage } = docRef(index, r.id as number);
        return (!articles || articles.has(passage.articleId)) && (!sections || sections.has(passage.sectionSlug));
      },
    }),
  });

  // Per passage: best sentence score, which question words matched (a bit each), which
  // sentences and terms. Plain numbers and arrays: this loop runs once per matching sentence.
  interface Acc { passage: number; score: number; groups: number; sentences: number[]; terms: string[] }
  const byPassage = new Map<number, Acc>();
  for (const r of results) {
    const doc = r.id as number;
    const p = index.docs[doc * 2]!;
    let acc = byPassage.get(p);
    if (!acc) byPassage.set(p, (acc = { passage: p, score: 0, groups: 0, sentences: [], terms: [] }));
    if (r.score > acc.score) acc.score = r.score;
    acc.sentences.push(index.docs[doc * 2 + 1]!, r.score);
    for (const q of r.queryTerms) acc.groups |= 1 << (groupOf.get(q) ?? 31);
    for (const t of r.terms) if (!acc.terms.includes(t)) acc.terms.push(t);
  }

  const minCoverage = options.minCoverage ?? MIN_COVERAGE;
  const titleBonus = new Map<string, number>();
  const hits: PassageHit[] = [];
  for (const acc of byPassage.values()) {
    let matched = 0;
    for (let g = 0; g < groups.length; g++) if (acc.groups & (1 << g)) matched += groups[g]!.weight;
    const coverage = matched / totalWeight;
    if (coverage < minCoverage) continue;
    const passage = index.corpus.passages[acc.passage]!;
    let bonus = titleBonus.get(passage.articleId);
    if (bonus === undefined) {
      const titleTerms = index.articles.get(passage.articleId)?.titleTerms;
      const inTitle = titleTerms ? groups.filter((g) => g.terms.some((t) => titleTerms.has(t))).length : 0;
      titleBonus.set(passage.articleId, (bonus = 1 + TITLE_BONUS * inTitle));
    }
    hits.push({ passage, score: acc.score * bonus * (0.5 + coverage), coverage, sentences: acc.sentences, terms: acc.terms });
  }
  const best = hits.reduce((m, h) => Math.max(m, h.score), 0);
  const kept = options.relativeFloor === false ? hits : hits.filter((h) => h.score >= best * RELATIVE_FLOOR);
  // Ties (equal scores) in corpus order, so answers are the same every time.
  return kept.sort((a, b) => b.score - a.score || (a.passage.id < b.passage.id ? -1 : 1));
}
