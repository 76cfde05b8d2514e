// A server's index laid over the base (src/search/layered.ts) against one index built over both:
// the same passages, scores and highlighted words, on real text (the project's two articles as the
// base, two of the SQuAD benchmark's articles as a server's own), and on the one case where the
// server's articles change which words are searched at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex, COMMON_TERM_MIN_DOCS, type SearchIndex } from '../../src/search/index.ts';
import { layerIndex } from '../../src/search/layered.ts';
import { matchTerms, type Matches } from '../../src/search/matches.ts';
import { questionTerms } from '../../src/search/analysis.ts';
import { searchPassages } from '../../src/search/query.ts';
import type { OwnArticle } from '../../src/tenancy/combine.ts';
import { combineCorpus } from '../support/combine.ts';
import { analyseOwn } from '../../src/tenancy/layer.ts';
import { ROOT } from '../support/corpus.ts';
import { realIndex } from '../support/corpus.ts';
import { passageId } from '../../src/corpus/passage.ts';

const SQUAD = join(ROOT, 'test', 'eval', 'squad');
const ownFile = (id: string): OwnArticle => ({ id, markdown: readFileSync(join(SQUAD, 'corpus', `${id}.md`)) });
const OWN = [ownFile('1973-oil-crisis'), ownFile('european-union-law')];
const QUESTIONS = (JSON.parse(readFileSync(join(SQUAD, 'questions.json'), 'utf8')) as { q: string; article: string }[])
  .filter((q) => OWN.some((o) => o.id === q.article))
  .map((q) => q.q);

/** Everything an answer reads of a search: passages, scores, coverage, the words to highlight. */
const ranked = (index: SearchIndex, q: string) =>
  searchPassages(index, q)
    .slice(0, 10)
    .map((r) => [
      passageId(r.passage),
      r.score.toFixed(9),
      r.coverage.toFixed(9),
      r.terms.join(' '),
      r.sentences.map((s) => s.index).join(' '),
    ]);

/** The server's index over `base`, and one index built over both (its sentences embedded against the base's component, as a server's are). */
function both(base: SearchIndex, own: readonly OwnArticle[]): [SearchIndex, SearchIndex] {
  const server = layerIndex(base, analyseOwn(own, base.embeddings.pc).layer);
  const direct = buildIndex(combineCorpus(base.corpus, own), { pc: base.embeddings.pc });
  return [server, direct];
}

describe('layerIndex', () => {
  const base = realIndex();
  const [server, direct] = both(base, OWN);

  it('finds the same passages with the same scores as one index built over the base and the server’s articles', () => {
    const asked = [...QUESTIONS.filter((_, i) => i % 2 === 0), 'Which chips are used for inference?', 'students', 'oil embargo nvidia'];
    expect(asked.length).toBeGreaterThan(50);
    let answered = 0;
    for (const q of asked) {
      const got = ranked(server, q);
      expect({ q, got }).toEqual({ q, got: ranked(direct, q) });
      if (got.length > 0) answered++;
    }
    // Not a comparison of empty answers: most of the server's questions are answered.
    expect(answered).toBeGreaterThan(asked.length * 0.8);
  });

  it('counts a word’s sentences over both, and finds a typo or a half-typed word in either', () => {
    for (const t of ['chip', 'oil', 'embargo', 'student']) expect(server.df.get(t)).toBe(direct.df.get(t));
    expect(server.df.size).toBe(direct.df.size);
    for (const q of ['embarg', 'nvidea chips', 'petroleum exportng']) expect(ranked(server, q)).toEqual(ranked(direct, q));
  });

  it('matches only the same candidates as one index over both where posting lists are long (lists that run over base and server)', () => {
    const rows = (m: Matches) => Array.from({ length: m.length }, (_, k) => [m.doc[k], m.score[k], m.bits[k], m.terms(k).join(' ')]);
    const options = { boost: { section: 1.5 }, longPostings: 5 };
    let fewer = 0;
    for (const q of [...QUESTIONS.slice(0, 40), 'chips oil companies', 'the students of the labs and the oil price']) {
      const queries = questionTerms(q).map((t, i) => ({ term: t.term, boost: 1, fuzzy: false as const, prefix: false, bits: 1 << i }));
      const got = rows(matchTerms(server.mini, queries, options));
      expect({ q, got }).toEqual({ q, got: rows(matchTerms(direct.mini, queries, options)) });
      if (got.length < matchTerms(server.mini, queries, { boost: options.boost }).length) fewer++;
    }
    // Not only questions whose lists are all short: most lost sentences that one common word alone reached.
    expect(fewer).toBeGreaterThan(20);
  });

  it('leaves out of its queries a base word that the server’s articles make too common to search, as one index over both does', () => {
    // A base where "widget" is in just under the bar's number of sentences, and a server article that takes it over.
    const lines = (n: number, from: number) => Array.from({ length: n }, (_, i) => `The widget number w${from + i} is blue.`).join(' ');
    const article = (title: string, n: number, from: number) =>
      `---\ntitle: ${title}\n---\n\n## Widgets\n\n${lines(n, from)}\n\n## Colours\n\nA red gadget sits beside the widget.\n`;
    const baseIndex = buildIndex(
      combineCorpus({ articles: [], passages: [], synonyms: [] }, [
        { id: 'widgets', markdown: new TextEncoder().encode(article('Widgets', COMMON_TERM_MIN_DOCS - 5, 0)) },
      ]),
    );
    expect(baseIndex.common.has('widget')).toBe(false);
    const more = [{ id: 'more-widgets', markdown: new TextEncoder().encode(article('More widgets', 10, 5000)) }];
    const [s, d] = both(baseIndex, more);
    expect(d.common.has('widget')).toBe(true);
    expect(s.common.has('widget')).toBe(true);
    expect(ranked(s, 'widget w5003 colours')).toEqual(ranked(d, 'widget w5003 colours'));
    expect(ranked(s, 'widget w5003 colours')[0]?.[0]).toMatch(/^more-widgets#/);
  });
});
