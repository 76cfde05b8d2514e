import type { Passage } from '../corpus/types.ts';
import { termsOf } from './analysis.ts';
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
  /** Sentence index → its score: which sentences to quote. */
  readonly sentences: ReadonlyMap<number, number>;
  /** Index terms that matched (after stemming, synonyms, typo tolerance): what to highlight. */
  readonly terms: ReadonlySet<string>;
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

const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** Analyses a question into weighted word groups (stop words dropped, synonyms added). */
export function analyzeQuery(index: SearchIndex, text: string): QueryGroup[] {
  const n = index.mini.documentCount;
  const groups: QueryGroup[] = [];
  const all = [...new Set(termsOf(text))].filter((t) => !index.common.has(t));
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
  const results = index.mini.search(flat.join(' '), {
    boost: { section: 1.5 },
    boostTerm: (t) => (isSynonym.has(t) ? SYNONYM_BOOST : 1),
    // Typo tolerance only for words the corpus does not have: "nvidea" → "nvidia",
    // while a real word is never blurred into another.
    fuzzy: (t) => (!known(t) && !isSynonym.has(t) && t.length >= 5 ? 0.2 : false),
    // Prefix search only for the last word, as it may be half typed ("nvid").
    prefix: (t, i, all) => i === all.length - 1 && !known(t) && !isSynonym.has(t) && t.length >= 4,
    weights: { fuzzy: 0.6, prefix: 0.5 },
    maxFuzzy: 2,
    filter:
      articles || sections
        ? (r) => {
            const { passage } = docRef(index, r.id as number);
            return (!articles || articles.has(passage.articleId)) && (!sections || sections.has(passage.sectionSlug));
          }
        : undefined,
  });

  interface Acc { passage: Passage; score: number; groups: Set<number>; sentences: Map<number, number>; terms: Set<string> }
  const byPassage = new Map<Passage, Acc>();
  for (const r of results) {
    const { passage, sentence } = docRef(index, r.id as number);
    let acc = byPassage.get(passage);
    if (!acc) byPassage.set(passage, (acc = { passage, score: 0, groups: new Set(), sentences: new Map(), terms: new Set() }));
    acc.score = Math.max(acc.score, r.score);
    acc.sentences.set(sentence, r.score);
    for (const q of r.queryTerms) {
      const g = groupOf.get(q);
      if (g !== undefined) acc.groups.add(g);
    }
    for (const t of r.terms) acc.terms.add(t);
  }

  const hits: PassageHit[] = [];
  for (const acc of byPassage.values()) {
    const coverage = [...acc.groups].reduce((sum, g) => sum + groups[g]!.weight, 0) / totalWeight;
    if (coverage < (options.minCoverage ?? MIN_COVERAGE)) continue;
    const titleTerms = index.articles.get(acc.passage.articleId)?.titleTerms;
    const inTitle = titleTerms ? groups.filter((g) => g.terms.some((t) => titleTerms.has(t))).length : 0;
    const score = acc.score * (1 + TITLE_BONUS * inTitle) * (0.5 + coverage);
    hits.push({ passage: acc.passage, score, coverage, sentences: acc.sentences, terms: acc.terms });
  }
  hits.sort((a, b) => b.score - a.score || a.passage.id.localeCompare(b.passage.id));
  if (options.relativeFloor === false) return hits;
  const best = hits[0]?.score ?? 0;
  return hits.filter((h) => h.score >= best * RELATIVE_FLOOR);
}
