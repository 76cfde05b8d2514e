// `tsx bench/save-index.ts CORPUS_DIR CACHE_DIR [ARTICLES]`: generates a corpus of ARTICLES (when given), then builds
// its index and saves it, in a process of its own, as a bot's first start does (bench/reload.ts then starts from
// the saved index, in a process that has done nothing else, as a restarted bot).
import { openCorpusCached } from '../src/engine.ts';
import { generateCorpus } from './generate.ts';

const [corpusDir, cacheDir, articles] = process.argv.slice(2);
if (!corpusDir || !cacheDir || (articles !== undefined && !/^\d+$/.test(articles))) {
  process.stderr.write('usage: tsx bench/save-index.ts CORPUS_DIR CACHE_DIR [ARTICLES]\n');
  process.exit(2);
}
if (articles !== undefined) generateCorpus({ articles: Number(articles), dir: corpusDir, seed: 1 });
const opened = openCorpusCached(corpusDir, { cacheDir });
if (!opened.ok) {
  process.stderr.write(`${opened.error.join('\n')}\n`);
  process.exit(1);
}
