// The real-document set (test/fixtures/documents): each document imported as a user would, then
// scored against what was written down by hand from the document itself (expected.json).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { openCorpus } from '../../src/engine.ts';
import type { Article } from '../../src/corpus/types.ts';
import { LEAD_SECTION } from '../../src/corpus/body.ts';
import { importSource } from '../../src/import/import.ts';
import { searchPassages } from '../../src/search/query.ts';

export const DOCUMENTS_DIR = fileURLToPath(new URL('../fixtures/documents/', import.meta.url));

const Expected = z.object({
  documents: z.array(
    z.object({
      file: z.string(),
      title: z.string(),
      author: z.string().optional(),
      sections: z.array(z.string()),
      questions: z.array(z.object({ q: z.string(), answer: z.string() })).min(3),
      /** A PDF's pages that are all furniture (table of contents, index), found by reading it. */
      furniturePages: z.array(z.number()).optional(),
      /** Code blocks the document shows, each expected as one code passage, whole. */
      code: z.array(z.string()).optional(),
    }),
  ),
});
export type ExpectedDocument = z.infer<typeof Expected>['documents'][number];

/** What was written down by hand for each document. */
export const expectedDocuments = (): ExpectedDocument[] =>
  Expected.parse(JSON.parse(readFileSync(join(DOCUMENTS_DIR, 'expected.json'), 'utf8'))).documents;

/** The article's section headings in order, the untitled lead-in aside: the outline compared with the expected one. */
export const headings = (a: Article): string[] => a.sections.map((s) => s.heading).filter((h, i) => !(i === 0 && h === LEAD_SECTION));

/** Quotes, spaces and case made alike, so a passage is found by the words of its document. */
export const normalise = (text: string): string =>
  text.replace(/[‘’′]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();

export interface Imported {
  readonly dir: string;
  readonly articles: Map<string, Article | string>;
}

/** Imports every document of the set into a new folder: file → its article, or the import's error. */
export async function importDocuments(docs = expectedDocuments()): Promise<Imported> {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-documents-'));
  const articles = new Map<string, Article | string>();
  for (const d of docs) {
    const r = await importSource(join(DOCUMENTS_DIR, d.file), { corpusDir: dir });
    articles.set(d.file, r.ok ? r.value.article : r.error);
  }
  return { dir, articles };
}

export const removeImported = (imported: Imported): void => rmSync(imported.dir, { recursive: true, force: true });

export interface DocumentScore {
  readonly file: string;
  readonly error?: string;
  readonly titleRight: boolean;
  /** Share of the article's headings that are in the expected outline. */
  readonly sectionPrecision: number;
  /** Share of the expected outline's headings that the article has. */
  readonly sectionRecall: number;
  readonly questions: number;
  /** Questions whose first search hit is the passage holding the answer's words. */
  readonly answeredAtTop: number;
}

/** Scores each imported document: its title, its sections against the outline, and its questions on the index of the whole set. */
export function scoreDocuments(imported: Imported, docs = expectedDocuments()): DocumentScore[] {
  const index = openCorpus(imported.dir);
  if (!index.ok) throw new Error(index.error.join('\n'));
  return docs.map((d): DocumentScore => {
    const article = imported.articles.get(d.file);
    if (article === undefined || typeof article === 'string')
      return {
        file: d.file,
        error: article ?? 'not imported',
        titleRight: false,
        sectionPrecision: 0,
        sectionRecall: 0,
        questions: d.questions.length,
        answeredAtTop: 0,
      };
    const got = headings(article);
    const want = new Set(d.sections);
    const answeredAtTop = d.questions.filter((q) => {
      const top = searchPassages(index.value, q.q)[0]?.passage;
      return top?.articleId === article.id && normalise(top.text).includes(normalise(q.answer));
    }).length;
    return {
      file: d.file,
      titleRight: article.title === d.title,
      sectionPrecision: got.length ? got.filter((h) => want.has(h)).length / got.length : d.sections.length ? 0 : 1,
      sectionRecall: d.sections.length ? d.sections.filter((h) => got.includes(h)).length / d.sections.length : 1,
      questions: d.questions.length,
      answeredAtTop,
    };
  });
}

/** The scores as a Markdown table, one row per document and a total. */
export function documentsTable(scores: readonly DocumentScore[]): string {
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const rows = scores.map(
    (s) =>
      `| ${s.file} | ${s.error ? `not imported: ${s.error}` : s.titleRight ? 'yes' : 'no'} | ${pct(s.sectionPrecision)} | ${pct(s.sectionRecall)} | ${s.answeredAtTop}/${s.questions} |`,
  );
  const asked = scores.reduce((n, s) => n + s.questions, 0);
  const top = scores.reduce((n, s) => n + s.answeredAtTop, 0);
  const titles = scores.filter((s) => s.titleRight).length;
  return [
    '| document | title right | section precision | section recall | answered at top |',
    '|---|---|---:|---:|---:|',
    ...rows,
    `| all ${scores.length} | ${titles}/${scores.length} | | | ${top}/${asked} |`,
  ].join('\n');
}

/** Imports the set and prints its table: the documents' part of `npm run eval`. */
export async function reportDocuments(): Promise<void> {
  const imported = await importDocuments();
  try {
    console.log('\ndocuments (test/fixtures/documents: real documents from Debian packages, imported; expected.json written by hand)');
    console.log(documentsTable(scoreDocuments(imported)));
  } finally {
    removeImported(imported);
  }
}
