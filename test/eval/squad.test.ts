import { describe, expect, it } from 'vitest';
import { EXCERPT_MAX } from '../../src/answers/excerpt.ts';
import { evalSquad } from './squad.ts';

// The public benchmark (test/eval/squad, ~20 s): floors a little under what citebot reaches,
// so answer quality cannot slip silently. Belongs with the slower tests (bench, e2e).
const report = evalSquad();
const { all, A, B } = report.citebot;
const own = report.paraphrased;

describe("the SQuAD benchmark, in the crowd's words", () => {
  it('quotes the answer first for at least 81.5% of the questions, and cites its paragraph first for 84%', () => {
    expect(all.excerpt1).toBeGreaterThanOrEqual(81.5);
    expect(all.para1).toBeGreaterThanOrEqual(84);
    expect(all.excerpt3).toBeGreaterThanOrEqual(88);
    expect(all.para3).toBeGreaterThanOrEqual(92);
  });

  it('holds on the held-out half as on the half its thresholds were calibrated on', () => {
    expect(B.excerpt1).toBeGreaterThanOrEqual(81.5);
    expect(B.para1).toBeGreaterThanOrEqual(82.5);
    expect(Math.abs(A.excerpt1 - B.excerpt1)).toBeLessThan(4);
  });

  it('refuses at most 1.5% of answerable questions', () => {
    expect(all.falseRefusals).toBeLessThanOrEqual(1.5);
  });

  it('keeps every quote within EXCERPT_MAX and the median under 295 characters', () => {
    expect(all.maxExcerpt).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(all.medianExcerpt).toBeLessThanOrEqual(295);
  });

  it('beats MiniSearch with its defaults over the same sentences', () => {
    expect(all.excerpt1).toBeGreaterThan(report.miniSearch.questions.excerpt1 + 8);
    expect(all.para1).toBeGreaterThan(report.miniSearch.questions.para1 + 6);
  });
});

describe("the SQuAD benchmark, in a reader's own words", () => {
  it('quotes the answer first for at least 27.5% and cites its paragraph first for 39%', () => {
    expect(own.all.excerpt1).toBeGreaterThanOrEqual(27.5);
    expect(own.all.para1).toBeGreaterThanOrEqual(39);
    expect(own.all.para3).toBeGreaterThanOrEqual(55);
    expect(own.B.para1).toBeGreaterThanOrEqual(37.5);
  });

  it('refuses at most 8% of these answerable questions', () => {
    expect(own.all.falseRefusals).toBeLessThanOrEqual(8);
    expect(own.B.falseRefusals).toBeLessThanOrEqual(8);
    expect(own.all.maxExcerpt).toBeLessThanOrEqual(EXCERPT_MAX);
  });

  it('more than doubles what MiniSearch with its defaults finds', () => {
    expect(own.all.para1).toBeGreaterThan(2 * report.miniSearch.paraphrased.para1);
  });
});

describe('questions the articles do not answer', () => {
  it('refuses at least 58% of the questions about far-away subjects', () => {
    expect(all.negativesRefused).toBeGreaterThanOrEqual(58);
  });

  it('refuses at least 44% of the near-topic questions, and of each kind at least its share', () => {
    expect(report.near.all.refused).toBeGreaterThanOrEqual(44);
    expect(report.near.all.swap).toBeGreaterThanOrEqual(50);
    expect(report.near.all.missing).toBeGreaterThanOrEqual(22);
    expect(report.near.all.neighbour).toBeGreaterThanOrEqual(60);
  });
});
