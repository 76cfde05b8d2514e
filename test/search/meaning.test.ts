import { describe, expect, it } from 'vitest';
import { closestSentences, closestWord, sentenceCosine } from '../../src/search/meaning.ts';
import { searchPassages } from '../../src/search/query.ts';
import { passageTable } from '../../src/search/table.ts';
import { cosine, embedQuestion, wordRow } from '../../src/search/vectors.ts';
import { squadIndex } from '../eval/squad.ts';
import { NOTES, realIndex } from '../support/corpus.ts';
import { passageId } from '../../src/corpus/passage.ts';

const index = realIndex();
const squad = squadIndex();
const first = (i: typeof index, q: string) => {
  const hit = searchPassages(i, q)[0];
  return hit && passageId(hit.passage);
};

describe('closestSentences', () => {
  const q = embedQuestion('which chips run the models', index.embeddings.pc);
  const count = index.docs.length / 2;

  it('returns the sentences closest in meaning, best first, each with its cosine', () => {
    const close = closestSentences(index.embeddings, q, 5, [[0, count]]);
    expect(close.length).toBe(5);
    for (let i = 0; i < close.length; i++) expect(close.cos[i]).toBeCloseTo(cosine(q, index.embeddings.rows, close.doc[i]!), 9);
    for (let i = 1; i < close.length; i++) expect(close.cos[i]).toBeLessThanOrEqual(close.cos[i - 1]!);
    // No sentence left out is closer than the last one kept.
    for (let doc = 0; doc < count; doc++) {
      if (![...close.doc].includes(doc)) expect(cosine(q, index.embeddings.rows, doc)).toBeLessThanOrEqual(close.cos[4]!);
    }
  });

  it('reads only the documents of the ranges given, and keeps only those the filter keeps', () => {
    const close = closestSentences(index.embeddings, q, 3, [[10, 20]], (doc) => doc % 2 === 0);
    expect([...close.doc].every((d) => d >= 10 && d < 20 && d % 2 === 0)).toBe(true);
  });

  it('finds the same sentences when a server’s index reads the base’s table and its own, wherever they meet', () => {
    const dims = q.length;
    const whole = closestSentences(index.embeddings, q, 8, [[0, count]]);
    for (const from of [1, 37, count - 3]) {
      const { pc, rows } = index.embeddings;
      const split = { pc, rows: rows.subarray(0, from * dims), own: { from, rows: rows.subarray(from * dims) } };
      const close = closestSentences(split, q, 8, [[0, count]]);
      expect([...close.doc]).toEqual([...whole.doc]);
      expect([...close.cos]).toEqual([...whole.cos]);
      expect(sentenceCosine(q, split, count - 1)).toBe(cosine(q, rows, count - 1));
    }
  });
});

describe('closestWord', () => {
  it('finds the word of a passage closest in meaning to a question word, 1 for the word itself', () => {
    const table = passageTable(index);
    const p = index.corpus.passages.findIndex((x) => passageId(x) === `${NOTES}#summary-1`);
    const seen = new Map<number, number>();
    expect(closestWord(table, index, p, wordRow('government'), seen)).toBe(1);
    // The summary says "government aid"; "state" is close to "government" in meaning, "lasagne" is not.
    expect(closestWord(table, index, p, wordRow('state'), new Map())).toBeGreaterThan(0.5);
    expect(closestWord(table, index, p, wordRow('lasagne'), new Map())).toBeLessThan(0.4);
  });
});

describe('searchPassages by meaning', () => {
  it("answers a question that shares no word with its answer, in a team member's own words", () => {
    // "Best for: CTO, VP of Engineering/Data, AI Scientist, Research Scientist, …": "execs" and "scientists" are its meaning.
    expect(first(index, 'is this worth sending to our research scientists or is it just for execs?')).toBe(`${NOTES}#best-for-1`);
  });

  it('matches a word the passage lacks by its closest word in meaning', () => {
    // The summary says "government aid ... influence on technical decisions"; the question says "say" and "goverment" (sic).
    expect(first(index, 'how much say does the chinese goverment actually have over the technical side?')).toBe(`${NOTES}#summary-1`);
  });

  it('refuses a question about a name the corpus never mentions, though its neighbour answers the same question', () => {
    expect(first(squad, 'How did Japan respond to the Arab oil embargo?')).toBe('1973-oil-crisis#article-2');
    expect(searchPassages(squad, 'How did Venezuela respond to the Arab oil embargo?')).toEqual([]);
    // A year is a name too: the article is about 1973.
    expect(searchPassages(squad, 'How high did the price of oil climb during the 1990 oil price shock?')).toEqual([]);
  });

  it('leaves meaning out when asked to: compare judges whether an article names the topic', () => {
    const withMeaning = searchPassages(index, 'education traditions', { articles: new Set([NOTES]), relativeFloor: false });
    const without = searchPassages(index, 'education traditions', { articles: new Set([NOTES]), relativeFloor: false, byMeaning: false });
    expect(withMeaning.length).toBeGreaterThan(0);
    expect(without).toEqual([]);
  });
});
