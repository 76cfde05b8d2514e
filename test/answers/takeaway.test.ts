import { describe, expect, it } from 'vitest';
import { findPassage, takeaway, type TakeawayOptions } from '../../src/answers/index.ts';
import type { TakeawayAnswer } from '../../src/answers/types.ts';
import { isTakeawaySection } from '../../src/answers/takeaway.ts';
import type { SearchIndex } from '../../src/search/index.ts';
import { CULTURE, NOTES, articleText, indexOf, realIndex, tempCorpus } from '../support/corpus.ts';

const index = realIndex();

// The second article with its "Key Takeaways" heading renamed: an article with no takeaway section.
const noTakeaways = indexOf(
  tempCorpus({ [CULTURE]: articleText(CULTURE).replace('## Key Takeaways', '## Findings') }, 'citebot-takeaway-'),
);

function answer(ix: SearchIndex, options: TakeawayOptions = {}): TakeawayAnswer {
  const result = takeaway(ix, options);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('takeaway', () => {
  it("lists every article's takeaways, in each article's order", () => {
    const a = answer(index);
    expect(a.article).toBeNull();
    expect(a.topic).toBeNull();
    expect(a.results.map((e) => e.citation)).toEqual([
      `${CULTURE}#key-takeaways-1`,
      `${CULTURE}#key-takeaways-2`,
      `${CULTURE}#key-takeaways-3`,
      `${NOTES}#key-takeaway-1`,
      `${NOTES}#key-insights-1`,
      `${NOTES}#in-practice-1`,
      `${NOTES}#in-practice-2`,
      `${NOTES}#in-practice-3`,
    ]);
  });

  it('lists one article’s takeaways when asked, named by a part of its title', () => {
    const a = answer(index, { article: 'Notes from inside' });
    expect(a.article).toEqual({ id: NOTES, title: "Notes from inside China's AI labs", publisher: 'AIssential', url: null });
    expect(a.results.map((e) => e.section)).toEqual(['Key takeaway', 'Key insights', 'In practice', 'In practice', 'In practice']);
  });

  it('quotes each takeaway from its start, whole when it fits in 400 characters', () => {
    const a = answer(index, { article: NOTES });
    const [recommendation, insight] = a.results;
    expect(recommendation!.text).toBe(
      'For CTOs and VP of Engineering evaluating global AI development strategies, recognize that cultural nuances significantly impact team dynamics and model development.',
    );
    expect(recommendation!.partial).toBe(true);
    expect(insight!.text).toBe(findPassage(index, `${NOTES}#key-insights-1`)!.text);
    expect(insight!.partial).toBe(false);
  });

  it('gives only the takeaways that bear on a topic, best first', () => {
    const a = answer(index, { topic: 'ego' });
    expect(a.topic).toBe('ego');
    expect(a.results.map((e) => e.citation).sort()).toEqual([
      `${CULTURE}#key-takeaways-1`,
      `${CULTURE}#key-takeaways-3`,
      `${NOTES}#key-insights-1`,
    ]);
    for (const [i, e] of a.results.entries()) if (i > 0) expect(e.score).toBeLessThanOrEqual(a.results[i - 1]!.score);
    expect(a.results.map((e) => e.marks.map(([s, t]) => e.text.slice(s, t)))).toEqual([['ego'], ['ego'], ['ego']]);
  });

  it('looks for the topic in one article’s takeaways only', () => {
    const a = answer(index, { article: NOTES, topic: 'students' });
    expect(a.results.map((e) => e.text)).toEqual(['Integrate students as peers in LLM teams.']);
  });

  it('returns nothing when no takeaway bears on the topic, though the article does', () => {
    expect(answer(index, { article: NOTES, topic: 'Huawei' }).results).toEqual([]);
    expect(answer(index, { topic: 'How do I make a cheesecake?' }).results).toEqual([]);
  });

  it('returns nothing for an article without a takeaway section', () => {
    expect(answer(noTakeaways, { article: CULTURE }).results).toEqual([]);
    expect(answer(noTakeaways, { article: CULTURE, topic: 'ego' }).results).toEqual([]);
  });

  it('gives at most as many takeaways as asked', () => {
    expect(answer(index, { limit: 2 }).results).toHaveLength(2);
  });

  it('treats a blank article or topic as not given', () => {
    expect(answer(index, { article: ' ', topic: ' ' }).results).toHaveLength(8);
  });

  it('says when the article asked for does not exist', () => {
    expect(takeaway(index, { article: 'cheesecake' })).toEqual({
      ok: false,
      error: { identifier: 'unknown-article', message: 'article: no article matches "cheesecake" (see /sources)' },
    });
  });
});

describe('isTakeawaySection', () => {
  it('recognises headings that say what to do or remember', () => {
    for (const h of [
      'Key Takeaways',
      'Key takeaway',
      'Takeaways',
      'Key insights',
      'In practice',
      'Conclusion',
      'Recommendations',
      'Lessons learned',
      'Bottom line',
      'What to do',
      'TL;DR',
    ]) {
      expect(isTakeawaySection(h), h).toBe(true);
    }
  });

  it('leaves other sections alone', () => {
    for (const h of ['Summary', 'Principles', 'Method', 'Topics', 'Best for', 'Editorial Opinion', 'Related on AIssential']) {
      expect(isTakeawaySection(h), h).toBe(false);
    }
  });
});
