import { describe, expect, it } from 'vitest';
import { EXCERPT_MAX } from '../../src/answers/excerpt.ts';
import { evalSquad } from './squad.ts';

// The public benchmark (test/eval/squad, ~10 s): floors a little under what citebot reaches,
// so answer quality cannot slip silently. Belongs with the slower tests (bench, e2e).
const report = evalSquad();
const { all, A, B } = report.citebot;

describe('the SQuAD benchmark', () => {
  it('quotes the answer first for at least 81% of the questions, and cites its paragraph first for 83.5%', () => {
    expect(all.excerpt1).toBeGreaterThanOrEqual(81);
    expect(all.para1).toBeGreaterThanOrEqual(83.5);
    expect(all.excerpt3).toBeGreaterThanOrEqual(87.5);
    expect(all.para3).toBeGreaterThanOrEqual(91.5);
  });

  it('holds on the held-out half as on the half its thresholds were calibrated on', () => {
    expect(B.excerpt1).toBeGreaterThanOrEqual(80.5);
    expect(B.para1).toBeGreaterThanOrEqual(82);
    expect(Math.abs(A.excerpt1 - B.excerpt1)).toBeLessThan(4);
  });

  it('refuses at most 1.5% of answerable questions and at least 75% of questions about other subjects', () => {
    expect(all.falseRefusals).toBeLessThanOrEqual(1.5);
    expect(all.negativesRefused).toBeGreaterThanOrEqual(75);
  });

  it('keeps every quote within EXCERPT_MAX and the median under 295 characters', () => {
    expect(all.maxExcerpt).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(all.medianExcerpt).toBeLessThanOrEqual(295);
  });

  it('beats MiniSearch with its defaults over the same sentences', () => {
    expect(all.excerpt1).toBeGreaterThan(report.miniSearch.excerpt1 + 8);
    expect(all.para1).toBeGreaterThan(report.miniSearch.para1 + 6);
  });
});
