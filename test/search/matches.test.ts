import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildIndex, docRef, newMiniSearchOptions } from '../../src/search/index.ts';
import { matchTerms, matchWithSearch, type MatchOptions, type Matches, type TermQuery } from '../../src/search/matches.ts';
import { questionTerms } from '../../src/search/analysis.ts';
import { squadDir, squadQuestions } from '../eval/squad.ts';

/** What the tests read of MiniSearch's tables: a word's posting lists, by field. */
interface Internals {
  _index: Map<string, Map<number, ReadonlyMap<number, number>>>;
}
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

  describe('in a corpus with long posting lists', () => {
    // SQuAD's longest lists are a few hundred sentences: a low bar makes its common words' lists long.
    const long = { ...options, longPostings: 40 };
    const longest = (term: string) =>
      Math.max(0, ...[...((squad.mini as unknown as Internals)._index.get(term)?.values() ?? [])].map((p) => p.size));
    const words = (bits: number) => bits.toString(2).replaceAll('0', '').length;
    const reached = (queries: TermQuery[]) => new Set(rows(matchWithSearch(squad.mini, queries, options)).map((r) => r.doc));

    it('matches only the sentences a word with a short list or two of the words reach, with the scores and order MiniSearch gives them', () => {
      let compared = 0;
      for (const { q } of squadQuestions.filter((_, i) => i % 5 === 0)) {
        const queries = queriesOf(q, false).filter((x) => longest(x.term) > 0);
        const short = queries.filter((x) => longest(x.term) <= 40);
        if (short.length === queries.length || queries.length < 2) continue;
        const all = rows(matchWithSearch(squad.mini, queries, options));
        const candidates = reached(short);
        const got = rows(matchTerms(squad.mini, queries, long));
        expect(got, q).toEqual(all.filter((r) => candidates.has(r.doc) || words(r.bits!) >= 2));
        if (got.length < all.length) compared++;
      }
      // Questions where one common word alone reached sentences, which are left out.
      expect(compared).toBeGreaterThan(20);
    });

    it('matches only the sentences two words reach when every word’s list is long, and all of them for one word', () => {
      const [university, state] = ['university', 'state'].map((w) => queriesOf(w, false)[0]!);
      expect(longest(university!.term)).toBeGreaterThan(40);
      expect(longest(state!.term)).toBeGreaterThan(40);
      const queries = [state!, { ...university!, bits: 2 }];
      const all = rows(matchWithSearch(squad.mini, queries, options));
      const got = rows(matchTerms(squad.mini, queries, long));
      expect(got).toEqual(all.filter((r) => r.bits === 3));
      expect(got.length).toBeGreaterThan(0);
      expect(got.length).toBeLessThan(all.length);
      expect(rows(matchTerms(squad.mini, [state!], long))).toEqual(rows(matchWithSearch(squad.mini, [state!], options)));
    });

    it('counts a word and its synonyms as one word of the question', () => {
      // "state" and a word given beside it as its synonym, both with the word's bits: still a question of one word.
      const [state, government] = ['state', 'university'].map((w) => queriesOf(w, false)[0]!);
      expect(longest(government!.term)).toBeGreaterThan(40);
      const queries = [state!, { ...government!, boost: 0.8 }];
      const got = rows(matchTerms(squad.mini, queries, long));
      expect(got).toEqual(rows(matchWithSearch(squad.mini, queries, options)));
      expect(got.length).toBeGreaterThan(0);
    });
  });
});
