import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildIndex, docRef, newMiniSearchOptions } from '../../src/search/index.ts';
import { matchTerms, matchWithSearch, type MatchOptions, type Matches, type TermQuery } from '../../src/search/matches.ts';
import { questionTerms } from '../../src/search/analysis.ts';
import { squadDir, squadQuestions } from '../eval/squad.ts';
import { realIndex } from '../support/corpus.ts';

const squad = (() => {
  const corpus = loadCorpus(squadDir);
  if (!corpus.ok) throw new Error(corpus.error.join('\n'));
  return buildIndex(corpus.value);
})();

/** A match list as plain rows, to compare whole. */
const rows = (m: Matches) =>
  Array.from({ length: m.length }, (_, k) => ({ doc: m.doc[k], score: m.score[k], bits: m.bits[k], terms: m.terms(k) }));

/** The terms of a question as queries, one bit each, with the options searchPassages gives a word. */
function queriesOf(question: string, tolerant: boolean): TermQuery[] {
  const terms = questionTerms(question).map((t) => t.term);
  return terms.map((term, i) => ({
    term,
    boost: i % 3 === 2 ? 0.75 : 1,
    fuzzy: tolerant && term.length >= 5 ? 0.2 : false,
    prefix: tolerant && i === terms.length - 1,
    bits: 1 << i,
  }));
}

const options: MatchOptions = { boost: { section: 1.5 }, weights: { fuzzy: 0.6, prefix: 0.5 }, maxFuzzy: 2 };

describe('matchTerms', () => {
  it('finds the same sentences as MiniSearch, with the same scores, in the same order, for real questions', () => {
    const questions = squadQuestions.filter((_, i) => i % 7 === 0).map((q) => q.q);
    expect(questions.length).toBeGreaterThan(150);
    for (const q of questions) {
      const queries = queriesOf(q, false);
      expect(rows(matchTerms(squad.mini, queries, options)), q).toEqual(rows(matchWithSearch(squad.mini, queries, options)));
    }
  });

  it('matches typos and half-typed words as MiniSearch does (fuzzy and prefix terms, their weights)', () => {
    const typed = [
      'Whn did Beyonce relese Dangerously in Lov',
      'Where is the Notre Dame univrsity',
      'How meny students atten',
      'nvidea chip',
    ];
    let fuzzyOrPrefix = 0;
    for (const q of typed) {
      const queries = queriesOf(q, true);
      const fast = rows(matchTerms(squad.mini, queries, options));
      expect(fast, q).toEqual(rows(matchWithSearch(squad.mini, queries, options)));
      fuzzyOrPrefix += fast.filter((r) => r.terms.some((t) => !queries.some((x) => x.term === t))).length;
    }
    // The typos did reach other index terms: the comparison covered fuzzy and prefix matches.
    expect(fuzzyOrPrefix).toBeGreaterThan(10);
  });

  it('keeps only the documents the filter accepts, in the same order as without it', () => {
    const index = realIndex();
    const queries = queriesOf('Which GPUs are in short supply in Chinese labs?', false);
    const article = index.corpus.articles[0]!.id;
    const filtered: MatchOptions = { ...options, filter: (doc) => docRef(index, doc).passage.articleId === article };
    const fast = rows(matchTerms(index.mini, queries, filtered));
    expect(fast).toEqual(rows(matchWithSearch(index.mini, queries, filtered)));
    const all = rows(matchTerms(index.mini, queries, options));
    expect(fast.length).toBeGreaterThan(0);
    expect(fast.length).toBeLessThan(all.length);
    expect(fast).toEqual(all.filter((r) => docRef(index, r.doc!).passage.articleId === article));
  });

  it('sets the bits of the words each sentence matched, and ranks a sentence matching both words first', () => {
    const index = realIndex();
    const m = matchTerms(index.mini, queriesOf('labs students', false), options);
    expect(m.length).toBeGreaterThan(3);
    expect(m.bits[0]).toBe(0b11);
    expect(new Set(m.bits)).toEqual(new Set([0b01, 0b10, 0b11]));
  });

  it('gives the same answers query after query (what one query leaves behind does not leak into the next)', () => {
    const queries = queriesOf('When did the Normans conquer England?', false);
    const first = rows(matchTerms(squad.mini, queries, options));
    matchTerms(squad.mini, queriesOf('Beyonce albums sold', true), options);
    expect(rows(matchTerms(squad.mini, queries, options))).toEqual(first);
  });

  it("never returns a sentence discarded from the index (MiniSearch's own search then answers)", () => {
    // Our index is read-only (compact tables, src/search/postings.ts): MiniSearch's own copy of it can discard.
    const mini = MiniSearch.loadJS<number>(
      realIndex().mini.toJSON(),
      newMiniSearchOptions(() => ''),
    );
    const queries = queriesOf('Nvidia chips', false);
    const before = rows(matchTerms(mini, queries, options));
    const gone = before[0]!.doc!;
    mini.discard(gone);
    const after = rows(matchTerms(mini, queries, options));
    expect(after.map((r) => r.doc)).not.toContain(gone);
    expect(after.length).toBe(before.length - 1);
  });

  it('finds nothing for words the index does not have, or no words', () => {
    expect(matchTerms(squad.mini, queriesOf('zzzxq qqqzz', false), options).length).toBe(0);
    expect(matchTerms(squad.mini, [], options).length).toBe(0);
  });
});
