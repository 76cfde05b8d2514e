import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openCorpus } from '../../src/engine.ts';
import { unmatchedWords } from '../../src/report/unmatched.ts';

const opened = openCorpus(fileURLToPath(new URL('../../corpus', import.meta.url)));
if (!opened.ok) throw new Error(opened.error.join('\n'));
const index = opened.value;

describe('unmatchedWords', () => {
  it('gives the words no article contains, lower-cased, as typed', () => {
    expect(unmatchedWords(index, 'Is there anything on Tokamaks and fusion reactors?')).toEqual(['tokamaks', 'fusion', 'reactors']);
  });

  it('leaves out words the corpus has, stop words and numbers', () => {
    expect(unmatchedWords(index, 'Which chips are used for inference in 2025?')).toEqual([]);
  });

  it('counts a word as found when a synonym of it is in the corpus', () => {
    expect(unmatchedWords(index, 'gpus')).toEqual([]);
  });

  it('keeps each word once, and ten at most', () => {
    const many = Array.from({ length: 30 }, (_, i) => `zqx${String.fromCharCode(97 + (i % 26))}${i}`).join(' ');
    expect(unmatchedWords(index, `${many} ${many}`)).toHaveLength(10);
    expect(unmatchedWords(index, 'fusion Fusion FUSION')).toEqual(['fusion']);
  });
});
