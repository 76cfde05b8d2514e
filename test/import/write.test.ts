import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes, importSource } from '../../src/import/import.ts';
import { toMarkdown } from '../../src/import/markdown.ts';
import { parseArticle } from '../../src/corpus/article.ts';
import { filesIn, root, seed, tempDir } from './helpers.ts';
import { passageId } from '../../src/corpus/passage.ts';

const NOTES_MD = join(root, 'corpus/notes-from-inside-chinas-ai-labs.md');

describe('writing an imported article', () => {
  it('refuses an id that exists, leaving the file as it was, and replaces it with force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes-from-inside-chinas-ai-labs.md'), readFileSync(NOTES_MD));
    const before = readFileSync(join(dir, 'notes-from-inside-chinas-ai-labs.md'), 'utf8');
    const refused = await importSource(seed('000_e94bd79d55765b53.txt'), { corpusDir: dir });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatch(
      /notes-from-inside-chinas-ai-labs\.md: already exists \(add --force to replace it, or choose another --id\)$/,
    );
    expect(readFileSync(join(dir, 'notes-from-inside-chinas-ai-labs.md'), 'utf8')).toBe(before);
    const forced = await importSource(seed('000_e94bd79d55765b53.txt'), { corpusDir: dir, force: true });
    expect(forced.ok).toBe(true);
    expect(readFileSync(join(dir, 'notes-from-inside-chinas-ai-labs.md'), 'utf8')).not.toBe(before);
    expect(filesIn(dir)).toEqual(['notes-from-inside-chinas-ai-labs.md']);
  });

  it('writes under the id given, and refuses one that is not a slug', async () => {
    const dir = tempDir();
    const result = await importSource(seed('000_e94bd79d55765b53.txt'), { corpusDir: dir, id: 'china-labs' });
    expect(result.ok && passageId(result.value.article.sections[0]!.passages[0]!)).toBe('china-labs#summary-1');
    expect(await importSource(seed('000_e94bd79d55765b53.txt'), { corpusDir: dir, id: 'China Labs' })).toEqual({
      ok: false,
      error: '--id "China Labs": use lowercase letters, digits and single hyphens (e.g. china-labs)',
    });
    expect(filesIn(dir)).toEqual(['china-labs.md']);
  });

  it('refuses an id another file already gives (Notes.md and notes.md are one id to the loader)', async () => {
    const dir = tempDir();
    copyFileSync(NOTES_MD, join(dir, 'Notes From Inside Chinas AI Labs.md'));
    const result = await importSource(seed('000_e94bd79d55765b53.txt'), { corpusDir: dir, force: true });
    expect(!result.ok && result.error).toMatch(
      /the id "notes-from-inside-chinas-ai-labs" is taken by .*Notes From Inside Chinas AI Labs\.md/,
    );
  });

  it('keeps every word of a paragraph the loader would misread (a heading, a numbered line, a code fence)', () => {
    const texts = [
      '# not a heading',
      '12. Not a list item.',
      '- - - not a rule either',
      '```js is a fence',
      '<!-- not a comment -->',
      'Plain words: "quoted", #tagged.',
    ];
    const md = toMarkdown({
      title: 'Title: with "quotes" # and a colon',
      sections: [{ heading: 'C#', blocks: texts.map((text) => ({ kind: 'paragraph' as const, text })) }],
    });
    const article = parseArticle('x.md', new TextEncoder().encode(md));
    if (!article.ok) throw new Error(article.error);
    expect(article.value.title).toBe('Title: with "quotes" # and a colon');
    expect(article.value.sections[0]!.heading).toBe('C#');
    expect(article.value.sections[0]!.passages.map((p) => p.text)).toEqual(texts);
  });
});

describe('importing Markdown', () => {
  it('copies a file the loader reads, byte for byte, under its title’s id', async () => {
    const dir = tempDir();
    const src = join(tempDir(), 'anything.md');
    copyFileSync(NOTES_MD, src);
    const result = await importSource(src, { corpusDir: dir });
    expect(result.ok && result.value.file).toMatch(/notes-from-inside-chinas-ai-labs\.md$/);
    expect(readFileSync(join(dir, 'notes-from-inside-chinas-ai-labs.md'))).toEqual(readFileSync(NOTES_MD));
  });

  it('refuses a file the loader refuses, with the loader’s message, and writes nothing', async () => {
    const dir = tempDir();
    const bytes = readFileSync(NOTES_MD, 'utf8').replace('title:', 'titel:');
    const result = await importBytes(new TextEncoder().encode(bytes), 'markdown', { corpusDir: dir, name: 'notes.md' });
    expect(result).toEqual({
      ok: false,
      error: 'notes.md:2: front matter: unknown field "titel" (known: title, publisher, url, author, published, original)',
    });
    expect(filesIn(dir)).toEqual([]);
  });

  it('refuses a kind it cannot read', async () => {
    expect(await importSource(join(root, 'package.json'), { corpusDir: tempDir() })).toEqual({
      ok: false,
      error: 'cannot import .json (use .md, .txt, .html, .pdf or .docx)',
    });
  });
});
