import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { boundsOf, sentenceAt, sentenceCount, sentencesOf, spansFromBounds, spansOf } from '../../src/corpus/passage.ts';
import { splitSentences } from '../../src/corpus/sentences.ts';
import type { Passage } from '../../src/corpus/types.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const squad = loadCorpus(join(root, 'test/eval/squad/corpus'));
if (!squad.ok) throw new Error(squad.error.join('\n'));
const passages = squad.value.passages;
const withText = (p: Passage, text: string, sentences: readonly string[]): Passage => ({ ...p, text, spans: spansOf(text, sentences) });

describe('sentencesOf', () => {
  it('gives back every passage of real articles cut exactly as the sentence splitter cut it', () => {
    for (const p of passages) expect(sentencesOf(p)).toEqual(p.kind === 'code' ? [p.text] : splitSentences(p.text));
  });

  it('keeps the sentences of a paragraph too long for offsets of 16 bits', () => {
    const long = passages.filter((p) => sentenceCount(p) > 3).map((p) => p.text);
    let text = '';
    while (text.length <= 0xffff) text += (text ? ' ' : '') + long[text.length % long.length];
    const p = withText(passages[0]!, text, splitSentences(text));
    expect(sentencesOf(p)).toEqual(splitSentences(text));
    expect(sentencesOf(p).at(-1)!.length).toBeGreaterThan(0);
  });

  it('keeps a sentence that is not its text’s own characters as it was given', () => {
    const p = withText(passages[0]!, 'One sentence. Another one.', ['One sentence.', 'Not in the text.']);
    expect(sentencesOf(p)).toEqual(['One sentence.', 'Not in the text.']);
  });
});

describe('sentenceAt', () => {
  it('reads one sentence, and a one-sentence passage is its whole text', () => {
    const many = passages.find((p) => sentenceCount(p) >= 3)!;
    expect(sentenceAt(many, 2)).toBe(splitSentences(many.text)[2]);
    const one = passages.find((p) => sentenceCount(p) === 1)!;
    expect(sentenceAt(one, 0)).toBe(one.text);
  });
});

describe('boundsOf and spansFromBounds', () => {
  it('save a passage’s sentences as offsets and read the same sentences back', () => {
    for (const p of passages) {
      const bounds = boundsOf(p)!;
      expect(sentencesOf({ ...p, spans: spansFromBounds(p.text, bounds) })).toEqual(sentencesOf(p));
      for (let i = 0; i < bounds.length; i += 2) expect(p.text.slice(bounds[i], bounds[i + 1])).toBe(sentenceAt(p, i / 2));
    }
  });
});
