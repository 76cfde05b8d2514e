// `tsx bench/save-index.ts CORPUS_DIR CACHE_DIR`: builds a corpus's index and saves it, in a process
// of its own, as a bot's first start does (bench/reload.ts then starts from the saved index).
import { openCorpusCached } from '../src/engine.ts';

const [corpusDir, cacheDir] = process.argv.slice(2);
if (!corpusDir || !cacheDir) {
  process.stderr.write('usage: tsx bench/save-index.ts CORPUS_DIR CACHE_DIR\n');
  process.exit(2);
}
const opened = openCorpusCached(corpusDir, { cacheDir });
if (!opened.ok) {
  process.stderr.write(`${opened.error.join('\n')}\n`);
  process.exit(1);
}
