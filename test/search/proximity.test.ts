import { describe, expect, it } from 'vitest';
import { termOf } from '../../src/search/analysis.ts';
import { proximity } from '../../src/search/proximity.ts';

// A real sentence from the benchmark's articles (test/eval/squad/corpus/1973-oil-crisis.md).
const sentence =
  'By the end of the embargo in March 1974, the price of oil had risen from US$3 per barrel to nearly $12 globally; US prices were significantly higher.';
const terms = (...words: string[]) => new Set(words.map((w) => termOf(w)!));

describe('term proximity', () => {
  it('is the matched terms over the width of the shortest stretch holding them all', () => {
    // "price of oil": two terms in three words.
    expect(proximity(sentence, terms('prices', 'oil'))).toBeCloseTo(2 / 3);
    // "embargo in March 1974, the price of oil": three terms in eight words.
    expect(proximity(sentence, terms('embargo', 'price', 'oil'))).toBeCloseTo(3 / 8);
  });

  it('scores words side by side above the same words far apart', () => {
    expect(proximity(sentence, terms('price', 'oil'))).toBeGreaterThan(proximity(sentence, terms('embargo', 'globally')));
  });

  it('takes the closest occurrence of a repeated word', () => {
    // "prices were significantly higher" (4 words), not "price of oil … higher" (19).
    expect(proximity(sentence, terms('price', 'higher'))).toBeCloseTo(2 / 4);
  });

  it('is 0 with fewer than two of the terms in the sentence', () => {
    expect(proximity(sentence, terms('oil'))).toBe(0);
    expect(proximity(sentence, terms('oil', 'Huguenot'))).toBe(0);
  });
});
