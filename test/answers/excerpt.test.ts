import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findPassage } from '../../src/answers/index.ts';
import { EXCERPT_MAX, excerptFromHit } from '../../src/answers/excerpt.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildIndex } from '../../src/search/index.ts';
import type { PassageHit } from '../../src/search/query.ts';
import { sentencesOf } from '../../src/corpus/passage.ts';

const corpus = loadCorpus(join(fileURLToPath(new URL('../../', import.meta.url)), 'corpus'));
if (!corpus.ok) throw new Error(corpus.error.join('\n'));
const index = buildIndex(corpus.value);
const NOTES = 'notes-from-inside-chinas-ai-labs';
const article = index.corpus.articles.find((a) => a.id === NOTES)!;
// The Summary's first paragraph: seven sentences, the 3rd and 4th short enough to quote together.
const passage = findPassage(index, `${NOTES}#summary-1`)!;
const hit = (sentences: PassageHit['sentences']): PassageHit => ({ passage, score: 1, coverage: 1, sentences, terms: [] });
const joined = (...at: number[]) => at.map((i) => sentencesOf(passage)[i]).join(' ');

describe('excerptFromHit', () => {
  it('quotes the best sentence with its best matching neighbour when both fit', () => {
    const e = excerptFromHit(
      article,
      hit([
        { index: 2, score: 5 },
        { index: 1, score: 1 },
        { index: 3, score: 2 },
      ]),
    );
    expect(e.text).toBe(joined(2, 3));
    const before = excerptFromHit(
      article,
      hit([
        { index: 2, score: 5 },
        { index: 1, score: 3 },
        { index: 3, score: 2 },
      ]),
    );
    expect(before.text).toBe(joined(1, 2));
  });

  it('joins the unmatched sentence after a short best one when no neighbour matched and both fit', () => {
    expect(excerptFromHit(article, hit([{ index: 4, score: 5 }])).text).toBe(joined(4, 5));
    // The last sentence has nothing after it: the one before joins.
    const last = sentencesOf(passage).length - 1;
    expect(excerptFromHit(article, hit([{ index: last, score: 5 }])).text).toBe(joined(last - 1, last));
  });

  it('quotes a long enough best sentence alone when its neighbours neither matched nor refer to it', () => {
    expect(excerptFromHit(article, hit([{ index: 3, score: 5 }])).text).toBe(joined(3));
  });

  it('joins the sentence that a quoted "This …" refers to', () => {
    // Sentence 2 opens "This contrasts with …": sentence 1 says what "this" is.
    expect(sentencesOf(passage)[2]).toMatch(/^This /);
    expect(excerptFromHit(article, hit([{ index: 2, score: 5 }])).text).toBe(joined(1, 2));
  });

  it('joins a following sentence that opens with a pronoun pointing back at the quote', () => {
    // Sentence 6 opens "This ecosystem …": it goes on about sentence 5, which alone is long enough to stand.
    expect(sentencesOf(passage)[6]).toMatch(/^This /);
    expect(excerptFromHit(article, hit([{ index: 5, score: 5 }])).text).toBe(joined(5, 6));
  });

  it('never joins a neighbour past EXCERPT_MAX characters', () => {
    for (let i = 0; i < sentencesOf(passage).length; i++) {
      const e = excerptFromHit(article, hit([{ index: i, score: 1 }]));
      expect(e.text.length).toBeLessThanOrEqual(EXCERPT_MAX);
      expect(e.text).toContain(sentencesOf(passage)[i]!.slice(0, 50));
    }
  });
});
