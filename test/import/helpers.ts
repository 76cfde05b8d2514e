import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { Article } from '../../src/corpus/types.ts';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const fixture = (name: string) => join(root, 'test/fixtures/import', name);
export const seed = (name: string) => join(root, 'test/fixtures/seeds', name);

/** The shipped article, as the loader reads it. */
export function shippedArticle(id: string): Article {
  const corpus = loadCorpus(join(root, 'corpus'));
  if (!corpus.ok) throw new Error(corpus.error.join('\n'));
  return corpus.value.articles.find((a) => a.id === id)!;
}

/** Sections as headings with their passages' kinds and words: what an import must get right. */
export const outline = (a: Article) =>
  a.sections.map((s) => ({ heading: s.heading, passages: s.passages.map((p) => `${p.kind}: ${p.text}`) }));

// The PDF and the .docx were made by LibreOffice from notes-from-inside-chinas-ai-labs.source.html
// (see make.sh): five of the shipped article's sections, on a narrow page so lines wrap.
export const SOURCE_SECTIONS = ['Summary', 'Key takeaway', 'Principles', 'Method', 'In practice'];
/** What importing the PDF or the .docx must give: those sections of the shipped article, word for word. */
export const expectedOutline = () =>
  outline(shippedArticle('notes-from-inside-chinas-ai-labs')).filter((s) => SOURCE_SECTIONS.includes(s.heading));

const temps: string[] = [];
/** An empty folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-import-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export const filesIn = (dir: string) => readdirSync(dir).sort();
