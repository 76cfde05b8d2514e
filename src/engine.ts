import { loadCorpus } from './corpus/load.ts';
import type { LoadError } from './corpus/article.ts';
import { err, ok, type Result } from './result.ts';
import { buildIndex, type SearchIndex } from './search/index.ts';

export interface EngineOptions {
  /** Hears progress while a large corpus is read and indexed. */
  readonly onProgress?: (stage: 'read' | 'index', done: number, total: number) => void;
}

/** Loads and indexes a corpus folder: what every front end does first. */
export function openCorpus(dir: string, options: EngineOptions = {}): Result<SearchIndex, LoadError[]> {
  const corpus = loadCorpus(dir, (done, total) => options.onProgress?.('read', done, total));
  if (!corpus.ok) return err(corpus.error);
  return ok(buildIndex(corpus.value, (done, total) => options.onProgress?.('index', done, total)));
}
