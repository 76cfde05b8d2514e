import { describe, expect, it } from 'vitest';
import { averageOf, cosine, dimensions, EMBED_SCALE, embedQuestion, embedSentences } from '../../src/search/vectors.ts';

// Real sentences from the benchmark's articles (test/eval/squad/corpus).
const sentences = [
  "Newton's Second Law asserts the direct proportionality of acceleration to force and the inverse proportionality of acceleration to mass.",
  'The Huguenots were French Protestants who held to the Reformed, or Calvinist, tradition of Protestantism.',
  'Harvard is a large, highly residential research university with an undergraduate college and graduate schools.',
  'The immune system is a system of many biological structures and processes within an organism that protects against disease.',
];

describe('sentence meaning (SIF embeddings)', () => {
  const { pc, rows } = embedSentences(sentences);

  it('stores each sentence as a unit vector in int8', () => {
    expect(rows.length).toBe(sentences.length * dimensions());
    for (let i = 0; i < sentences.length; i++) {
      const row = rows.subarray(i * dimensions(), (i + 1) * dimensions());
      const norm = Math.hypot(...row) / EMBED_SCALE;
      expect(norm).toBeGreaterThan(0.97);
      expect(norm).toBeLessThan(1.03);
    }
  });

  it('puts a question nearest the sentence it is about, though they share few words', () => {
    const nearest = (q: string) => {
      const v = embedQuestion(q, pc);
      const scores = sentences.map((_, i) => cosine(v, rows, i));
      return scores.indexOf(Math.max(...scores));
    };
    expect(nearest('How does mass relate to how fast an object speeds up?')).toBe(0);
    expect(nearest('Which religious group fled France?')).toBe(1);
    expect(nearest('Where do students study for degrees?')).toBe(2);
    expect(nearest('What protects the body from illness?')).toBe(3);
  });

  it('gives zeros, not NaN, for a text with no known word', () => {
    const v = embedQuestion('zzxq qqzx', pc);
    expect([...v].every((x) => x === 0)).toBe(true);
    expect([...averageOf('the of and')].every((x) => x === 0)).toBe(true);
  });
});
