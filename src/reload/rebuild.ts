import { openCorpusCached } from '../engine.ts';
import { corpusKey } from '../search/persist.ts';

/** What the rebuild worker is asked to do. */
export interface RebuildJob {
  readonly corpusDir: string;
  /** Where the built index is saved for the main thread to load (and for the next start). */
  readonly cacheDir: string;
}

/** The worker's answer: the key the index was saved under, or the loader's problems. */
export type RebuildAnswer = { readonly ok: true; readonly key: string | undefined; readonly warnings: readonly string[] } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Loads and indexes the corpus and saves it to `cacheDir` (what a start does),
 * then says under which key: the hash of the files as they are now. If a file
 * changed while it was read, that key finds nothing saved, and the caller
 * rebuilds again.
 */
export function rebuild(job: RebuildJob): RebuildAnswer {
  const warnings: string[] = [];
  const opened = openCorpusCached(job.corpusDir, { cacheDir: job.cacheDir, onWarning: (m) => warnings.push(m) });
  if (!opened.ok) return { ok: false, problems: opened.error };
  return { ok: true, key: corpusKey(job.corpusDir), warnings };
}
