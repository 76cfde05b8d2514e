import { Worker } from 'node:worker_threads';
import { err, ok, type Result } from '../result.ts';
import type { Draft, DraftBlock } from './draft.ts';
import { oneLine } from './draft.ts';

/** A line of text as laid out on a page. */
export interface PdfLine {
  readonly text: string;
  /** Font size in points (the tallest text on the line). */
  readonly size: number;
  readonly x: number;
  /** From the bottom of the page, as PDF measures it. */
  readonly y: number;
  readonly page: number;
}

// Word-like prefixes English writes with a hyphen: `non-` at a line's end is kept, not undone.
const HYPHENATED_PREFIXES = new Set([
  'non',
  'self',
  'well',
  'ex',
  'all',
  'co',
  'cross',
  'multi',
  'semi',
  'anti',
  'pre',
  'post',
  'pro',
  'half',
  'quasi',
  'so',
  'high',
  'low',
  'long',
  'short',
  'full',
  'open',
  'real',
  'world',
  'state',
  'end',
  'in',
  'on',
  'off',
  'out',
  'up',
  'one',
  'two',
  'three',
  'first',
  'second',
  'third',
]);
const BULLET = /^(?:[•◦▪▸‣●■–·*-]|\d{1,3}[.)])\s+/;
const CLOSING = /[.!?:;]["'”’)\]]*$/;

/**
 * Reads a PDF's text with pdf.js (pdfjs-dist): lines in reading order,
 * rejoined into paragraphs across line breaks, hyphenation and page breaks;
 * the largest text at the top of the first page as the title and text larger
 * than the body as section headings; the document's Author.
 */
export async function parsePdf(bytes: Uint8Array): Promise<Result<Draft, string>> {
  const read = await readInWorker(bytes);
  if ('error' in read)
    return err(
      read.error === 'password' ? 'the PDF is password-protected' : read.error === 'unreadable' ? 'not a PDF that can be read' : read.error,
    );
  const lines = read.pages.flatMap((items, i) => linesOf(items, i + 1));
  const meta = (v: string | undefined) => (v?.trim() ? oneLine(v) : undefined);
  // The file's CreationDate is when the PDF was made, not when the article was published: not used.
  return ok(draftFromLines(lines, { title: meta(read.title), author: meta(read.author) }));
}

type WorkerAnswer = { pages: TextItem[][]; title?: string; author?: string } | { error: string };

/** How long a PDF may take to read, and how much memory, before it is given up. */
const PDF_LIMITS = { ms: 60_000, heapMb: 512 };

function readInWorker(bytes: Uint8Array): Promise<WorkerAnswer> {
  return new Promise((resolve) => {
    // A copy: the worker's pdf.js takes over the buffer it is given.
    const worker = new Worker(new URL('./pdf-worker.mjs', import.meta.url), {
      workerData: new Uint8Array(bytes),
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: PDF_LIMITS.heapMb },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ error: `took longer than ${PDF_LIMITS.ms / 1000} seconds to read` });
    }, PDF_LIMITS.ms);
    const done = (answer: WorkerAnswer) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    worker.once('message', (m: WorkerAnswer) => done(m));
    worker.once('error', () => done({ error: 'unreadable' }));
    worker.once('exit', () => done({ error: 'unreadable' }));
  });
}

interface TextItem {
  readonly str: string;
  readonly transform: readonly number[];
  readonly hasEOL: boolean;
}

function linesOf(items: readonly TextItem[], page: number): PdfLine[] {
  const out: PdfLine[] = [];
  let parts: string[] = [];
  let size = 0;
  let x = 0;
  let y = Number.NaN;
  const end = () => {
    const text = oneLine(parts.join(''));
    if (text) out.push({ text, size, x, y, page });
    parts = [];
    size = 0;
    y = Number.NaN;
  };
  for (const item of items) {
    const itemSize = Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0);
    const itemY = item.transform[5] ?? 0;
    if (parts.length > 0 && Math.abs(itemY - y) > Math.max(size, itemSize) / 2) end();
    if (item.str) {
      if (parts.length === 0 || Number.isNaN(y)) {
        x = item.transform[4] ?? 0;
        y = itemY;
      }
      parts.push(item.str);
      if (item.str.trim()) size = Math.max(size, itemSize);
    }
    if (item.hasEOL) end();
  }
  end();
  return out;
}

/** The draft a document's lines make; `meta` is what the file's properties say. */
export function draftFromLines(all: readonly PdfLine[], meta: { title?: string | undefined; author?: string | undefined } = {}): Draft {
  const lines = withoutRunningHeads(all);
  const body = bodySize(lines);
  const spacing = lineSpacing(lines, body);
  const isHeading = (l: PdfLine) => l.size >= body * 1.15 && l.text.length <= 150;

  // The title: the first page's opening lines in the document's largest type.
  let start = 0;
  let title = meta.title ?? '';
  const largest = Math.max(...lines.map((l) => l.size));
  if (lines[0] && lines[0].page === 1 && lines[0].size === largest && largest > body) {
    const titleLines = [lines[0]];
    while (lines[titleLines.length]?.size === largest && lines[titleLines.length]!.page === 1) titleLines.push(lines[titleLines.length]!);
    title = titleLines.map((l) => l.text).join(' ');
    start = titleLines.length;
  }

  const sections: { heading: string; blocks: { kind: DraftBlock['kind']; text: string; x: number }[] }[] = [{ heading: '', blocks: [] }];
  const words = wordsOf(lines);
  let prev: PdfLine | undefined;
  for (const line of lines.slice(start)) {
    const section = sections[sections.length - 1]!;
    const last = section.blocks[section.blocks.length - 1];
    if (isHeading(line)) {
      const continues =
        prev &&
        isHeading(prev) &&
        prev.size === line.size &&
        prev.page === line.page &&
        section.blocks.length === 0 &&
        prev.y - line.y <= line.size * 1.6;
      if (continues && section.heading) section.heading = `${section.heading} ${line.text}`;
      else sections.push({ heading: line.text, blocks: [] });
      prev = line;
      continue;
    }
    const bullet = BULLET.exec(line.text);
    const gap = prev && prev.page === line.page ? prev.y - line.y : Number.NaN;
    const sameBlock =
      last !== undefined &&
      prev !== undefined &&
      !isHeading(prev) &&
      !bullet &&
      (prev.page === line.page ? gap <= spacing * 1.3 && (last.kind === 'paragraph' || line.x >= last.x - 1) : !CLOSING.test(last.text));
    if (sameBlock) last.text = joinLines(last.text, line.text, words);
    else if (bullet) section.blocks.push({ kind: 'bullet', text: line.text.slice(bullet[0].length), x: line.x + 1 });
    else section.blocks.push({ kind: 'paragraph', text: line.text, x: line.x });
    // A bullet's marker and its words are separate items: later lines line up with the words.
    if (bullet && !sameBlock) section.blocks[section.blocks.length - 1]!.x = line.x + 1;
    prev = line;
  }
  return {
    title: title || (lines[0]?.text ?? ''),
    author: meta.author,
    sections: sections.map((s) => ({ heading: s.heading, blocks: s.blocks.map((b) => ({ kind: b.kind, text: b.text })) })),
  };
}

/**
 * Two lines of one paragraph as one text. A hyphen at the line's end is undone
 * (`develop-` + `ment`) unless the document writes that word with a hyphen
 * elsewhere, never without one, or its first part is a prefix English
 * hyphenates (`non-`, `self-`), or the next line starts with a capital or a
 * digit; then the hyphen stays (`non-flashy`, `COVID-19`).
 */
export function joinLines(before: string, after: string, words: ReadonlySet<string> = new Set()): string {
  if (!/[\p{L}\p{N}]-$/u.test(before)) return `${before} ${after}`;
  const m = /(\p{L}+)-$/u.exec(before);
  // `COVID-` + `19`, `pre-` + `WWII`: a hyphen before a capital or a digit is the word's own.
  if (!m || !/^\p{Ll}/u.test(after)) return `${before}${after}`;
  const head = m[1]!.toLowerCase();
  const tail = /^\p{L}+/u.exec(after)![0].toLowerCase();
  const keep = words.has(`${head}-${tail}`) || (!words.has(head + tail) && HYPHENATED_PREFIXES.has(head));
  return keep ? `${before}${after}` : `${before.slice(0, -1)}${after}`;
}

function wordsOf(lines: readonly PdfLine[]): Set<string> {
  const words = new Set<string>();
  for (const l of lines) for (const w of l.text.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? []) words.add(w);
  return words;
}

/** The size most of the text is set in (counted by characters). */
function bodySize(lines: readonly PdfLine[]): number {
  const chars = new Map<number, number>();
  for (const l of lines) chars.set(round(l.size), (chars.get(round(l.size)) ?? 0) + l.text.length);
  return [...chars].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** The usual distance between two lines of body text, to tell a new paragraph by a larger gap. */
function lineSpacing(lines: readonly PdfLine[], body: number): number {
  const gaps = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1]!, lines[i]!];
    if (a.page !== b.page || round(a.size) !== body || round(b.size) !== body || a.y <= b.y) continue;
    gaps.set(round(a.y - b.y), (gaps.get(round(a.y - b.y)) ?? 0) + 1);
  }
  return [...gaps].sort((a, b) => b[1] - a[1])[0]?.[0] ?? body * 1.2;
}

/** Drops page numbers and the running heads and feet repeated on most pages. */
function withoutRunningHeads(lines: readonly PdfLine[]): PdfLine[] {
  const pages = new Set(lines.map((l) => l.page)).size;
  const seen = new Map<string, Set<number>>();
  for (const l of lines) seen.set(l.text, (seen.get(l.text) ?? new Set()).add(l.page));
  return lines.filter(
    (l) => !/^(?:page\s+)?\d{1,4}(?:\s*(?:\/|of)\s*\d{1,4})?$/i.test(l.text) && !(pages >= 3 && seen.get(l.text)!.size > pages / 2),
  );
}

const round = (n: number) => Math.round(n * 2) / 2;
