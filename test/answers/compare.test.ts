import { describe, expect, it } from 'vitest';
import { compare, type CompareOptions } from '../../src/answers/index.ts';
import type { CompareAnswer } from '../../src/answers/types.ts';
import { CULTURE, NOTES, realIndex } from '../support/corpus.ts';

const index = realIndex();

function answer(topic: string, options: CompareOptions = {}): CompareAnswer {
  const result = compare(index, topic, options);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
const byArticle = (a: CompareAnswer) => Object.fromEntries(a.articles.map((x) => [x.article.id, x.results.map((e) => e.text)]));

describe('compare', () => {
  it('sets every article side by side, each with the passages where it treats the topic', () => {
    const a = answer('career advancement');
    expect(a.topic).toBe('career advancement');
    expect(a.articles.map((x) => x.article.id)).toEqual([CULTURE, NOTES]);
    const texts = byArticle(a);
    expect(texts[CULTURE]![0]).toContain('desires for career advancement');
    expect(texts[NOTES]![0]).toContain('individual ego or career advancement');
  });

  it('says an article does not cover a topic rather than citing something unrelated', () => {
    const texts = byArticle(answer('Huawei'));
    expect(texts[CULTURE]).toEqual([]);
    expect(texts[NOTES]![0]).toContain('Huawei chips used for inference');
  });

  it('finds nothing in any article for a topic none covers', () => {
    for (const entry of answer('cheesecake').articles) expect(entry.results).toEqual([]);
  });

  it('cites each excerpt from the article it stands under', () => {
    for (const entry of answer('culture').articles) {
      expect(entry.results.length).toBeGreaterThan(0);
      for (const e of entry.results) {
        expect(e.article).toEqual(entry.article);
        expect(e.citation.startsWith(`${entry.article.id}#`)).toBe(true);
      }
    }
  });

  it('gives two excerpts an article by default, and one to five when asked', () => {
    expect(answer('labs').articles.map((x) => x.results.length)).toEqual([2, 2]);
    expect(answer('labs', { perArticle: 1 }).articles.map((x) => x.results.length)).toEqual([1, 1]);
    expect(answer('labs', { perArticle: 0 }).articles.map((x) => x.results.length)).toEqual([1, 1]);
    for (const x of answer('labs', { perArticle: 99 }).articles) expect(x.results.length).toBeLessThanOrEqual(5);
  });

  it('compares only the articles named, in the order named, each once', () => {
    const a = answer('ego', { articles: ['notes from inside', 'cultural differences', NOTES] });
    expect(a.articles.map((x) => x.article.id)).toEqual([NOTES, CULTURE]);
  });

  it('ignores blank article names', () => {
    expect(answer('ego', { articles: ['', '  '] }).articles).toHaveLength(2);
  });

  it('says when an article named does not exist', () => {
    expect(compare(index, 'ego', { articles: [NOTES, 'berlin labs'] })).toEqual({
      ok: false,
      error: { identifier: 'unknown-article', message: 'article: no article matches "berlin labs" (see /sources)' },
    });
  });

  it('refuses an empty topic', () => {
    expect(compare(index, ' ')).toEqual({ ok: false, error: { identifier: 'empty-topic', message: 'compare: the topic is empty' } });
  });
});
