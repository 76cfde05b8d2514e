import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { followUp, type ThreadContext } from '../../src/answers/followup.ts';
import { openCorpus } from '../../src/engine.ts';

const opened = openCorpus(fileURLToPath(new URL('../../corpus', import.meta.url)));
if (!opened.ok) throw new Error(opened.error.join('\n'));
const index = opened.value;
const NOTES = 'notes-from-inside-chinas-ai-labs';
const CULTURE = 'how-cultural-differences-shape-ai-development';

const thread = (question: string, articleId: string | null = null, citedArticles: string[] = []): ThreadContext => ({
  question,
  articleId,
  citedArticles,
});
const citations = (r: ReturnType<typeof followUp>) => (r.ok ? r.value.results.map((e) => e.citation) : []);

describe('followUp', () => {
  it("keeps to the thread's article", () => {
    const r = followUp(index, 'what about students?', thread('How fast do they move?', CULTURE));
    expect(r.ok && r.value.article?.id).toBe(CULTURE);
    // Outside the thread, the same words are answered from the other article first.
    expect(citations(followUp(index, 'what about students?', thread('')))[0]).toMatch(new RegExp(`^${NOTES}#`));
    expect(citations(r).length).toBeGreaterThan(0);
    expect(citations(r).every((c) => c.startsWith(`${CULTURE}#`))).toBe(true);
  });

  it("answers the thread's question from the other article when asked about the other article", () => {
    const r = followUp(index, 'and what about the other article?', thread('What about students?', NOTES));
    expect(r.ok && r.value.article?.id).toBe(CULTURE);
    expect(citations(r)[0]).toBe(`${CULTURE}#key-takeaways-2`);
    expect(r.ok && r.value.query).toBe('and what about the other article?');
  });

  it('takes "the other one" in an unscoped thread as the articles its answer did not quote first', () => {
    const r = followUp(index, 'and in the other one?', thread('What about students?', null, [NOTES, CULTURE]));
    expect(citations(r).length).toBeGreaterThan(0);
    expect(citations(r).every((c) => c.startsWith(`${CULTURE}#`))).toBe(true);
  });

  it("lets the thread's question break a near tie between passages", () => {
    const alone = citations(followUp(index, 'what about culture?', thread('')));
    const inThread = citations(followUp(index, 'what about culture?', thread('What did the analyst see on the trip?')));
    expect(alone.slice(0, 2)).toEqual([`${NOTES}#topics-3`, `${NOTES}#summary-1`]);
    // The summary is the passage that tells of the analyst's trip.
    expect(inThread.slice(0, 2)).toEqual([`${NOTES}#summary-1`, `${NOTES}#topics-3`]);
  });

  it("never lets the thread's question outweigh a clearly better match", () => {
    const r = followUp(index, 'how fast do they move?', thread('Which Huawei chips run inference?'));
    expect(citations(r)[0]).toBe(`${CULTURE}#summary-2`);
  });

  it('finds nothing for a follow-up about what the corpus never mentions, rather than repeating the thread', () => {
    const r = followUp(index, 'what about cheesecake recipes?', thread('how do labs hire talent?'));
    expect(r.ok && r.value.results).toEqual([]);
  });

  it('refuses an empty follow-up', () => {
    expect(followUp(index, '  ', thread('q'))).toEqual({
      ok: false,
      error: { identifier: 'empty-question', message: 'ask: the question is empty' },
    });
  });
});
