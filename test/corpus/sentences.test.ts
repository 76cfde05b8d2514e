import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { splitSentences } from '../../src/corpus/sentences.ts';
import { passageId } from '../../src/corpus/passage.ts';

const corpus = loadCorpus(join(fileURLToPath(new URL('../../', import.meta.url)), 'corpus'));
if (!corpus.ok) throw new Error(corpus.error.join('\n'));
const passage = (id: string) => {
  const found = corpus.value.passages.find((p) => passageId(p) === id);
  if (!found) throw new Error(`no passage ${id}`);
  return found;
};

describe('splitSentences', () => {
  it('splits a summary paragraph into its sentences', () => {
    const sentences = splitSentences(passage('notes-from-inside-chinas-ai-labs#summary-1').text);
    expect(sentences).toHaveLength(7);
    expect(sentences[0]).toBe(
      "An editorial analyst's trip to China reveals distinct cultural and operational differences in its AI ecosystem compared to the West, despite similar technical outputs.",
    );
    expect(sentences[5]).toBe(
      'The data industry is less developed, leading labs to build data and environments in-house, and there is a significant demand for Nvidia chips, with Huawei chips used for inference.',
    );
  });

  it('ends a sentence at "U.S." when the next one starts with a capital', () => {
    const sentences = splitSentences(passage('notes-from-inside-chinas-ai-labs#summary-1').text);
    expect(sentences[2]).toBe('This contrasts with a perceived "speak up for yourself" culture in the U.S.');
    expect(sentences[3]).toMatch(/^The Chinese industry shows early signs/);
  });

  it('keeps "U.S." inside a sentence when a lowercase word follows', () => {
    const text = passage('how-cultural-differences-shape-ai-development#editorial-opinion-1').text;
    expect(splitSentences(text)[2]).toBe(
      'The finding that students-as-peers outperforms the intern-silo model used by leading U.S. labs is particularly relevant for companies seeking to compete on model quality.',
    );
  });

  it('does not end a sentence after an abbreviation or an initial', () => {
    expect(splitSentences('Labs buy chips from e.g. Nvidia and Huawei. Students help.')).toEqual(['Labs buy chips from e.g. Nvidia and Huawei.', 'Students help.']);
    expect(splitSentences('Dr. Lambert visited the labs. He met students.')).toEqual(['Dr. Lambert visited the labs.', 'He met students.']);
    expect(splitSentences('N. Lambert wrote the original. AIssential summarised it.')).toEqual(['N. Lambert wrote the original.', 'AIssential summarised it.']);
  });

  it('ends sentences at question and exclamation marks, keeping closing quotes and brackets', () => {
    expect(splitSentences('Why do labs catch up? They are "fast followers." (Mostly.) Next.')).toEqual([
      'Why do labs catch up?',
      'They are "fast followers."',
      '(Mostly.)',
      'Next.',
    ]);
    expect(splitSentences('Students are peers! 2024 showed it.')).toEqual(['Students are peers!', '2024 showed it.']);
  });

  it('does not split before a lowercase word or inside a number', () => {
    expect(splitSentences('Demand grew 3.5 times. labs noticed.')).toEqual(['Demand grew 3.5 times. labs noticed.']);
  });

  it('gives a bullet without a full stop as one sentence', () => {
    const text = passage('how-cultural-differences-shape-ai-development#key-takeaways-1').text;
    expect(splitSentences(text)).toEqual([text]);
  });

  it('gives nothing for empty text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   ')).toEqual([]);
  });

  it('changes no character of any passage in the corpus: joined by spaces they are the passage', () => {
    for (const p of corpus.value.passages) expect(splitSentences(p.text).join(' '), passageId(p)).toBe(p.text);
  });

  it('changes no character of any text: joined by spaces they give it back, whitespace runs aside', () => {
    const chars = fc.constantFrom('a', 'B', 'é', 'Z', '1', '.', '!', '?', '…', '"', '”', "'", '(', ')', ' ', '  ', '\n', 'e.g.', 'Dr.', 'U.S.');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        const sentences = splitSentences(text);
        const norm = (s: string) => s.trim().replace(/\s+/g, ' ');
        expect(norm(sentences.join(' '))).toBe(norm(text));
        for (const s of sentences) expect(s).toBe(s.trim());
        for (const s of sentences) expect(s).not.toBe('');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('splitSentences, abbreviations', () => {
  it('ends a sentence at "no." when no number follows, and not in "No. 5"', async () => {
    const { splitSentences } = await import('../../src/corpus/sentences.ts');
    expect(splitSentences('The answer was no. Then we left.')).toEqual(['The answer was no.', 'Then we left.']);
    expect(splitSentences('See No. 5 for details.')).toEqual(['See No. 5 for details.']);
  });
});
