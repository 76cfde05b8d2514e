// How a PDF's lines make an article: title and title page, headings, paragraphs rejoined
// across line and page breaks, bullets, code, footnotes. pdf.ts reads the lines.
import type { Draft, DraftBlock } from './draft.ts';
import { isFurnitureHeading, isRealTitle, isVersionLine, personOf, underscoreRestorer, withoutFurniture } from './pdf-furniture.ts';
import type { PdfLine } from './pdf.ts';

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
// A section number before a heading's words: `2`, `2.3`, `1.1.`.
const NUMBERED = /^\d+(?:\.\d+)*\.?\s+\S/;

/** The draft a document's lines make; `meta` is what the file's properties say. */
export function draftFromLines(all: readonly PdfLine[], meta: { title?: string | undefined; author?: string | undefined } = {}): Draft {
  const largest = Math.max(0, ...all.filter((l) => l.page === 1).map((l) => l.size));
  const lines = withoutFurniture(all, largest);
  const body = bodySize(lines);
  const restore = underscoreRestorer(lines);
  const front = titlePage(lines, body, largest);
  const at: Assembly = {
    sections: [{ heading: '', blocks: [] }],
    words: wordsOf(lines),
    spacing: lineSpacing(lines, body),
    // Type a little larger than the body makes a heading only when numbered as one (`2.3 Attributes`), not a 12-point signature line.
    isHeading: (l) => l.text.length <= 150 && (l.size >= body * 1.15 || (l.size >= body * 1.08 && NUMBERED.test(l.text))),
    prev: undefined,
    footnotes: [],
  };
  const footnotes = footnotesOf(lines, body);
  let skipping = false;
  // The title page's lines are text (its byline is the author, not text).
  const titlePageText = lines.slice(front.end, front.asText).filter((l) => !personOf(l.text));
  for (const [i, line] of [...titlePageText.map((l) => ({ ...l, size: body })), ...lines.slice(front.asText)].entries()) {
    // The title page's text ends its own paragraph; the document's text starts a new one.
    if (i === titlePageText.length) at.prev = undefined;
    const text = restore(line.text);
    if (at.isHeading(line)) skipping = !addHeading(at, line, text);
    else if (skipping) continue;
    else if (footnotes.has(line)) addFootnote(at, text);
    else addText(at, line, text);
  }
  flushFootnotes(at);
  return {
    title: (isRealTitle(meta.title) ? meta.title : front.title) || (lines[0]?.text ?? ''),
    author: meta.author ?? front.author,
    sections: at.sections.map((s) => ({
      heading: s.heading,
      blocks: s.blocks.map((b) => ({ kind: b.kind, text: b.lines ? codeText(b.lines) : b.text })),
    })),
  };
}

/** The draft as it is assembled, line by line. */
interface Assembly {
  readonly sections: { heading: string; blocks: Block[] }[];
  /** The document's words, to tell a line-end hyphen that is the word's own. */
  readonly words: ReadonlySet<string>;
  /** The usual distance between two lines of a paragraph. */
  readonly spacing: number;
  readonly isHeading: (l: PdfLine) => boolean;
  /** The last line placed, to tell whether the next goes on its block. */
  prev: PdfLine | undefined;
  /** Footnotes met inside a paragraph that runs on to the next page: set after it, each a paragraph of its own. */
  footnotes: string[];
}

/**
 * Opens a section, or goes on the heading before it when the heading wraps.
 * False for a table of contents' or an index's heading, or an index letter:
 * left out, with what follows until the next heading.
 */
function addHeading(at: Assembly, line: PdfLine, text: string): boolean {
  flushFootnotes(at);
  const { prev } = at;
  at.prev = undefined;
  if (isFurnitureHeading(text)) return false;
  const section = at.sections[at.sections.length - 1]!;
  const continues =
    prev &&
    at.isHeading(prev) &&
    prev.size === line.size &&
    prev.page === line.page &&
    section.blocks.length === 0 &&
    prev.y - line.y <= line.size * 1.6;
  if (continues && section.heading) section.heading = `${section.heading} ${text}`;
  else at.sections.push({ heading: text, blocks: [] });
  at.prev = line;
  return true;
}

function addFootnote(at: Assembly, text: string): void {
  const notes = at.footnotes;
  if (notes.length && !FOOTNOTE_MARK.test(text)) notes[notes.length - 1] = joinLines(notes[notes.length - 1]!, text, at.words);
  else notes.push(text);
}

function flushFootnotes(at: Assembly): void {
  at.sections[at.sections.length - 1]!.blocks.push(...at.footnotes.map((text) => ({ kind: 'paragraph' as const, text, x: 0 })));
  at.footnotes = [];
}

/** Places a line of text or code: on the block before it, or as a new paragraph, bullet or code block. */
function addText(at: Assembly, line: PdfLine, text: string): void {
  const { prev, spacing } = at;
  const blocks = at.sections[at.sections.length - 1]!.blocks;
  const last = blocks[blocks.length - 1];
  const bullet = BULLET.exec(text);
  const samePage = prev?.page === line.page;
  const gap = prev && samePage ? prev.y - line.y : Number.NaN;
  const sameBlock =
    last !== undefined &&
    last.kind !== 'code' &&
    prev !== undefined &&
    !at.isHeading(prev) &&
    !bullet &&
    (samePage ? gap <= spacing * 1.3 && (last.kind === 'paragraph' || line.x >= last.x - 1) : !CLOSING.test(last.text));
  at.prev = line;
  if (line.mono) {
    if (last?.kind === 'code' && prev && !at.isHeading(prev) && (!samePage || gap <= spacing * 2.6)) {
      last.lines!.push({ ...line, gap: samePage && gap > spacing * 1.5 });
      return;
    }
    // A fixed-pitch line that goes on an unfinished sentence at its margin is prose (a long name wrapped), not code.
    if (!(sameBlock && !CLOSING.test(last.text) && Math.abs(line.x - prev.x) <= 3)) {
      flushFootnotes(at);
      blocks.push({ kind: 'code', text: '', x: line.x, lines: [{ ...line, gap: false }] });
      return;
    }
  }
  if (sameBlock) {
    last.text = joinLines(last.text, text, at.words);
    return;
  }
  flushFootnotes(at);
  // A bullet's marker and its words are separate items: later lines line up with the words.
  if (bullet) blocks.push({ kind: 'bullet', text: text.slice(bullet[0].length), x: line.x + 1 });
  else blocks.push({ kind: 'paragraph', text, x: line.x });
}

/** A block as it is assembled: a code block keeps its lines, to indent them by where they start. */
interface Block {
  kind: DraftBlock['kind'];
  text: string;
  x: number;
  lines?: (PdfLine & { gap: boolean })[];
}

/** A PDF's code lines as text: each indented by how far right of the block's leftmost line it starts; a wider gap is a blank line. */
function codeText(lines: readonly (PdfLine & { gap: boolean })[]): string {
  const left = Math.min(...lines.map((l) => l.x));
  return lines
    .map((l) => `${l.gap ? '\n' : ''}${' '.repeat(Math.max(0, Math.round((l.x - left) / (l.charWidth || l.size * 0.5))))}${l.text}`)
    .join('\n');
}

/**
 * The first page's title and byline: the title is its opening lines in the
 * document's largest type (a version line aside); the lines after it, up to
 * the first numbered heading or the first line at the text's margin, are
 * the title page: a person's name there is an author, and the rest is text,
 * never a heading. `end` is the index of the first line after the title,
 * `asText` of the first line after the title page.
 */
function titlePage(
  lines: readonly PdfLine[],
  body: number,
  largest: number,
): { title: string; author?: string; end: number; asText: number } {
  let end = 0;
  while (lines[end]?.page === 1 && lines[end]!.size === largest && largest > body) end++;
  const title = lines
    .slice(0, end)
    .map((l) => l.text)
    .filter((t) => !isVersionLine(t))
    .join(' ');
  const margin = leftMargin(lines, body);
  let asText = end;
  const people: string[] = [];
  while (lines[asText]?.page === 1) {
    const l = lines[asText]!;
    const numbered = NUMBERED.test(l.text) && l.size > body;
    // A title page's lines are set apart from the text's margin (centred, or right); the text starts at it.
    if (numbered || Math.abs(l.x - margin) < 3) break;
    const person = personOf(l.text);
    if (person) people.push(person);
    asText++;
  }
  return { title, ...(people.length && { author: people.join(', ') }), end, asText: end > 0 ? asText : 0 };
}

// A footnote's mark: a number or a sign before its words (`1http://…`, `* See …`).
const FOOTNOTE_MARK = /^(?:\d{1,3}|[*†‡§])/;

/** Footnotes: lines in type smaller than the body's, below the last line of body text on their page. */
function footnotesOf(lines: readonly PdfLine[], body: number): Set<PdfLine> {
  const lowest = new Map<number, number>();
  for (const l of lines) if (round(l.size) >= body) lowest.set(l.page, Math.min(lowest.get(l.page) ?? Infinity, l.y));
  return new Set(lines.filter((l) => l.size < body * 0.9 && l.y < (lowest.get(l.page) ?? -Infinity)));
}

/** Where most body lines start. */
function leftMargin(lines: readonly PdfLine[], body: number): number {
  const xs = new Map<number, number>();
  for (const l of lines) if (round(l.size) === body) xs.set(Math.round(l.x), (xs.get(Math.round(l.x)) ?? 0) + 1);
  return [...xs].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
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

const round = (n: number) => Math.round(n * 2) / 2;
