import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importSource } from '../../src/import/import.ts';
import { draftFromLines, joinLines } from '../../src/import/pdf-layout.ts';
import { parsePdf } from '../../src/import/pdf.ts';
import { expectedOutline, filesIn, fixture, outline, SOURCE_SECTIONS, tempDir } from './helpers.ts';

describe('parsePdf, on a PDF LibreOffice made', () => {
  it('gives the source text word for word: lines rejoined, "non-flashy" and "in-house" kept whole across line ends', async () => {
    const dir = tempDir();
    const result = await importSource(fixture('notes-from-inside-chinas-ai-labs.pdf'), { corpusDir: dir });
    if (!result.ok) throw new Error(result.error);
    expect(outline(result.value.article)).toEqual(expectedOutline());
    expect(filesIn(dir)).toEqual(['notes-from-inside-chinas-ai-labs.md']);
  });

  it('takes the title from the largest type on the first page (two lines here) and the author from the file', async () => {
    const draft = await parsePdf(readFileSync(fixture('notes-from-inside-chinas-ai-labs.pdf')));
    if (!draft.ok) throw new Error(draft.error);
    expect(draft.value.title).toBe("Notes from inside China's AI labs");
    expect(draft.value.author).toBe('AIssential Editorial');
    expect(draft.value.sections.filter((s) => s.blocks.length > 0).map((s) => s.heading)).toEqual(SOURCE_SECTIONS);
  });

  it('says a PDF without text needs OCR, in one line, and writes nothing', async () => {
    const dir = tempDir();
    expect(await importSource(fixture('no-text.pdf'), { corpusDir: dir })).toEqual({
      ok: false,
      error: 'no text to import (a scanned PDF holds pictures of text, not text: run OCR on it first)',
    });
    expect(filesIn(dir)).toEqual([]);
  });

  it('refuses a file that is not a PDF', async () => {
    const draft = await parsePdf(new TextEncoder().encode('%PDF-1.7 but nothing else'));
    expect(draft).toEqual({ ok: false, error: 'not a PDF that can be read' });
  });
});

describe('joinLines', () => {
  it('undoes hyphenation at a line end', () => {
    expect(joinLines('the research and develop-', 'ment of models')).toBe('the research and development of models');
  });

  it('keeps a hyphen the document writes elsewhere, or after a prefix English hyphenates', () => {
    expect(joinLines('multi-', 'objective goals', new Set(['multi-objective']))).toBe('multi-objective goals');
    expect(joinLines('meticulous, non-', 'flashy work')).toBe('meticulous, non-flashy work');
  });

  it('drops the hyphen after a prefix when the document writes the word without one', () => {
    expect(joinLines('a non-', 'profit', new Set(['nonprofit']))).toBe('a nonprofit');
  });

  it('keeps a hyphen before a capital or a digit, and joins other lines with a space', () => {
    expect(joinLines('during COVID-', '19 lockdowns')).toBe('during COVID-19 lockdowns');
    expect(joinLines('the models', 'improved')).toBe('the models improved');
    expect(joinLines('a pause -', 'then more')).toBe('a pause - then more');
  });
});

describe('draftFromLines', () => {
  const line = (text: string, y: number, page = 1, size = 11, x = 50) => ({ text, y, page, size, x });
  it('runs a paragraph on across a page break when its sentence is not finished, and drops page numbers', () => {
    const draft = draftFromLines([
      line('A Title', 800, 1, 20),
      line('The first paragraph goes on', 760),
      line('past the end of the', 746),
      line('1', 30),
      line('page and ends here.', 780, 2),
      line('A new paragraph.', 760, 2),
      line('2', 30, 2),
    ]);
    expect(draft.title).toBe('A Title');
    expect(draft.sections.flatMap((s) => s.blocks.map((b) => b.text))).toEqual([
      'The first paragraph goes on past the end of the page and ends here.',
      'A new paragraph.',
    ]);
  });
});
