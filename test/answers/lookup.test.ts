import { describe, expect, it } from 'vitest';
import { findPassage, quote, resolveArticle, sources, summary } from '../../src/answers/index.ts';
import type { QuoteAnswer, SummaryAnswer } from '../../src/answers/types.ts';
import type { SearchIndex } from '../../src/search/index.ts';
import { CULTURE, NOTES, articleText, indexOf, realIndex, tempCorpus } from '../support/corpus.ts';
import { passageId } from '../../src/corpus/passage.ts';

const index = realIndex();

// The second article with its "Summary" heading renamed: an article without a summary of its own.
const noSummary = indexOf(tempCorpus({ [CULTURE]: articleText(CULTURE).replace('## Summary', '## Findings') }, 'citebot-lookup-'));

const summaryOf = (ix: SearchIndex, name: string): SummaryAnswer => {
  const result = summary(ix, name);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const quoteOf = (id: string): QuoteAnswer => {
  const result = quote(index, id);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('sources', () => {
  it('lists every article with its publisher, sections and how many passages each has', () => {
    const { articles } = sources(index);
    expect(articles.map((a) => [a.article.id, a.article.publisher, a.passages, a.sections.length])).toEqual([
      [CULTURE, null, 6, 3],
      [NOTES, 'AIssential', 17, 9],
    ]);
    expect(articles[0]!.sections).toEqual([
      { heading: 'Key Takeaways', slug: 'key-takeaways', passages: 3 },
      { heading: 'Summary', slug: 'summary', passages: 2 },
      { heading: 'Editorial Opinion', slug: 'editorial-opinion', passages: 1 },
    ]);
  });

  it('says what each article summarises, and never invents an author or a date', () => {
    const [culture, notes] = sources(index).articles;
    expect(culture!.original).toBe('An article published by Interconnects AI (this is a summary of it)');
    expect(notes!.author).toBeNull();
    expect(notes!.published).toBeNull();
  });
});

describe('summary', () => {
  it("quotes the article's own Summary section from its start", () => {
    const a = summaryOf(index, NOTES);
    expect(a.info.article.title).toBe("Notes from inside China's AI labs");
    expect(a.results.map((e) => e.citation)).toEqual([`${NOTES}#summary-1`]);
    expect(a.results[0]!.text).toMatch(/^An editorial analyst's trip to China reveals/);
    expect(a.results[0]!.text.length).toBeLessThanOrEqual(400);
  });

  it('finds the Summary section even when it is not the first', () => {
    expect(summaryOf(index, 'cultural').results.map((e) => e.citation)).toEqual([`${CULTURE}#summary-1`, `${CULTURE}#summary-2`]);
  });

  it('falls back to the opening of an article that has no summary of its own', () => {
    expect(summaryOf(noSummary, CULTURE).results.map((e) => e.citation)).toEqual([
      `${CULTURE}#key-takeaways-1`,
      `${CULTURE}#key-takeaways-2`,
    ]);
  });

  it('says when the article does not exist', () => {
    expect(summary(index, 'berlin')).toEqual({
      ok: false,
      error: { identifier: 'unknown-article', message: 'article: no article matches "berlin" (see /sources)' },
    });
  });
});

describe('quote', () => {
  it('gives the whole passage a citation id names, uncut', () => {
    const { result } = quoteOf(`${NOTES}#summary-1`);
    expect(result.text).toBe(findPassage(index, `${NOTES}#summary-1`)!.text);
    expect(result.text.length).toBeGreaterThan(400);
    expect(result.partial).toBe(false);
    expect(result.section).toBe('Summary');
  });

  it('forgives spaces and angle brackets around the id', () => {
    expect(quoteOf(` <${NOTES}#principles-2> `).result.text).toBe('Ownership mentality drives LLM investment.');
  });

  it('suggests the id meant when only the case is wrong', () => {
    expect(quote(index, 'Notes-From-Inside-Chinas-AI-Labs#Summary-1')).toEqual({
      ok: false,
      error: {
        identifier: 'unknown-citation',
        message: `quote: no passage "Notes-From-Inside-Chinas-AI-Labs#Summary-1" (did you mean "${NOTES}#summary-1"?)`,
      },
    });
  });

  it('says what an id looks like when there is no such passage', () => {
    expect(quote(index, `${NOTES}#summary-9`)).toEqual({
      ok: false,
      error: {
        identifier: 'unknown-citation',
        message: `quote: no passage "${NOTES}#summary-9" (ids look like article-id#section-1; /sources lists articles)`,
      },
    });
  });
});

describe('findPassage', () => {
  it('finds every passage by its citation id, and nothing for an id no passage has', () => {
    expect(index.corpus.passages).toHaveLength(23);
    for (const p of index.corpus.passages) expect(findPassage(index, passageId(p))).toBe(p);
    for (const id of [
      `${NOTES}#summary-9`,
      `${NOTES}#summary-0`,
      `${NOTES}#summary`,
      `${NOTES}#nowhere-1`,
      'nothing#summary-1',
      `${NOTES}summary-1`,
      '',
    ])
      expect(findPassage(index, id)).toBeUndefined();
  });
});

describe('resolveArticle', () => {
  const id = (name: string) => {
    const found = resolveArticle(index, name);
    return found.ok ? found.value.id : found.error.message;
  };

  it('finds an article by its id', () => {
    expect(id(NOTES)).toBe(NOTES);
    expect(id(` ${CULTURE} `)).toBe(CULTURE);
  });

  it('finds an article by its title, whatever the case, apostrophes or punctuation', () => {
    expect(id("notes from inside china's ai labs")).toBe(NOTES);
    expect(id('Notes from inside China’s AI labs')).toBe(NOTES);
    expect(id('INSIDE CHINA’S AI LABS — HOW CULTURAL DIFFERENCES SHAPE AI DEVELOPMENT')).toBe(CULTURE);
  });

  it('finds an article by a part of its title or id that only it has', () => {
    expect(id('cultural differences')).toBe(CULTURE);
    expect(id('notes')).toBe(NOTES);
    expect(id('shape-ai')).toBe(CULTURE);
  });

  it('asks for more when a name fits several articles, naming them', () => {
    expect(id('AI labs')).toBe(
      `article: "AI labs" matches 2 articles ("Inside China's AI Labs: How Cultural Differences Shape AI Development", "Notes from inside China's AI labs"); be more specific`,
    );
  });

  it('says when no article fits, and where to look', () => {
    expect(id('Berlin')).toBe('article: no article matches "Berlin" (see /sources)');
  });

  it('refuses an empty name', () => {
    expect(id(' ?! ')).toBe('article: give an article id or a part of its title');
  });
});
