// The real articles in corpus/, indexed for tests, and temporary corpora made from them with one thing
// changed, for the cases the real ones do not cover. Paths are resolved from this file, never from the
// working directory, so a test file gives the same answers wherever vitest is started.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { buildIndex, type SearchIndex } from '../../src/search/index.ts';

/** The repository's root directory. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The project's own corpus: the articles and synonyms.txt. */
export const CORPUS_DIR = join(ROOT, 'corpus');
/** Ids (file names without .md) of the two real articles. */
export const NOTES = 'notes-from-inside-chinas-ai-labs';
export const CULTURE = 'how-cultural-differences-shape-ai-development';

/** The corpus in `dir`, loaded; throws with the loader's errors if it does not load. */
export function corpusOf(dir: string = CORPUS_DIR): Corpus {
  const corpus = loadCorpus(dir);
  if (!corpus.ok) throw new Error(corpus.error.join('\n'));
  return corpus.value;
}

/** The corpus in `dir`, loaded and indexed (no saved index is read or written). */
export function indexOf(dir: string = CORPUS_DIR): SearchIndex {
  return buildIndex(corpusOf(dir));
}

let real: SearchIndex | undefined;

/** The project's corpus, indexed once per test file. */
export function realIndex(): SearchIndex {
  real ??= indexOf(CORPUS_DIR);
  return real;
}

/** The text of a real article, by id. */
export function articleText(id: string): string {
  return readFileSync(join(CORPUS_DIR, `${id}.md`), 'utf8');
}

/** The first paragraph under the `## heading` of an article's text, exactly as written. */
export function paragraphUnder(text: string, heading: string): string {
  const lines = text.split('\n');
  const at = lines.indexOf(`## ${heading}`);
  const paragraph = lines.slice(at + 1).find((line) => line.trim() !== '');
  if (at < 0 || paragraph === undefined || paragraph.startsWith('#')) throw new Error(`no paragraph under "## ${heading}"`);
  return paragraph;
}

/** A new empty directory under the system's temp directory, removed after the tests of the file (or describe) it is made in; call it outside an it(). */
export function tempDir(prefix = 'citebot-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A temporary corpus of exactly these articles (id → file text), removed after the test file's tests. */
export function tempCorpus(articles: Record<string, string>, prefix?: string): string {
  const dir = tempDir(prefix);
  for (const [id, text] of Object.entries(articles)) writeFileSync(join(dir, `${id}.md`), text);
  return dir;
}
