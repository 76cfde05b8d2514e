import { describe, expect, it } from 'vitest';
import { plainQuestion } from '../../src/search/analysis.ts';
import { answerCue } from '../../src/search/cues.ts';
import { analyzeQuery, type Query } from '../../src/search/query.ts';
import { answerCoverage, MIN_COVERAGE, scorePassages } from '../../src/search/score.ts';
import { passageTable } from '../../src/search/table.ts';
import { tally } from '../../src/search/tally.ts';
import { embedQuestion } from '../../src/search/vectors.ts';
import { NOTES, realIndex } from '../support/corpus.ts';
import { passageId } from '../../src/corpus/passage.ts';

const index = realIndex();
const table = passageTable(index);
const queryOf = (text: string): Query => {
  const groups = analyzeQuery(index, text);
  return {
    text,
    groups,
    totalWeight: groups.reduce((s, g) => s + g.weight, 0),
    meaning: embedQuestion(plainQuestion(text), index.embeddings.pc),
    cue: answerCue(text),
  };
};
const slotOf = (t: ReturnType<typeof tally>, id: string) =>
  [...t.passage.subarray(0, t.slots)].findIndex((p) => passageId(index.corpus.passages[p]!) === id);

describe('tally', () => {
  it('reaches a passage by meaning alone, with no word of the question, and keeps its closest sentence', () => {
    const q = queryOf('is this worth sending to our research scientists or is it just for execs?');
    const t = tally(index, table, q, {});
    const a = slotOf(t, `${NOTES}#best-for-1`);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(t.meaningDoc[a]).toBeGreaterThanOrEqual(0);
    expect(t.cos[a]).toBeGreaterThan(0);
    // The table is left ready for the next question.
    expect(table.slotOf.every((s) => s === -1)).toBe(true);
  });

  it('reaches nothing by meaning when asked not to', () => {
    const t = tally(index, table, queryOf('is this worth sending to our research scientists or is it just for execs?'), {
      byMeaning: false,
    });
    expect([...t.meaningDoc.subarray(0, t.slots)].every((d) => d === -1)).toBe(true);
  });
});

describe('answerCoverage', () => {
  it('costs more for a name the corpus never has than for an everyday word it never has', () => {
    const name = queryOf('Which chips does Samsung use for inference?');
    const plain = queryOf('Which chips does everybody use for inference?');
    const coverage = (q: Query) => {
      const t = tally(index, table, q, {});
      return answerCoverage(q, t, slotOf(t, `${NOTES}#summary-1`), 1).coverage;
    };
    expect(coverage(name)).toBeLessThan(coverage(plain));
  });
});

describe('scorePassages', () => {
  it('keeps only the passages that reach the coverage floor, and scores the best one highest', () => {
    const q = queryOf('Which chips are used for inference?');
    const t = tally(index, table, q, {});
    const scored = scorePassages(index, table, q, t, MIN_COVERAGE, true);
    expect(scored.passing.length).toBeGreaterThan(0);
    for (const a of scored.passing) expect(scored.coverage[a]).toBeGreaterThanOrEqual(MIN_COVERAGE);
    const best = scored.passing.reduce((b, a) => (scored.match[a]! > scored.match[b]! ? a : b));
    expect(passageId(index.corpus.passages[t.passage[best]!]!)).toBe(`${NOTES}#summary-1`);
    expect(scorePassages(index, table, q, t, 10, true).passing.length).toBe(0);
  });
});
