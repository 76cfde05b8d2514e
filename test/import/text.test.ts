import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSource } from '../../src/import/import.ts';
import { parseText } from '../../src/import/text.ts';
import { filesIn, outline, seed, shippedArticle, tempDir } from './helpers.ts';
import { passageId } from '../../src/corpus/passage.ts';

describe('importing plain text like the seed articles', () => {
  it('gives the same sections and passages, word for word, as the shipped notes article', async () => {
    const dir = tempDir();
    const result = await importSource(seed('000_e94bd79d55765b53.txt'), { corpusDir: dir });
    if (!result.ok) throw new Error(result.error);
    const shipped = shippedArticle('notes-from-inside-chinas-ai-labs');
    expect(result.value.article.id).toBe('notes-from-inside-chinas-ai-labs');
    expect(result.value.article.title).toBe(shipped.title);
    expect(outline(result.value.article)).toEqual(outline(shipped));
    expect(result.value.article.sections.flatMap((s) => s.passages.map((p) => passageId(p)))).toEqual(
      shipped.sections.flatMap((s) => s.passages.map((p) => passageId(p))),
    );
    expect(filesIn(dir)).toEqual(['notes-from-inside-chinas-ai-labs.md']);
  });

  it('gives the same as the shipped article for the second seed, with its "- ▸" bullets', async () => {
    const dir = tempDir();
    const result = await importSource(seed('002_9d92085403a415fd.txt'), {
      corpusDir: dir,
      id: 'how-cultural-differences-shape-ai-development',
    });
    if (!result.ok) throw new Error(result.error);
    const shipped = shippedArticle('how-cultural-differences-shape-ai-development');
    expect(result.value.article.title).toBe(shipped.title);
    expect(outline(result.value.article)).toEqual(outline(shipped));
  });

  it('reads numbered lines as bullets and runs a hard-wrapped paragraph on to its full stop', () => {
    const draft = parseText(
      'A title\n\nSteps\n1. Read the paper.\n2) Run the code.\n\nThe results were\nbetter than expected on every\nbenchmark we tried.\nA second paragraph.\n',
    );
    if (!draft.ok) throw new Error(draft.error);
    expect(draft.value.sections).toEqual([
      {
        heading: 'Steps',
        blocks: [
          { kind: 'bullet', text: 'Read the paper.' },
          { kind: 'bullet', text: 'Run the code.' },
          { kind: 'paragraph', text: 'The results were better than expected on every benchmark we tried.' },
          { kind: 'paragraph', text: 'A second paragraph.' },
        ],
      },
    ]);
  });

  it('refuses a binary file renamed .txt with one line, and writes nothing', async () => {
    const dir = tempDir();
    const src = join(tempDir(), 'photo.txt');
    writeFileSync(
      src,
      readFileSync(seed('000_e94bd79d55765b53.txt'))
        .subarray(0, 10)
        .map(() => 0xff),
    );
    const result = await importSource(src, { corpusDir: dir });
    expect(result).toEqual({ ok: false, error: 'no text to import (not UTF-8 text (invalid byte 0xff at offset 0))' });
    expect(filesIn(dir)).toEqual([]);
  });

  it('refuses an empty file', async () => {
    const src = join(tempDir(), 'empty.txt');
    writeFileSync(src, '\n\n  \n');
    expect(await importSource(src, { corpusDir: tempDir() })).toEqual({ ok: false, error: 'no text to import (the file is empty)' });
  });
});
