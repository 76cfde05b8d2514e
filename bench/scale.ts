// One benchmark size in its own process: `tsx bench/scale.ts <articles> [runs]`. Prints one JSON line.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { ask, compare, takeaway } from '../src/answers/index.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import type { Corpus } from '../src/corpus/types.ts';
import { openCorpusCached } from '../src/engine.ts';
import { buildIndex, type SearchIndex } from '../src/search/index.ts';
import { corpusKey, saveIndex } from '../src/search/persist.ts';
import { benchQueries, generateCorpus } from './generate.ts';
import { sentenceCount, sentencesOf } from '../src/corpus/passage.ts';

const articles = Number(process.argv[2] ?? 2);
const runs = Number(process.argv[3] ?? 5);
const realCorpus = join(import.meta.dirname, '..', 'corpus');

const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
};
const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}
const round = (x: number) => Math.round(x * 100) / 100;

const dir = mkdtempSync(join(tmpdir(), 'citebot-bench-'));
const cache = join(dir, '.cache');
const corpusDir = join(dir, 'corpus');
try {
  if (articles <= 2) cpSync(realCorpus, corpusDir, { recursive: true });
  else generateCorpus({ articles, dir: corpusDir, seed: 1 });

  // Load and build, several runs (fewer at the largest sizes: each takes seconds).
  const buildRuns = articles >= 10_000 ? 1 : articles >= 1_000 ? 3 : runs;
  const loads: number[] = [];
  const builds: number[] = [];
  let corpus: Corpus | undefined;
  for (let r = 0; r < buildRuns; r++) {
    const [c, loadMs] = time(() => loadCorpus(corpusDir));
    if (!c.ok) throw new Error(c.error.join('\n'));
    corpus = c.value;
    loads.push(loadMs);
  }
  let index: SearchIndex | undefined;
  for (let r = 0; r < buildRuns; r++) {
    global.gc?.();
    const [ix, buildMs] = time(() => buildIndex(corpus!));
    index = ix;
    builds.push(buildMs);
  }
  global.gc?.();
  const mem = process.memoryUsage();

  // Start-up from a saved index vs a rebuild: the whole openCorpus path both ways.
  // A fresh process has no index in its heap: let the built one go before timing the cached start,
  // then answer queries from what the cache gave back.
  saveIndex(cache, corpusKey(corpusDir)!, index!);
  index = undefined;
  // A bot holds one corpus, the index's: the one loaded for the build goes too (only its counts are kept).
  const counts = { articles: corpus!.articles.length, passages: corpus!.passages.length };
  corpus = undefined;
  const cached: number[] = [];
  for (let r = 0; r < buildRuns; r++) {
    index = undefined;
    global.gc?.();
    const [o, ms] = time(() => openCorpusCached(corpusDir, { cacheDir: cache }));
    if (!o.ok || !o.value.cached) throw new Error('the saved index was not used');
    index = o.value.index;
    cached.push(ms);
  }

  const queries = benchQueries(1);
  const lat = (f: (q: string) => unknown) => {
    const xs: number[] = [];
    for (const q of queries) f(q); // warm up
    for (let r = 0; r < runs; r++) for (const q of queries) xs.push(time(() => f(q))[1]);
    return xs;
  };
  const askMs = lat((q) => ask(index!, q));
  const compareMs = lat((q) => compare(index!, q));
  const takeawayMs = lat((q) => takeaway(index!, { topic: q }));
  const answered = queries.filter((q) => {
    const a = ask(index!, q);
    return a.ok && a.value.results.length > 0;
  }).length;

  // What a bot started from the saved index holds, after its first questions.
  global.gc?.();
  const rssServingMB = round(process.memoryUsage().rss / 2 ** 20);

  // The floor: MiniSearch with its defaults over the same sentences, search() alone. Not above
  // 10,000 articles: its Maps of every word, stop words included, would not fit beside the rest.
  const sentenceTotal = index!.corpus.passages.reduce((n, p) => n + sentenceCount(p), 0);
  let rawMs: number[] = [];
  let rawBuildMs = NaN;
  if (articles <= 10_000) {
    const sentences = index!.corpus.passages.flatMap(sentencesOf);
    index = undefined;
    global.gc?.();
    const raw = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    [, rawBuildMs] = time(() => raw.addAll(sentences.map((text, id) => ({ id, text }))));
    rawMs = lat((q) => raw.search(q));
  }

  console.log(
    JSON.stringify({
      articles: counts.articles,
      passages: counts.passages,
      sentences: sentenceTotal,
      loadMs: round(median(loads)),
      buildMs: round(median(builds)),
      startCachedMs: round(median(cached)),
      startRebuildMs: round(median(loads) + median(builds)),
      rssMB: round(mem.rss / 2 ** 20),
      heapMB: round(mem.heapUsed / 2 ** 20),
      rssServingMB,
      peakRssMB: round(process.resourceUsage().maxRSS / 1024),
      askP50Ms: round(median(askMs)),
      askP99Ms: round(quantile(askMs, 0.99)),
      compareP50Ms: round(median(compareMs)),
      takeawayP50Ms: round(median(takeawayMs)),
      rawP50Ms: round(median(rawMs)),
      rawP99Ms: round(quantile(rawMs, 0.99)),
      rawBuildMs: round(rawBuildMs),
      queries: queries.length,
      answered,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
