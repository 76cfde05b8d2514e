import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.ts';
import { importSource } from '../../src/import/import.ts';
import {
  DOCUMENTS_DIR,
  expectedDocuments,
  headings,
  importDocuments,
  normalise,
  removeImported,
  type Imported,
} from '../eval/documents.ts';
import { fixture, tempDir } from './helpers.ts';
import { sentencesOf } from '../../src/corpus/passage.ts';

// Real documents from Debian's packages, imported as a user would (npm run import); what each
// must give was written down by hand from the document itself (test/fixtures/documents/expected.json).
const docs = expectedDocuments();
let imported: Imported;
beforeAll(async () => {
  imported = await importDocuments(docs);
}, 120_000);
afterAll(() => removeImported(imported));

const article = (file: string): Article => {
  const a = imported.articles.get(file);
  if (a === undefined || typeof a === 'string') throw new Error(`${file}: ${a ?? 'not imported'}`);
  return a;
};
const passages = (a: Article) => a.sections.flatMap((s) => s.passages);

// The paragraphs of each web page's body, found here with a selector of its own, apart from the importer.
const BODY: Record<string, string> = {
  'python-policy.html': 'div.body',
  'python-whatsnew-3.1.html': 'div.body',
  'mkdocs-getting-started.html': 'div[role="main"]',
  'users-and-groups.html': 'div.CHAPTER',
  'zlib-how.html': 'body',
};
// The blocks of text checked: paragraphs, list items, terms' definitions and table cells (those holding no other block).
const TEXT_BLOCKS = ['p', 'li', 'dd', 'td'];
// Page furniture that must not reach an article: permalink signs, dot leaders, running heads, contents and index headings.
const FURNITURE = [/¶/, /(?:\. ){4,}/, /^Chapter \d+: /, /^Table of Contents$/i, /Index$/, /^[A-Z]$/, /Permalink/];

describe.each(docs)('importing $file', (doc) => {
  it('gives the document its own title and author', () => {
    expect(article(doc.file).title).toBe(doc.title);
    expect(article(doc.file).author).toBe(doc.author);
  });

  it('gives the sections the document has, in its order and words', () => {
    expect(headings(article(doc.file))).toEqual(doc.sections);
  });

  it('keeps the words that answer each question in one passage', () => {
    const texts = passages(article(doc.file)).map((p) => normalise(p.text));
    for (const q of doc.questions)
      expect(
        texts.some((t) => t.includes(normalise(q.answer))),
        q.q,
      ).toBe(true);
  });

  it('leaves out page furniture: permalink signs, contents, indexes and running heads', () => {
    const a = article(doc.file);
    for (const text of [...a.sections.map((s) => s.heading), ...passages(a).map((p) => p.text)])
      for (const mark of FURNITURE) expect(text, `${mark}`).not.toMatch(mark);
  });
});

describe('importing web pages and code from the set', () => {
  it.each(Object.entries(BODY))('%s: loses no paragraph, list item, definition or table cell of the body', (file, body) => {
    const html = readFileSync(join(DOCUMENTS_DIR, file), 'utf8').replace(/<([a-zA-Z]+)\s+CLASS=/g, '<$1 class=');
    type El = { textContent: string | null; querySelectorAll(s: string): Iterable<El> };
    const { document } = parseHTML(html) as unknown as { document: El };
    const texts = passages(article(file)).map((p) => normalise(p.text));
    const words = (el: El) => (el.textContent ?? '').replace(/[^\p{L}\p{N}]/gu, '').length;
    // A paragraph that is one link (`Index`, `Search Page`) is navigation, not body text.
    const paragraphs = [...document.querySelectorAll(TEXT_BLOCKS.map((t) => `${body} ${t}`).join(', '))]
      .filter((p) => [...p.querySelectorAll('p, ul, ol, dl, pre, table, div')].length === 0)
      .filter((p) => words(p) > [...p.querySelectorAll('a')].reduce((n, a) => n + words(a), 0))
      .map((p) => normalise((p.textContent ?? '').replace(/¶/g, '')))
      .filter((p) => /\p{L}/u.test(p));
    expect(paragraphs.length).toBeGreaterThan(3);
    for (const p of paragraphs)
      expect(
        texts.some((t) => t.includes(p)),
        p,
      ).toBe(true);
  });

  it.each(['zlib-how.html', 'mkdocs-getting-started.html', 'python-whatsnew-3.1.html'])(
    '%s: gives each <pre> block one code passage, its lines whole',
    (file) => {
      const pres = readFileSync(join(DOCUMENTS_DIR, file), 'utf8').match(/<pre[\s>]/gi)?.length ?? 0;
      const code = passages(article(file)).filter((p) => p.kind === 'code');
      expect(code).toHaveLength(pres);
      for (const p of code) expect(sentencesOf(p)).toEqual([p.text]);
    },
  );

  it.each(docs.filter((d) => d.code))('$file: shows its code as code passages, whole, with its lines and indentation', (doc) => {
    const code = passages(article(doc.file))
      .filter((p) => p.kind === 'code')
      .map((p) => p.text);
    for (const c of doc.code!) expect(code).toContain(c);
  });

  it('keeps a C function in zlib-how.html as written, line by line with its indentation', () => {
    const code = passages(article('zlib-how.html')).find((p) => p.kind === 'code' && p.text.startsWith('/* Compress from file source'));
    expect(code?.text.split('\n')).toContain('int def(FILE *source, FILE *dest, int level)');
    expect(passages(article('zlib-how.html')).find((p) => p.text.includes('    int ret, flush;'))?.kind).toBe('code');
  });
});

describe('importing PDFs from the set', () => {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  /** The words of a PDF's text layer, as pdf.js gives them, apart from the importer; furniture pages left out. */
  async function textLayerWords(file: string, skip: readonly number[]): Promise<string[]> {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(readFileSync(join(DOCUMENTS_DIR, file))),
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
    const out: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      if (skip.includes(p)) continue;
      const content = await (await doc.getPage(p)).getTextContent();
      out.push(...words(content.items.map((i) => ('str' in i ? i.str : '')).join(' ')));
    }
    await doc.destroy();
    return out;
  }

  // What is left over is the running heads, the page numbers and words split at a line's hyphen or a subscript: under 3%.
  it.each(docs.filter((d) => d.file.endsWith('.pdf')))(
    '$file: keeps over 97% of the words on its pages and adds under 1% (words rejoined at a line hyphen)',
    async (doc) => {
      const a = article(doc.file);
      const have = new Map<string, number>();
      for (const w of words(
        [a.title, a.author ?? '', ...a.sections.flatMap((s) => [s.heading, ...s.passages.map((p) => p.text)])].join(' '),
      ))
        have.set(w, (have.get(w) ?? 0) + 1);
      const raw = await textLayerWords(doc.file, doc.furniturePages ?? []);
      let found = 0;
      for (const w of raw) {
        const n = have.get(w) ?? 0;
        if (n > 0) found++;
        have.set(w, n - 1);
      }
      expect(found / raw.length).toBeGreaterThan(0.97);
      const added = [...have.values()].filter((n) => n > 0).reduce((s, n) => s + n, 0);
      expect(added / raw.length).toBeLessThan(0.01);
    },
  );
});

describe('importing bad input', () => {
  it('refuses a PDF whose text layer runs its words together, and writes nothing', async () => {
    const dir = tempDir();
    const result = await importSource(fixture('garbled-text.pdf'), { corpusDir: dir });
    expect(readdirSync(dir)).toEqual([]);
    expect(result).toEqual({
      ok: false,
      error:
        "the PDF's text layer is unreadable (its words run together without spaces): export the PDF again from its source, or run OCR on it",
    });
  });

  it('says a page of menus and links has no article', async () => {
    const result = await importSource(fixture('menus.html'), { corpusDir: tempDir() });
    expect(result).toEqual({ ok: false, error: 'no article found: the page is mostly links and menus' });
  });
});
