import { loadConfig, type Config } from './config.ts';
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
export async function openForFrontEnd(config: Config = configOrExit()): Promise<SearchIndex | undefined> {
  const progress = process.stderr.isTTY
    ? (stage: string, done: number, total: number) => process.stderr.write(`\r${stage === 'read' ? 'reading' : 'indexing'} ${done}/${total} ${stage === 'read' ? 'articles' : 'passages'}…\x1b[K`)
    : undefined;
  const index = openCorpus(config.corpusDir, {
    onProgress: progress,
    cacheDir: config.cacheDir,
    onWarning: (m) => console.error(`citebot: warning: ${m}`),
  });
  if (progress) process.stderr.write('\r\x1b[K');
  if (!index.ok) {
    console.error(`citebot: the corpus cannot be loaded:\n${index.error.map((e) => `  ${e}`).join('\n')}`);
    return undefined;
  }
  return index.value;
}
