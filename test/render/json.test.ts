import { describe, expect, it } from 'vitest';
import { ask, compare, findPassage, quote, sources, summary, takeaway } from '../../src/answers/index.ts';
import type { Answer } from '../../src/answers/types.ts';
import { toJson } from '../../src/render/json.ts';
import type { Result, UserProblem } from '../../src/result.ts';
import type { SearchIndex } from '../../src/search/index.ts';
import { CULTURE, NOTES, articleText, indexOf, paragraphUnder, realIndex, tempCorpus } from '../support/corpus.ts';

const index = realIndex();

// The real article with its Summary paragraph made one long sentence, so excerpts must be cut.
const notesText = articleText(NOTES);
const para = paragraphUnder(notesText, 'Summary');
const longIndex = indexOf(tempCorpus({ [NOTES]: notesText.replace(para, para.replace(/\. (?=[A-Z])/g, '; ')) }, 'citebot-json-'));

const value = <T extends Answer>(result: Result<T, UserProblem>): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
/** What a consumer of the JSON sees: the object after a trip through JSON text. */
const json = (answer: Answer) => JSON.parse(JSON.stringify(toJson(answer))) as Record<string, unknown>;

/** The contract of an article: `{"id","title","publisher"}`, publisher null when not named. */
function expectArticle(a: unknown) {
  expect(a).toEqual(expect.objectContaining<Record<string, unknown>>({ id: expect.any(String), title: expect.any(String) }));
  const publisher = (a as { publisher: unknown }).publisher;
  expect(publisher === null || typeof publisher === 'string').toBe(true);
}

/** The contract of a result, and its promise: at most 400 characters of the article's own words. */
function expectResult(ix: SearchIndex, r: unknown) {
  expect(r).toEqual(
    expect.objectContaining<Record<string, unknown>>({
      citation: expect.any(String),
      article: expect.anything(),
      section: expect.any(String),
      text: expect.any(String),
      score: expect.any(Number),
    }),
  );
  const { citation, article, section, text } = r as { citation: string; article: { id: string }; section: string; text: string };
  expectArticle(article);
  const passage = findPassage(ix, citation);
  expect(passage, citation).toBeDefined();
  expect(article.id).toBe(passage!.articleId);
  expect(section).toBe(passage!.section);
  expect(text.length).toBeLessThanOrEqual(400);
  expect(passage!.text).toContain(text.replace(/^…/, '').replace(/…$/, ''));
}

describe('toJson', () => {
  it('gives an ask answer as {"query","results":[{"citation","article","section","text","score"}]}', () => {
    const out = json(value(ask(index, 'Which chips are used for inference?')));
    expect(out).toEqual(
      expect.objectContaining<Record<string, unknown>>({ query: 'Which chips are used for inference?', results: expect.any(Array) }),
    );
    const [first] = out.results as Record<string, unknown>[];
    expect(first).toEqual(
      expect.objectContaining<Record<string, unknown>>({
        citation: `${NOTES}#summary-1`,
        article: expect.objectContaining({ id: NOTES, title: "Notes from inside China's AI labs", publisher: 'AIssential' }),
        section: 'Summary',
        text: 'The data industry is less developed, leading labs to build data and environments in-house, and there is a significant demand for Nvidia chips, with Huawei chips used for inference. This ecosystem fosters an environment of respect among peers, contrasting with the more tribal dynamics observed in the U.S.',
      }),
    );
    expectResult(index, first);
  });

  it('gives an empty list, not an error, when nothing answers', () => {
    expect(json(value(ask(index, 'How do I make a cheesecake?')))).toEqual(
      expect.objectContaining({ query: 'How do I make a cheesecake?', results: [] }),
    );
  });

  it('rounds the score to three decimals', () => {
    const a = value(ask(index, 'labs'));
    const out = json(a).results as { score: number }[];
    for (const [i, r] of out.entries()) {
      expect(r.score).toBe(Math.round(a.results[i]!.score * 1000) / 1000);
      expect(String(r.score)).toMatch(/^\d+(\.\d{1,3})?$/);
    }
  });

  it('gives a publisher of null when the article names none', () => {
    const [first] = json(value(ask(index, 'education traditions'))).results as { article: Record<string, unknown> }[];
    expect(first!.article).toEqual(expect.objectContaining({ id: CULTURE, publisher: null }));
  });

  it('gives a comparison as {"topic","articles":[{"article","results"}]}, an empty list where an article does not cover it', () => {
    const out = json(value(compare(index, 'Huawei')));
    expect(out.topic).toBe('Huawei');
    const articles = out.articles as { article: unknown; results: unknown[] }[];
    expect(articles).toHaveLength(2);
    for (const a of articles) {
      expectArticle(a.article);
      for (const r of a.results) expectResult(index, r);
    }
    expect(articles.map((a) => [(a.article as { id: string }).id, a.results.length])).toEqual([
      [CULTURE, 0],
      [NOTES, 1],
    ]);
  });

  it('gives takeaways as {"article":null,"topic":null,"results"} when neither is asked for', () => {
    const out = json(value(takeaway(index)));
    expect(out).toEqual(expect.objectContaining({ article: null, topic: null }));
    expect(out.results).toHaveLength(8);
    for (const r of out.results as unknown[]) expectResult(index, r);
  });

  it('gives takeaways of one article on a topic with the article and the topic', () => {
    const out = json(value(takeaway(index, { article: NOTES, topic: 'students' })));
    expectArticle(out.article);
    expect(out.article).toEqual(
      expect.objectContaining({ id: NOTES, title: "Notes from inside China's AI labs", publisher: 'AIssential' }),
    );
    expect(out.topic).toBe('students');
    expect((out.results as { text: string }[]).map((r) => r.text)).toEqual(['Integrate students as peers in LLM teams.']);
  });

  it('gives a summary, the sources and a quote with their articles and results', () => {
    const s = json(value(summary(index, NOTES)));
    expect(s.article).toEqual(expect.objectContaining({ id: NOTES, publisher: 'AIssential', passages: 17 }));
    for (const r of s.results as unknown[]) expectResult(index, r);
    expect((json(sources(index)).articles as { id: string }[]).map((a) => a.id)).toEqual([CULTURE, NOTES]);
    const q = json(value(quote(index, `${NOTES}#principles-2`)));
    expect(q.result).toEqual(
      expect.objectContaining({ citation: `${NOTES}#principles-2`, text: 'Ownership mentality drives LLM investment.' }),
    );
  });

  it("keeps every excerpt to 400 characters of the article's own words, marking a cut with …", () => {
    const questions = ['Huawei', 'Claude', 'analyst trip', 'tribal dynamics', 'government aid', 'students', 'culture', 'Nvidia chips'];
    let cut = 0;
    for (const ix of [index, longIndex]) {
      for (const q of questions) {
        for (const r of json(value(ask(ix, q, { limit: 10 }))).results as { text: string }[]) {
          expectResult(ix, r);
          if (/^…|…$/.test(r.text)) cut++;
        }
        for (const a of json(value(compare(ix, q))).articles as { results: unknown[] }[]) for (const r of a.results) expectResult(ix, r);
      }
    }
    expect(cut).toBeGreaterThan(0);
  });
});
