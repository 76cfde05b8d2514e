import { openCorpusCached } from '../engine.ts';
import type { SearchIndex } from '../search/index.ts';
import { corpusKey } from '../search/persist.ts';
import { compactTablesFrom, type CompactTables } from '../search/postings.ts';
import { savedArticle, type SavedArticle } from '../search/snapshot.ts';

/** What the rebuild worker is asked to do. */
export interface RebuildJob {
  readonly corpusDir: string;
  /** Where the built index is also saved, so the next start reuses it; none: not saved. */
  readonly cacheDir: string | undefined;
  /** The key of the files the serving index was read from: the same files again are not sent back. */
  readonly currentKey: string | undefined;
}

/**
 * The worker's messages, in order. The new index comes in pieces small
 * enough that receiving any one of them never holds the main thread for long:
 * articles and the index's words in chunks, then each other part alone
 * (MiniSearch's tables as their compact typed arrays: src/search/postings.ts).
 */
export type RebuildMessage =
  /** Articles in their saved form: received, each passage's sentences are spans of its text again (see passage.ts). */
  | { readonly kind: 'articles'; readonly articles: readonly SavedArticle[] }
  | { readonly kind: 'terms'; readonly terms: readonly string[] }
  /** One of the index's other parts (or of MiniSearch's compact tables), each on its own: a large one is a message of its own. */
  | { readonly kind: 'part'; readonly of: 'index' | 'mini'; readonly name: string; readonly value: unknown }
  | {
      readonly kind: 'done';
      readonly synonymGroups: SearchIndex['corpus']['synonyms'];
      /** The files' key, when they did not change while being read. */
      readonly key: string | undefined;
      readonly warnings: readonly string[];
    }
  | { readonly kind: 'same'; readonly warnings: readonly string[] }
  | { readonly kind: 'failed'; readonly problems: readonly string[] };

/** MiniSearch's compact tables as the worker sends them: each typed array a message of its own. */
export interface MiniParts extends Omit<CompactTables, 'terms' | 'pool'> {
  readonly terms: readonly string[];
  readonly start: Int32Array;
  readonly size: Int32Array;
  readonly docs: Int32Array;
  readonly tfs: Uint8Array;
  readonly big: readonly [number, number][];
}

/** The compact tables again, from their parts. */
export function tablesFromParts(p: MiniParts): CompactTables {
  return {
    documentCount: p.documentCount,
    averageFieldLength: p.averageFieldLength,
    fieldLengths: p.fieldLengths,
    terms: { terms: p.terms, start: p.start, size: p.size },
    pool: { docs: p.docs, tfs: p.tfs, big: new Map(p.big) },
  };
}

const ARTICLES_PER_MESSAGE = 200;
const TERMS_PER_MESSAGE = 2000;

/**
 * Loads and indexes the corpus (saving it as a start does) and gives the
 * messages that send it, in order, each made when it is asked for (a second
 * copy of a large corpus in its saved form is never held at once). The worker
 * sends one when the main thread asks for it: queued messages would all be
 * received in one go, holding the main thread for as long as the whole index.
 */
export function* rebuild(job: RebuildJob): Generator<RebuildMessage, void> {
  const warnings: string[] = [];
  const before = corpusKey(job.corpusDir);
  if (before !== undefined && before === job.currentKey) {
    yield { kind: 'same', warnings };
    return;
  }
  const opened = openCorpusCached(job.corpusDir, { ...(job.cacheDir && { cacheDir: job.cacheDir }), onWarning: (m) => warnings.push(m) });
  if (!opened.ok) {
    yield { kind: 'failed', problems: opened.error };
    return;
  }
  // A key only when the files were the same before and after: else a later reload must not skip them.
  const key = before !== undefined && corpusKey(job.corpusDir) === before ? before : undefined;
  const { corpus, mini, ...rest } = opened.value.index;
  for (let i = 0; i < corpus.articles.length; i += ARTICLES_PER_MESSAGE)
    yield { kind: 'articles', articles: corpus.articles.slice(i, i + ARTICLES_PER_MESSAGE).map(savedArticle) };
  const { terms: table, pool, ...tables } = compactTablesFrom(mini);
  const { terms } = table;
  for (let i = 0; i < terms.length; i += TERMS_PER_MESSAGE) yield { kind: 'terms', terms: terms.slice(i, i + TERMS_PER_MESSAGE) };
  // The article table (a Set of title words per article) is made again on the main thread, in slices:
  // received whole, a 100,000-entry Map of Sets held answers up as one message.
  const { articles: _table, ...parts } = rest;
  for (const [name, value] of Object.entries(parts)) yield { kind: 'part', of: 'index', name, value };
  const miniParts: Omit<MiniParts, 'terms'> = {
    ...tables,
    start: table.start,
    size: table.size,
    docs: pool.docs,
    tfs: pool.tfs,
    big: [...pool.big],
  };
  for (const [name, value] of Object.entries(miniParts)) yield { kind: 'part', of: 'mini', name, value };
  yield { kind: 'done', synonymGroups: corpus.synonyms, key, warnings };
}
