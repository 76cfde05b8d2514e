import { openCorpusCached } from '../engine.ts';
import { buildIndex } from '../search/index.ts';
import { combineCorpus, ownKey, type OwnArticle } from '../tenancy/combine.ts';
import type { Article } from '../corpus/types.ts';
import type { SearchIndex } from '../search/index.ts';
import { corpusKey } from '../search/persist.ts';

/** What the rebuild worker is asked to do. */
export interface RebuildJob {
  readonly corpusDir: string;
  /** Where the built index is also saved, so the next start reuses it; none: not saved. */
  readonly cacheDir: string | undefined;
  /** The key of the files the serving index was read from: the same files again are not sent back. */
  readonly currentKey: string | undefined;
  /** A server's own articles: the index built is the base's articles and these (see combineCorpus). */
  readonly own?: readonly OwnArticle[] | undefined;
  /**
   * The key of the base the main thread holds. When the worker reads the same
   * base, it sends only the server's own articles: the main thread puts its
   * own base articles in front of them (parsed once, shared by every server).
   */
  readonly sharedBaseKey?: string | undefined;
}

type MiniJson = ReturnType<SearchIndex['mini']['toJSON']>;

/**
 * The worker's messages, in order. The new index comes in pieces small
 * enough that receiving any one of them never holds the main thread for long:
 * articles and MiniSearch's terms in chunks, then each other part alone.
 */
export type RebuildMessage =
  | { readonly kind: 'articles'; readonly articles: readonly Article[] }
  | { readonly kind: 'terms'; readonly terms: MiniJson['index'] }
  /** One of the index's other parts (or of MiniSearch's tables), each on its own: a large one is a message of its own. */
  | { readonly kind: 'part'; readonly of: 'index' | 'mini'; readonly name: string; readonly value: unknown }
  | {
      readonly kind: 'done';
      readonly synonymGroups: SearchIndex['corpus']['synonyms'];
      /** The files' key, when they did not change while being read. */
      readonly key: string | undefined;
      readonly warnings: readonly string[];
      /** How many of the corpus's first articles were not sent: the base's, which the main thread has (see sharedBaseKey). */
      readonly sharedArticles: number;
    }
  | { readonly kind: 'same'; readonly warnings: readonly string[] }
  | { readonly kind: 'failed'; readonly problems: readonly string[] };

const ARTICLES_PER_MESSAGE = 200;
const TERMS_PER_MESSAGE = 2000;

/**
 * Loads and indexes the corpus (saving it as a start does) and gives the
 * messages that send it, in order. The worker sends one when the main thread
 * asks for it: queued messages would all be received in one go, holding the
 * main thread for as long as the whole index.
 */
export function rebuild(job: RebuildJob): RebuildMessage[] {
  const warnings: string[] = [];
  const before = corpusKey(job.corpusDir);
  if (before !== undefined && before === job.currentKey) return [{ kind: 'same', warnings }];
  const opened = openCorpusCached(job.corpusDir, { ...(job.cacheDir && { cacheDir: job.cacheDir }), onWarning: (m) => warnings.push(m) });
  if (!opened.ok) return [{ kind: 'failed', problems: opened.error }];
  // A key only when the files were the same before and after: else a later reload must not skip them.
  const baseKey = before !== undefined && corpusKey(job.corpusDir) === before ? before : undefined;
  let index = opened.value.index;
  let key = baseKey;
  const shared = job.own && baseKey !== undefined && baseKey === job.sharedBaseKey ? index.corpus.articles.length : 0;
  if (job.own) {
    const combined = combineCorpus(index.corpus, job.own);
    for (const id of combined.skipped) warnings.push(`the server's article "${id}" does not load or has a base article's id; left out`);
    index = buildIndex(combined.corpus);
    key = baseKey === undefined ? undefined : ownKey(baseKey, job.own);
  }
  const { corpus, mini, ...rest } = index;
  const messages: RebuildMessage[] = [];
  for (let i = shared; i < corpus.articles.length; i += ARTICLES_PER_MESSAGE)
    messages.push({ kind: 'articles', articles: corpus.articles.slice(i, i + ARTICLES_PER_MESSAGE) });
  const { index: terms, ...miniRest } = mini.toJSON();
  for (let i = 0; i < terms.length; i += TERMS_PER_MESSAGE) messages.push({ kind: 'terms', terms: terms.slice(i, i + TERMS_PER_MESSAGE) });
  for (const [name, value] of Object.entries(rest)) messages.push({ kind: 'part', of: 'index', name, value });
  for (const [name, value] of Object.entries(miniRest)) messages.push({ kind: 'part', of: 'mini', name, value });
  messages.push({ kind: 'done', synonymGroups: corpus.synonyms, key, warnings, sharedArticles: shared });
  return messages;
}
