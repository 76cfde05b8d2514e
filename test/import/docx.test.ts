import { describe, expect, it } from 'vitest';
import { importSource } from '../../src/import/import.ts';
import { parseDocx } from '../../src/import/docx.ts';
import { expectedOutline, filesIn, fixture, outline, tempDir } from './helpers.ts';

describe('importing a Word file (.docx) LibreOffice made', () => {
  it('gives the source text word for word, with the first heading as the title and list items as bullets', async () => {
    const dir = tempDir();
    const result = await importSource(fixture('notes-from-inside-chinas-ai-labs.docx'), { corpusDir: dir });
    if (!result.ok) throw new Error(result.error);
    expect(result.value.article.title).toBe("Notes from inside China's AI labs");
    expect(outline(result.value.article)).toEqual(expectedOutline());
    expect(filesIn(dir)).toEqual(['notes-from-inside-chinas-ai-labs.md']);
  });

  it('refuses a zip that is not a Word file', async () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);
    expect(await parseDocx(zip)).toEqual({ ok: false, error: 'not a Word file (.docx) that can be read' });
  });
});
