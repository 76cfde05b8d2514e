import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { corpusOf } from '../corpus/corpus.ts';
import { boundsOf, sentencesOf, spansFromBounds, spansOf } from '../corpus/passage.ts';
import type { Article, ArticleMeta, Passage, Section, SynonymGroups } from '../corpus/types.ts';
import { err, ok, type Result } from '../result.ts';
import { articleTable, buildDocs, INDEX_FIELDS, newMiniSearch, type SearchIndex } from './index.ts';
import { PartsError, PartsReader, writeParts, type PartBytes } from './parts.ts';
import { compactTablesFrom, fillCompact } from './postings.ts';
import { buildSynonymMap } from './synonyms.ts';

/**
 * The saved index: the parsed corpus and the whole index, in parts (see
 * parts.ts), so that a start from it parses no Markdown and rebuilds nothing.
 * The corpus goes as JSON, a thousand articles a part; MiniSearch's tables
 * (the posting pool, field lengths), the term table and the sentence
 * embeddings as the raw bytes of their typed arrays, read straight back into
 * typed arrays: nothing to parse, and no object per posting or per sentence.
 */

const FILE = 'index.bin';
/** The single-JSON file of earlier versions: removed when the new one is written. */
const OLD_FILE = 'index.json';
const MAGIC = 'citebot-index';
const ARTICLES_PER_PART = 1000;
const ENTRIES_PER_PART = 50_000;

// The corpus as saved: arrays rather than objects, each passage's parents left
// to be derived, and its sentences as [start, end) offsets into its text, as
// a passage holds them (see passage.ts) rather than a second copy of it.
/** A passage's kind as saved: 0 a paragraph, 1 a bullet, 2 a code block. */
type SavedKind = 0 | 1 | 2;
// A passage's number in its section is its place in the section's list: not saved.
type SavedPassage = [kind: SavedKind, line: number, text: string, sentences: number[] | string[]];
const KIND_SAVED = { paragraph: 0, bullet: 1, code: 2 } as const;
const KIND_READ = ['paragraph', 'bullet', 'code'] as const;
type SavedSection = [heading: string, slug: string, line: number, passages: SavedPassage[]];
/** An article as saved (and as a reload's worker sends it). */
export type SavedArticle = [meta: ArticleMeta, sections: SavedSection[]];

/** What the first part says: everything small, and how many parts the rest has. */
interface Meta {
  articles: number;
  synonyms: SynonymGroups;
  common: string[];
  /** The sentence embeddings' principal component. */
  pc: number[];
  documentCount: number;
  averageFieldLength: number[];
  /** Postings whose term frequency is above 255, by their place in the pool. */
  bigTfs: [number, number][];
  dfEntries: number;
  terms: number;
}

function savedPassage(p: Passage): SavedPassage {
  return [KIND_SAVED[p.kind], p.line, p.text, boundsOf(p) ?? sentencesOf(p)];
}

/** An article in its saved form: arrays, and its sentences as offsets into their passage's text. */
export function savedArticle(a: Article): SavedArticle {
  const { sections, ...meta } = a;
  return [meta, sections.map((s) => [s.heading, s.slug, s.line, s.passages.map(savedPassage)])];
}

/** An article from its saved form: each passage's sentences are spans of its text again (see passage.ts). */
export function articleFrom([meta, sections]: SavedArticle): Article {
  return {
    ...meta,
    sections: sections.map(([heading, slug, line, passages]): Section => ({
      heading,
      slug,
      line,
      passages: passages.map(([kind, pline, text, saved], i): Passage => ({
        n: i + 1,
        articleId: meta.id,
        section: heading,
        sectionSlug: slug,
        kind: KIND_READ[kind],
        text,
        spans: typeof saved[0] === 'string' ? spansOf(text, saved as string[]) : spansFromBounds(text, saved as number[]),
        line: pline,
      })),
    })),
  };
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** The parts of an index, in the order they are written and read. */
function* partsOf(index: SearchIndex): Generator<[string, PartBytes]> {
  // A server's index reads the base's tables in place (src/search/layered.ts): it is made again from the base, never saved.
  if (index.embeddings.own) throw new Error('a server’s layered index is not saved');
  const tables = compactTablesFrom(index.mini);
  const df = [...index.df];
  const meta: Meta = {
    articles: index.corpus.articles.length,
    synonyms: index.corpus.synonyms,
    common: [...index.common],
    pc: [...index.embeddings.pc],
    documentCount: tables.documentCount,
    averageFieldLength: [...tables.averageFieldLength],
    bigTfs: [...tables.pool.big],
    dfEntries: df.length,
    terms: tables.terms.terms.length,
  };
  yield ['meta', json(meta)];
  for (const articles of chunks(index.corpus.articles, ARTICLES_PER_PART)) yield ['articles', json(articles.map(savedArticle))];
  for (const entries of chunks(df, ENTRIES_PER_PART)) yield ['df', json(entries)];
  for (const terms of chunks(tables.terms.terms, ENTRIES_PER_PART)) yield ['terms', json(terms)];
  yield ['term-start', tables.terms.start];
  yield ['term-size', tables.terms.size];
  yield ['postings', tables.pool.docs];
  yield ['term-frequencies', tables.pool.tfs];
  yield ['field-lengths', tables.fieldLengths];
  yield ['embeddings', index.embeddings.rows];
}

/**
 * Writes the corpus and its index under `dir`, part by part (see parts.ts):
 * the key on the first line, each part with its checksum.
 */
export function saveIndex(dir: string, key: string, index: SearchIndex): void {
  mkdirSync(dir, { recursive: true });
  writeParts(join(dir, FILE), MAGIC, key, partsOf(index));
  rmSync(join(dir, OLD_FILE), { force: true });
}

/** Why a saved index was not used: "missing" is the normal first start; anything else is worth a warning. */
export type CacheMiss = { reason: 'missing' | 'stale' | 'corrupt'; detail?: string };

/** Loads the saved corpus and index if they were made from these very files and are intact. */
export function loadIndex(dir: string, key: string): Result<SearchIndex, CacheMiss> {
  let reader: PartsReader;
  try {
    reader = new PartsReader(join(dir, FILE), MAGIC, key);
  } catch (e) {
    return err(e instanceof PartsError ? { reason: e.reason, detail: e.message } : { reason: 'missing' });
  }
  try {
    return ok(readIndex(reader));
  } catch (e) {
    return err({ reason: 'corrupt', detail: (e as Error).message.slice(0, 120) });
  } finally {
    reader.close();
  }
}

const int32s = (bytes: number) => new Int32Array(bytes / 4);
const int8s = (bytes: number) => new Int8Array(bytes);
const uint8s = (bytes: number) => new Uint8Array(bytes);

function readIndex(r: PartsReader): SearchIndex {
  const meta = r.json<Meta>('meta');
  const articles: Article[] = [];
  for (let k = 0; k < meta.articles; k += ARTICLES_PER_PART)
    for (const a of r.json<SavedArticle[]>('articles')) articles.push(articleFrom(a));
  const df = new Map<string, number>();
  for (let k = 0; k < meta.dfEntries; k += ENTRIES_PER_PART) for (const [t, n] of r.json<[string, number][]>('df')) df.set(t, n);
  const terms: string[] = [];
  for (let k = 0; k < meta.terms; k += ENTRIES_PER_PART) for (const t of r.json<string[]>('terms')) terms.push(t);
  if (articles.length !== meta.articles || df.size !== meta.dfEntries || terms.length !== meta.terms)
    throw new Error('the parts do not add up to what the first one says');
  const start = r.next('term-start', int32s);
  const size = r.next('term-size', int32s);
  const docsPool = r.next('postings', int32s);
  const tfs = r.next('term-frequencies', uint8s);
  const fieldLengths = r.next('field-lengths', int32s);
  const rows = r.next('embeddings', int8s);
  r.end();

  const corpus = corpusOf(articles, meta.synonyms);
  const docs = buildDocs(corpus);
  const F = INDEX_FIELDS.length;
  const n = docs.length / 2;
  if (meta.documentCount !== n || fieldLengths.length !== n * F) throw new Error('document count does not match the corpus');
  if (rows.length !== n * meta.pc.length) throw new Error('sentence embeddings do not match the corpus');
  if (start.length !== terms.length * F || size.length !== start.length || tfs.length !== docsPool.length)
    throw new Error('the term table does not match the postings');
  for (let k = 0; k < start.length; k++)
    if (start[k]! < 0 || size[k]! < 0 || start[k]! + size[k]! > docsPool.length)
      throw new Error('the term table does not match the postings');
  const mini = fillCompact(
    newMiniSearch(() => ''),
    {
      documentCount: n,
      averageFieldLength: meta.averageFieldLength,
      fieldLengths,
      terms: { terms, start, size },
      pool: { docs: docsPool, tfs, big: new Map(meta.bigTfs) },
    },
  );
  return {
    corpus,
    mini,
    docs,
    df,
    common: new Set(meta.common),
    synonyms: buildSynonymMap(corpus.synonyms),
    embeddings: { pc: Float32Array.from(meta.pc), rows },
    articles: articleTable(corpus),
  };
}

/** Removes a bad cache file so the next start does not trip on it again. */
export function discardIndex(dir: string): void {
  rmSync(join(dir, FILE), { force: true });
}
