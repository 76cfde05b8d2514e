import { Worker } from 'node:worker_threads';
import { err, ok, type Result } from '../result.ts';
import type { Draft } from './draft.ts';
import { oneLine } from './draft.ts';
import { textLayerProblem } from './pdf-furniture.ts';
import { draftFromLines } from './pdf-layout.ts';

/** A line of text as laid out on a page. */
export interface PdfLine {
  readonly text: string;
  /** Font size in points (the tallest text on the line). */
  readonly size: number;
  readonly x: number;
  /** From the bottom of the page, as PDF measures it. */
  readonly y: number;
  readonly page: number;
  /** Set in a fixed-pitch font (nearly all of it): a line of code. */
  readonly mono?: boolean;
  /** The width of one character when `mono`, to give a code line its indentation. */
  readonly charWidth?: number;
}

/**
 * Reads a PDF's text with pdf.js (pdfjs-dist), in a worker: its lines with
 * their size, place and whether their font is fixed-pitch, made into an
 * article by draftFromLines (pdf-layout.ts). A text layer that is garbage
 * (words run together, unmapped characters, mojibake) is refused.
 */
export async function parsePdf(bytes: Uint8Array): Promise<Result<Draft, string>> {
  const read = await readInWorker(bytes);
  if ('error' in read)
    return err(
      read.error === 'password' ? 'the PDF is password-protected' : read.error === 'unreadable' ? 'not a PDF that can be read' : read.error,
    );
  const lines = read.pages.flatMap((items, i) => linesOf(items, i + 1));
  const problem = textLayerProblem(lines);
  if (problem) return err(`the PDF's text layer is unreadable (${problem}): export the PDF again from its source, or run OCR on it`);
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
  readonly width?: number;
  readonly hasEOL: boolean;
  readonly mono?: boolean;
}

function linesOf(items: readonly TextItem[], page: number): PdfLine[] {
  const out: PdfLine[] = [];
  let parts: string[] = [];
  let size = 0;
  let x = 0;
  let y = Number.NaN;
  let right = Number.NaN;
  let monoChars = 0;
  let monoWidth = 0;
  const end = () => {
    const text = oneLine(parts.join(''));
    const chars = text.replace(/\s/g, '').length;
    const mono = chars > 0 && monoChars >= chars * 0.9;
    if (text) out.push({ text, size, x, y, page, ...(mono && { mono, charWidth: monoWidth / monoChars }) });
    parts = [];
    size = 0;
    y = Number.NaN;
    monoChars = 0;
    monoWidth = 0;
  };
  for (const item of items) {
    const itemSize = Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0);
    const itemY = item.transform[5] ?? 0;
    if (parts.length > 0 && Math.abs(itemY - y) > Math.max(size, itemSize) / 2) end();
    if (item.str) {
      const itemX = item.transform[4] ?? 0;
      if (parts.length === 0 || Number.isNaN(y)) {
        x = itemX;
        y = itemY;
      } else if (itemX - right > itemSize * 0.15 && !/\s$/.test(parts[parts.length - 1]!) && !/^\s/.test(item.str)) parts.push(' ');
      // Two items apart on one line are two words (a reference list's label and its text), though no space is drawn.
      parts.push(item.str);
      right = itemX + (item.width ?? 0);
      const drawn = item.str.replace(/\s/g, '').length;
      if (item.mono && drawn) {
        monoChars += drawn;
        monoWidth += ((item.width ?? 0) * drawn) / item.str.length;
      }
      if (item.str.trim()) size = Math.max(size, itemSize);
    }
    if (item.hasEOL) end();
  }
  end();
  return out;
}
