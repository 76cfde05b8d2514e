import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildIndex } from '../../src/search/index.ts';
import { UNREACHED, evalAsk, evalAskParaphrased, evalCompare, evalNegatives, firstQuote } from './quality.ts';

// The same question sets as `npm run eval`, one test a case, so a failure names the question.
const corpus = loadCorpus(join(fileURLToPath(new URL('../../', import.meta.url)), 'corpus'));
if (!corpus.ok) throw new Error(corpus.error.join('\n'));
const index = buildIndex(corpus.value);

const cases = evalAsk(index).cases;

describe('evalAsk', () => {
  it.each(cases.filter((c) => !(c.name in UNREACHED)))('quotes the answer to "$name" high enough', ({ pass, detail }) => {
    expect(pass, detail).toBe(true);
  });
  it.each(cases.filter((c) => c.name in UNREACHED))('does not yet reach "$name" (by general means)', ({ pass }) => {
    expect(pass).toBe(false);
  });
});

describe('evalNegatives', () => {
  it.each(evalNegatives(index))('returns nothing for "$name", which the corpus does not answer', ({ pass, detail }) => {
    expect(pass, detail).toBe(true);
  });
});

describe('evalCompare', () => {
  it.each(evalCompare(index))('gives the right verdict for $name', ({ pass, detail }) => {
    expect(pass, detail).toBe(true);
  });
});

describe('evalAskParaphrased', () => {
  const own = evalAskParaphrased(firstQuote(index));
  it("quotes the answer first to at least 18 of the 30 questions asked in a team member's own words", () => {
    expect(own.top1).toBeGreaterThanOrEqual(18);
  });
  it('refuses at most 6 of them', () => {
    expect(own.refused).toBeLessThanOrEqual(6);
  });
});
