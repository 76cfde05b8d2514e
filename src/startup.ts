import { loadConfig, type Config } from './config.ts';
import { skippedFiles } from './corpus/load.ts';
import { openCorpus } from './engine.ts';
import type { SearchIndex } from './search/index.ts';

/** Config problems exit with 2 (a usage error), corpus problems with 1. */
export function configOrExit(): Config {
  const config = loadConfig();
  if (!config.ok) {
    console.error(`citebot: configuration problem${config.error.length > 1 ? 's' : ''}:\n${config.error.map((e) => `  ${e}`).join('\n')}`);
    process.exit(2);
  }
  return config.value;
}

/**
 * Loads and indexes the configured corpus, printing progress for a large one
 * and every problem, one line each. Undefined when the corpus cannot be used.
 */
export function openForFrontEnd(config: Config = configOrExit()): SearchIndex | undefined {
  const progress = progressLine(process.stderr);
  const index = openCorpus(config.corpusDir, {
    onProgress: progress.update,
    cacheDir: config.cacheDir,
    onWarning: (m) => console.error(`citebot: warning: ${m}`),
  });
  progress.done();
  for (const { notice } of skippedFiles(config.corpusDir)) console.error(`citebot: ${notice}`);
  if (!index.ok) {
    console.error(`citebot: the corpus cannot be loaded:\n${index.error.map((e) => `  ${e}`).join('\n')}`);
    return undefined;
  }
  return index.value;
}

/**
 * Progress while a large corpus is read and indexed. On a terminal, one line
 * rewritten in place; in a log (systemd, docker), a plain line every few
 * seconds, so a small corpus prints nothing and a large one shows it is alive.
 */
export function progressLine(out: Pick<NodeJS.WriteStream, 'isTTY' | 'write'>, everyMs = 2000) {
  const say = (stage: 'read' | 'index', done: number, total: number) =>
    `${stage === 'read' ? 'reading' : 'indexing'} ${done}/${total} ${stage === 'read' ? 'articles' : 'passages'}…`;
  if (out.isTTY) {
    return {
      update: (stage: 'read' | 'index', done: number, total: number) => void out.write(`\r${say(stage, done, total)}\x1b[K`),
      done: () => void out.write('\r\x1b[K'),
    };
  }
  let last = performance.now();
  return {
    update: (stage: 'read' | 'index', done: number, total: number) => {
      const now = performance.now();
      if (now - last < everyMs) return;
      last = now;
      out.write(`citebot: ${say(stage, done, total)}\n`);
    },
    done: () => {},
  };
}
