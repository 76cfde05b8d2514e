import { skippedFiles } from '../corpus/load.ts';
import type { LiveIndex, ReloadOutcome } from './live.ts';
import { watchCorpus, type WatchOptions } from './watch.ts';

/** The one log line a reload outcome gives: what changed, or the loader's first problem (old corpus still serving). */
export function reloadLine(outcome: ReloadOutcome): string {
  if (outcome.ok) return `corpus reloaded: ${outcome.summary}`;
  const more =
    outcome.problems.length > 1 ? ` (and ${outcome.problems.length - 1} more problem${outcome.problems.length > 2 ? 's' : ''})` : '';
  return `corpus not reloaded, still answering from the previous one: ${outcome.problems[0]}${more}`;
}

/**
 * Logs each reload's outcome in one line, then names any file that import
 * could bring in which has appeared since (start-up named those already there).
 * Give it to liveIndex as `onReload`.
 */
export function reloadLogger(corpusDir: string, log: (line: string, level: 'info' | 'warn') => void): (outcome: ReloadOutcome) => void {
  const named = new Set(skippedFiles(corpusDir).map((s) => s.name));
  return (outcome) => {
    log(reloadLine(outcome), outcome.ok ? 'info' : 'warn');
    for (const w of outcome.ok ? outcome.warnings : []) log(`warning: ${w}`, 'warn');
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
  const run = () => void live.reload();
  const watcher = watchCorpus(corpusDir, run, options);
  if (options.sighup !== false) process.on('SIGHUP', run);
  return {
    close: () => {
      watcher.close();
      process.off('SIGHUP', run);
    },
  };
}
