import type { Config } from '../config.ts';
import type { SearchIndex } from '../search/index.ts';
import type { CorpusAdmin } from './admin.ts';
import { autoReload, reloadLogger } from './auto.ts';
import { liveIndex, type LiveIndex } from './live.ts';

/** A front end's live corpus: reloaded on changes to its folder and on SIGHUP, and by /reload. */
export interface LiveCorpus {
  readonly live: LiveIndex;
  /** What the corpus commands act on: hand it to them in their context. */
  readonly admin: CorpusAdmin;
  close(): Promise<void>;
}

/**
 * Starts keeping `index` current for a bot or console: watches the corpus
 * folder, reloads on SIGHUP, logs each reload in one line, and lets the corpus
 * commands act on it.
 */
export function startLiveCorpus(
  config: Config,
  index: SearchIndex,
  log: (line: string, level: 'info' | 'warn') => void,
  /** Hears that a reload ran, whatever it found (the bot reads servers' articles and scopes again then). */
  reloaded: () => void = () => {},
): LiveCorpus {
  const logged = reloadLogger(config.corpusDir, log);
  const live = liveIndex(config.corpusDir, index, {
    cacheDir: config.cacheDir,
    onReload: (outcome, reason) => {
      logged(outcome, reason);
      reloaded();
    },
  });
  const watching = autoReload(config.corpusDir, live, { onError: (m) => log(m, 'warn') });
  const admin: CorpusAdmin = { corpusDir: config.corpusDir, live };
  return {
    live,
    admin,
    close: async () => {
      watching.close();
      await live.close();
    },
  };
}
