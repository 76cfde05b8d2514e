import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArticle } from '../corpus/article.ts';
import { decodeText } from '../corpus/decode.ts';
import type { Article } from '../corpus/types.ts';
import { err, ok, type Result } from '../result.ts';
import { type Draft, passageCount, tidy } from './draft.ts';
import { fetchUrl, type FetchOptions } from './fetch.ts';
import { toMarkdown } from './markdown.ts';
import { parseText } from './text.ts';
import { checkId, idFromTitle, writeArticle } from './write.ts';

/** What an input is read as. */
export type SourceKind = 'markdown' | 'text' | 'html' | 'pdf' | 'docx';

const BY_EXTENSION: Record<string, SourceKind> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

/** The kinds a file name's extension gives, or undefined for one that cannot be imported. */
export const kindOfFile = (name: string): SourceKind | undefined => BY_EXTENSION[extname(name).toLowerCase()];

/** The file kinds that can be imported, for messages: `.md, .txt, .html, .pdf or .docx`. */
export const IMPORTABLE = '.md, .txt, .html, .pdf or .docx';

export interface ImportOptions {
  /** The corpus folder the article is written to. */
  readonly corpusDir: string;
  /** The article id (and file name); default the title's slug. */
  readonly id?: string | undefined;
  /** Replace an article with the same id; default false. */
  readonly force?: boolean | undefined;
  /** Fetch from private, loopback and link-local addresses; default false. */
  readonly allowPrivate?: boolean | undefined;
  /** Rules for fetching a URL beyond allowPrivate (limits, resolver, the private-address hint); for tests and the bot. */
  readonly fetch?: Omit<FetchOptions, 'allowPrivate' | 'accept'> | undefined;
  /**
   * What follows "its title gives no id": how this front end lets one be
   * chosen (default: the command line's `--id`; the bot, which has none, gives '').
   */
  readonly idHint?: string | undefined;
}

/** An input turned into a corpus article. */
export interface Imported {
  /** The file written (relative to the working folder when inside it). */
  readonly file: string;
  readonly kind: SourceKind;
  /** The article as the loader reads the written file. */
  readonly article: Article;
}

/**
 * Imports a file path or an http(s) URL into `options.corpusDir`: reads it by
 * its kind, writes `<id>.md` only if the loader reads it back as an article.
 * The error is one line, fit to show after the input's name.
 */
export async function importSource(input: string, options: ImportOptions): Promise<Result<Imported, string>> {
  const prepared = await prepareSource(input, options);
  return prepared.ok ? write(prepared.value, options) : prepared;
}

/** Reads a file path or an http(s) URL as an article, writing nothing (see importSource): what `--guild` keeps in the store. */
export async function prepareSource(input: string, options: PrepareOptions): Promise<Result<Prepared, string>> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) return prepareUrl(input, options);
  const kind = kindOfFile(input);
  if (!kind) return err(`cannot import ${extname(input) || 'files without an extension'} (use ${IMPORTABLE})`);
  let bytes: Uint8Array;
  try {
    if (!statSync(input).isFile()) return err('not a file');
    bytes = readFileSync(input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err(code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`);
  }
  return prepareBytes(bytes, kind, { ...options, name: basename(input) });
}

/** Imports a web page or PDF from an http(s) address, by the fetch rules (see fetchUrl). */
export async function importUrl(url: string, options: ImportOptions): Promise<Result<Imported, string>> {
  const prepared = await prepareUrl(url, options);
  return prepared.ok ? write(prepared.value, options) : prepared;
}

/** Reads a web page or PDF from an http(s) address as an article, writing nothing (see importUrl). */
export async function prepareUrl(url: string, options: PrepareOptions): Promise<Result<Prepared, string>> {
  const fetched = await fetchUrl(url, {
    ...options.fetch,
    allowPrivate: options.allowPrivate ?? false,
    accept: (t) => kindOfContentType(t) !== undefined,
  });
  if (!fetched.ok) return fetched;
  const kind = kindOfContentType(fetched.value.contentType)!;
  return prepareBytes(fetched.value.bytes, kind, { ...options, url: fetched.value.url, charset: fetched.value.charset });
}

/** html for web pages, pdf for PDFs; undefined for anything else. */
export function kindOfContentType(type: string): 'html' | 'pdf' | undefined {
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/pdf') return 'pdf';
  return undefined;
}

/** What reading an input as an article needs: an import's options but where it is written. */
export type PrepareOptions = Omit<ImportOptions, 'corpusDir' | 'force'>;

/** An input read as an article, not yet written anywhere: what a server's store keeps, or a corpus file holds. */
export interface Prepared {
  readonly id: string;
  /** The Markdown file's bytes: a Markdown input's own, else the converted document's. */
  readonly markdown: Uint8Array;
  readonly kind: SourceKind;
  /** The article as the loader reads `markdown`. */
  readonly article: Article;
}

export interface BytesSource extends PrepareOptions {
  /** The input's file name, for a title when the document states none. */
  readonly name?: string | undefined;
  /** Where the bytes came from, when fetched: the article's `url` unless the page names its canonical one. */
  readonly url?: string | undefined;
  /** The charset the server stated for a web page. */
  readonly charset?: string | undefined;
}

/** Imports an input's bytes as `kind` (see importSource). */
export async function importBytes(
  bytes: Uint8Array,
  kind: SourceKind,
  source: BytesSource & Pick<ImportOptions, 'corpusDir' | 'force'>,
): Promise<Result<Imported, string>> {
  const prepared = await prepareBytes(bytes, kind, source);
  return prepared.ok ? write(prepared.value, source) : prepared;
}

/** Writes a prepared article as `<corpusDir>/<id>.md` (see writeArticle). */
function write(prepared: Prepared, options: Pick<ImportOptions, 'corpusDir' | 'force'>): Result<Imported, string> {
  const written = writeArticle(options.corpusDir, prepared.id, prepared.markdown, { force: options.force });
  return written.ok ? ok({ file: written.value.file, kind: prepared.kind, article: written.value.article }) : written;
}

/** Reads an input's bytes as `kind` into an article, writing nothing: the loader's reading of it, or one line saying why not. */
export async function prepareBytes(bytes: Uint8Array, kind: SourceKind, source: BytesSource): Promise<Result<Prepared, string>> {
  if (kind === 'markdown') return prepareMarkdown(bytes, source);
  const draft = await readDraft(bytes, kind, source);
  if (!draft.ok) return draft;
  // A fetched PDF's address is its url; a page's canonical link wins over the address it came from.
  const tidied = tidy({ ...draft.value, url: draft.value.url ?? (source.url && /^https?:/.test(source.url) ? source.url : undefined) });
  if (passageCount(tidied) === 0) return err(`no text to import (${NO_TEXT[kind]})`);
  const title = tidied.title || titleFromName(source.name ?? source.url ?? '');
  if (!title) return err('no title found: the document states none');
  const id = source.id === undefined ? ok(idFromTitle(title)) : checkId(source.id);
  if (!id.ok) return id;
  if (!id.value) return err(`its title gives no id (no letters or digits)${source.idHint ?? ': choose one with --id'}`);
  const bytesOut = new TextEncoder().encode(toMarkdown({ ...tidied, title }));
  const same = sameWords(tidied, `${id.value}.md`, bytesOut);
  if (!same.ok) return same;
  return ok({ id: id.value, markdown: bytesOut, kind, article: same.value });
}

/** Checks that the file as written gives back the draft's passages word for word (a safeguard: never quote other words). */
function sameWords(draft: Draft, name: string, bytes: Uint8Array): Result<Article, string> {
  const read = parseArticle(name, bytes);
  if (!read.ok) return err(`the article would not load: ${read.error}`);
  const want = draft.sections.flatMap((s) => s.blocks.map((b) => b.text));
  const got = read.value.sections.flatMap((s) => s.passages.map((p) => p.text));
  const at = want.findIndex((w, i) => got[i] !== w);
  if (at >= 0 || got.length !== want.length)
    return err(`internal error: passage ${at + 1} would not load as written; please report this file`);
  return ok(read.value);
}

const NO_TEXT: Record<Exclude<SourceKind, 'markdown'>, string> = {
  text: 'the file is empty',
  html: 'the page has no article text',
  pdf: 'a scanned PDF holds pictures of text, not text: run OCR on it first',
  docx: 'the document is empty',
};

async function readDraft(bytes: Uint8Array, kind: Exclude<SourceKind, 'markdown'>, source: BytesSource): Promise<Result<Draft, string>> {
  switch (kind) {
    case 'text': {
      const text = decodeText(bytes);
      if (!text.ok) return err(`no text to import (${text.error.message})`);
      const draft = parseText(text.value);
      return draft.ok ? draft : err(`no text to import (${NO_TEXT.text})`);
    }
    // The readers load their libraries when first needed: a bot or console that never imports starts without them.
    case 'html': {
      const { parseHtml } = await import('./html.ts');
      return parseHtml(decodeHtml(bytes, source.charset), { url: source.url });
    }
    case 'pdf': {
      if (!startsWith(bytes, '%PDF-')) return err('not a PDF (it does not start with %PDF-)');
      const { parsePdf } = await import('./pdf.ts');
      return parsePdf(bytes);
    }
    case 'docx': {
      if (!startsWith(bytes, 'PK')) return err('not a Word file (.docx is a zip archive; an old .doc must be saved as .docx first)');
      const { parseDocx } = await import('./docx.ts');
      return parseDocx(bytes);
    }
  }
}

/** A Markdown file is checked by the loader and kept as it is, or refused with the loader's message. */
function prepareMarkdown(bytes: Uint8Array, source: BytesSource): Result<Prepared, string> {
  const parsed = parseArticle(source.name ?? 'article.md', bytes);
  if (!parsed.ok) return parsed;
  const id = source.id === undefined ? ok(idFromTitle(parsed.value.title)) : checkId(source.id);
  if (!id.ok) return id;
  // Read again under its id's name, as the loader will: the article's id comes from the name.
  const named = parseArticle(`${id.value}.md`, bytes);
  return named.ok ? ok({ id: id.value, markdown: bytes, kind: 'markdown', article: named.value }) : named;
}

function decodeHtml(bytes: Uint8Array, charset: string | undefined): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const label = charset ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const startsWith = (bytes: Uint8Array, magic: string) => [...magic].every((c, i) => bytes[i] === c.charCodeAt(0));

function titleFromName(name: string): string {
  const raw =
    name
      .split(/[\\/?#]/)
      .filter(Boolean)
      .pop() ?? '';
  let last = raw;
  try {
    last = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded after all: the name as it is.
  }
  return last
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[-_]+/g, ' ')
    .trim();
}
