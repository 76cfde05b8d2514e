import { loadCorpus } from './corpus/load.ts';
import type { LoadError } from './corpus/article.ts';
import { err, ok, type Result } from './result.ts';
import { buildIndex, type SearchIndex } from './search/index.ts';
import { loadEnglishFrequencies } from './search/english.ts';
import { dimensions } from './search/vectors.ts';
import { corpusKey, corpusKeyOf, discardIndex, loadIndex, saveIndex } from './search/persist.ts';

export interface EngineOptions {
  /** Hears progress while a large corpus is read and indexed. */
  readonly onProgress?: (stage: 'read' | 'index', done: number, total: number) => void;
  /** Keep the built index here and reuse it while the corpus is unchanged. */
  readonly cacheDir?: string;
  /** Hears problems that were handled (a corrupt cache, a cache that cannot be written). */
  readonly onWarning?: (message: string) => void;
}

export interface Opened {
  readonly index: SearchIndex;
  /** True when the index came from the cache instead of being built. */
  readonly cached: boolean;
}

/** Loads and indexes a corpus folder: what every front end does first. */
export function openCorpus(dir: string, options: EngineOptions = {}): Result<SearchIndex, LoadError[]> {
  const opened = openCorpusCached(dir, options);
  return opened.ok ? ok(opened.value.index) : opened;
}

/**
 * As openCorpus, and says whether the saved index was used. With a cache, an
 * unchanged corpus (the same file bytes, the same index options) is not even
 * parsed: the corpus and its index come back from the cache together.
 */
export function openCorpusCached(dir: string, options: EngineOptions = {}): Result<Opened, LoadError[]> {
  const { cacheDir } = options;
  // The word tables every question needs: read at start, not at the first question.
  loadEnglishFrequencies();
  dimensions();
  if (cacheDir) {
    const key = corpusKey(dir);
    const saved = key === undefined ? undefined : loadIndex(cacheDir, key);
    if (saved?.ok) return ok({ index: keyed(saved.value, key!), cached: true });
    if (saved?.error.reason === 'corrupt') {
      options.onWarning?.(`the saved index in ${cacheDir} is damaged (${saved.error.detail}); rebuilding it`);
      try {
        discardIndex(cacheDir);
      } catch {
        // A read-only cache: the rebuilt index cannot be saved either, which is said below.
      }
    }
  }
  // The key of what is saved is made from the very bytes the loader parses.
  const key = corpusKeyOf(dir);
  const corpus = loadCorpus(dir, (done, total) => options.onProgress?.('read', done, total), key.add);
  if (!corpus.ok) return err(corpus.error);
  const digest = key.digest();
  const index = keyed(buildIndex(corpus.value, { onProgress: (d, t) => options.onProgress?.('index', d, t) }), digest);
  if (cacheDir) {
    try {
      saveIndex(cacheDir, digest, index);
    } catch (e) {
      options.onWarning?.(
        `could not save the index in ${cacheDir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); it will be rebuilt next start`,
      );
    }
  }
  return ok({ index, cached: false });
}

const keys = new WeakMap<SearchIndex, string>();
/**
 * Records the key of the files an index was made from, for an index built
 * elsewhere (a reload's or a server's, in a worker): More's buttons read it.
 */
export function keyed(index: SearchIndex, key: string): SearchIndex {
  keys.set(index, key);
  return index;
}

/**
 * The key of the files an opened index was made from (the saved index's key):
 * it changes whenever the corpus does. Undefined for an index not opened here.
 */
export function corpusKeyOfIndex(index: SearchIndex): string | undefined {
  return keys.get(index);
}
