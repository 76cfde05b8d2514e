import { skippedFiles } from '../corpus/load.ts';
import type { CorpusChange } from './diff.ts';
import type { LiveIndex, ReloadOutcome, ReloadReason } from './live.ts';
import { watchCorpus, type WatchOptions } from './watch.ts';

/** The one log line a reload outcome gives: what changed, or the loader's first problem (old corpus still serving). */
export function reloadLine(outcome: ReloadOutcome): string {
  if (outcome.ok) return `corpus reloaded: ${outcome.summary}`;
  const more =
    outcome.problems.length > 1 ? ` (and ${outcome.problems.length - 1} more problem${outcome.problems.length > 2 ? 's' : ''})` : '';
  return `corpus not reloaded, still answering from the previous one: ${outcome.problems[0]}${more}`;
}

const nothingChanged = (c: CorpusChange) => !c.added.length && !c.edited.length && !c.removed.length && !c.synonymsChanged;

/**
 * Logs each reload's outcome in one line, then names any file that import
 * could bring in which has appeared since (start-up named those already there).
 * A reload the folder watch started that found no article changed has no line
 * of its own: the watch also sees the files /article writes, after the
 * command's own reload has taken them in. Give it to liveIndex as `onReload`.
 */
export function reloadLogger(
  corpusDir: string,
  log: (line: string, level: 'info' | 'warn') => void,
): (outcome: ReloadOutcome, reason: ReloadReason) => void {
  const named = new Set(skippedFiles(corpusDir).map((s) => s.name));
  return (outcome, reason) => {
    if (!(reason === 'watch' && outcome.ok && nothingChanged(outcome.change))) {
      log(reloadLine(outcome), outcome.ok ? 'info' : 'warn');
      for (const w of outcome.ok ? outcome.warnings : []) log(`warning: ${w}`, 'warn');
    }
    for (const s of skippedFiles(corpusDir)) {
      if (named.has(s.name)) continue;
      named.add(s.name);
      log(s.notice, 'warn');
    }
  };
}

export interface AutoReloadOptions extends WatchOptions {
  /** Reload on SIGHUP too; default true. */
  readonly sighup?: boolean;
}

/** Reloads `live` when the corpus folder changes (debounced) and on SIGHUP. */
export function autoReload(corpusDir: string, live: LiveIndex, options: AutoReloadOptions = {}): { close(): void } {
  const watcher = watchCorpus(corpusDir, () => void live.reload('watch'), options);
  const onSignal = () => void live.reload('signal');
  if (options.sighup !== false) process.on('SIGHUP', onSignal);
  return {
    close: () => {
      watcher.close();
      process.off('SIGHUP', onSignal);
    },
  };
}
