import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildIndex } from '../../src/search/index.ts';
import { evalAsk, evalCompare, evalNegatives } from './quality.ts';

// The same question sets as `npm run eval`, one test a case, so a failure names the question.
const corpus = loadCorpus(join(fileURLToPath(new URL('../../', import.meta.url)), 'corpus'));
if (!corpus.ok) throw new Error(corpus.error.join('\n'));
const index = buildIndex(corpus.value);

describe('evalAsk', () => {
  it.each(evalAsk(index).cases)('quotes the answer to "$name" high enough', ({ pass, detail }) => {
    expect(pass, detail).toBe(true);
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
