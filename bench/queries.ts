// Where `ask` spends its time at one size, query by query:
// `tsx bench/queries.ts [articles] [runs] [--profile out.cpuprofile] [--answers out.json]`.
// Prints the slowest queries of the bench's set (median and worst of `runs`), then p50 and p99 over all of them,
// and how many the corpus answers; `--answers` writes each query's cited passages, to compare two versions' answers.
// The generated corpus and its saved index are kept in the temp directory, so a second run starts in seconds;
// `--profile` writes a CPU profile (Chrome DevTools format) of the timed queries alone, without the start-up.
import { existsSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ask } from '../src/answers/index.ts';
import { openCorpusCached } from '../src/engine.ts';
import { benchQueries, generateCorpus } from './generate.ts';

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const [articles = 10_000, runs = 5] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')).map(Number);
const profile = flag('--profile');
const answersOut = flag('--answers');

const dir = join(tmpdir(), 'citebot-bench-queries', `corpus-${articles}`);
if (!existsSync(dir)) generateCorpus({ articles, dir, seed: 1 });
const started = performance.now();
const opened = openCorpusCached(dir, { cacheDir: join(tmpdir(), 'citebot-bench-queries', `cache-${articles}`) });
if (!opened.ok) throw new Error(opened.error.join('\n'));
const { index, cached } = opened.value;
console.error(`${articles} articles: opened in ${Math.round(performance.now() - started)} ms (${cached ? 'saved index' : 'built'})`);

const queries = benchQueries(1);
const answers = queries.map((q) => {
  const answer = ask(index, q); // also the warm-up
  if (!answer.ok) throw new Error(`ask refused a bench query: ${answer.error.identifier}`);
  return answer.value;
});
const answered = answers.filter((a) => a.results.length > 0).length;
const tooCommon = answers.filter((a) => a.tooCommon.length > 0).length;
console.log(`answered ${answered} of ${queries.length} queries (${tooCommon} told their words are too common)`);
if (answersOut)
  writeFileSync(
    answersOut,
    JSON.stringify(
      answers.map((a) => ({ query: a.query, total: a.total, tooCommon: a.tooCommon, cited: a.results.map((r) => r.citation) })),
    ),
  );
const session = profile ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
}
const times = new Map<string, number[]>(queries.map((q) => [q, []]));
for (let r = 0; r < runs; r++)
  for (const q of queries) {
    const t = performance.now();
    ask(index, q);
    times.get(q)!.push(performance.now() - t);
  }
if (session) writeFileSync(profile!, JSON.stringify((await session.post('Profiler.stop')).profile));

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const quantile = (xs: number[], q: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const rows = [...times]
  .map(([query, xs]) => ({ query, median: quantile(xs, 0.5), worst: Math.max(...xs) }))
  .sort((a, b) => b.median - a.median);
console.log('median ms  worst ms  query');
for (const r of rows.slice(0, 15)) console.log(`${r.median.toFixed(1).padStart(9)} ${r.worst.toFixed(1).padStart(9)}  ${r.query}`);
const all = [...times.values()].flat();
console.log(`ask over ${all.length} queries: p50 ${quantile(all, 0.5).toFixed(2)} ms, p99 ${quantile(all, 0.99).toFixed(2)} ms`);
