import { watch, type FSWatcher } from 'node:fs';
import { SYNONYMS_FILE } from '../corpus/synonyms.ts';

export interface WatchOptions {
  /** Quiet time after the last change before reloading; default 300 ms. */
  readonly quietMs?: number;
  /** Longest wait after the first change, however busy the folder; default 2 s. */
  readonly maxWaitMs?: number;
  /** Hears a watch that broke (the folder was removed); the corpus is then no longer watched. */
  readonly onError?: (message: string) => void;
}

/** Files whose change matters: articles, the synonym list, and files import could bring in (start-up names them). */
const WATCHED = /\.(?:md|txt|text|pdf|html?|xhtml|docx)$/i;

/** True for a file name in the corpus folder whose change should reload the corpus. */
export const isWatched = (name: string): boolean => !name.startsWith('.') && (name === SYNONYMS_FILE || WATCHED.test(name));

/**
 * Calls `onChange` once a burst of changes to the corpus folder has settled:
 * after `quietMs` without another, and never later than `maxWaitMs` after the
 * first. Hidden files (an import's file being written aside) are ignored.
 */
export function watchCorpus(dir: string, onChange: () => void, options: WatchOptions = {}): { close(): void } {
  const quietMs = options.quietMs ?? 300;
  const maxWaitMs = options.maxWaitMs ?? 2000;
  let quiet: NodeJS.Timeout | undefined;
  let first = 0;
  const fire = () => {
    clearTimeout(quiet);
    quiet = undefined;
    first = 0;
    onChange();
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, (_event, name) => {
      if (name && !isWatched(String(name))) return;
      const now = performance.now();
      if (!first) first = now;
      clearTimeout(quiet);
      quiet = setTimeout(fire, Math.max(0, Math.min(quietMs, first + maxWaitMs - now)));
    });
    watcher.on('error', (e) => {
      options.onError?.(
        `${dir}: no longer watched (${(e as NodeJS.ErrnoException).code ?? e.message}); send SIGHUP or use /reload after a change`,
      );
      watcher?.close();
    });
  } catch (e) {
    options.onError?.(
      `${dir}: cannot be watched (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); send SIGHUP or use /reload after a change`,
    );
  }
  return {
    close: () => {
      clearTimeout(quiet);
      watcher?.close();
    },
  };
}
