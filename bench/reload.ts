// `npm run bench -- --reload [--sizes 1000,10000]`: the longest delay a corpus reload adds to an interaction.
// For each size: a generated corpus, a live index started from its saved index, `ask` every 10 ms as interactions would, and one
// article added and reloaded. Measured: the event loop's longest stall while the reload runs (what an
// interaction arriving at the worst moment waits), the slowest `ask` in that window against the quiet
// p99, and, for comparison, the stall of a rebuild on the main thread (what the worker spares).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ask } from '../src/answers/index.ts';
import { prepareIndex } from '../src/answers/prepare.ts';
import { openCorpusCached } from '../src/engine.ts';
import { liveIndex } from '../src/reload/live.ts';
import { benchArgsOrExit } from './args.ts';
import { benchQueries } from './generate.ts';

const { sizes: given, json } = benchArgsOrExit();
const sizes = given ?? [1_000, 10_000];
const round = (x: number) => Math.round(x * 10) / 10;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

async function measure(articles: number) {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-bench-reload-'));
  const corpusDir = join(dir, 'corpus');
  const cacheDir = join(dir, '.cache');
  try {
    // Generated, built and saved by a process of its own; this one starts from the saved index and makes its tables,
    // as a bot restarted after its first start does, with nothing else in its heap. (Built in this process, the
    // build's garbage was still being collected in the quiet window and during the reload: at 100,000 articles a
    // quiet p99 of 1.3 s; generated in it, 188 ms in one run, where a script that only loaded had 67 ms.)
    const saved = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'save-index.ts'), corpusDir, cacheDir, String(articles)],
      { stdio: 'inherit' },
    );
    if (saved.status !== 0) throw new Error(`building the index failed (exit ${saved.status})`);
    const opened = openCorpusCached(corpusDir, { cacheDir });
    if (!opened.ok) throw new Error(opened.error.join('\n'));
    if (!opened.value.cached) throw new Error('the saved index was not used');
    await prepareIndex(opened.value.index);
    const live = liveIndex(corpusDir, opened.value.index, { cacheDir });
    const queries = benchQueries();

    // Interactions: one `ask` every 10 ms; each records how long after its due time it finished.
    const run = (ms: number) =>
      new Promise<number[]>((resolve) => {
        const latencies: number[] = [];
        let i = 0;
        let due = performance.now();
        const tick = () => {
          const q = queries[i++ % queries.length]!;
          ask(live.current(), q);
          const now = performance.now();
          latencies.push(now - due);
          // The next one is due 10 ms on, or now if this one was late: a stall is counted once, not carried on.
          due = Math.max(due + 10, now);
          if (stop) return resolve(latencies);
          setTimeout(tick, Math.max(0, due - performance.now()));
        };
        let stop = false;
        if (ms > 0) setTimeout(() => (stop = true), ms);
        tick();
        controls.stop = () => (stop = true);
      });
    const controls = { stop: () => {} };

    const quiet = await run(3000);
    writeFileSync(
      join(corpusDir, 'zz-added.md'),
      '---\ntitle: Added during the run\n---\n\n## Findings\n\nA new article arrived while questions were being answered.\n',
    );
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const during = run(0);
    const t = performance.now();
    const outcome = await live.reload();
    const reloadMs = performance.now() - t;
    controls.stop();
    const busy = await during;
    loop.disable();
    if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
    await live.close();

    // The alternative: the same rebuild on the main thread stalls everything for its whole length.
    // Not above 10,000 articles, where it is a third build of many minutes: it scales with the build.
    let inlineMs = NaN;
    if (articles <= 10_000) {
      const t2 = performance.now();
      const inline = openCorpusCached(corpusDir, {});
      inlineMs = performance.now() - t2;
      if (!inline.ok) throw new Error('inline rebuild failed');
    }
    return {
      articles,
      passages: outcome.change.passagesAfter,
      reloadMs: round(reloadMs),
      maxStallMs: round(loop.max / 1e6),
      askQuietP99Ms: round(quantile(quiet, 0.99)),
      askMaxDuringMs: round(Math.max(...busy)),
      mainThreadRebuildMs: round(inlineMs),
      /** The most the process held (both indexes, the worker's included), in MB. */
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
for (const n of sizes) {
  if (!json) process.stderr.write(`bench reload: ${n} articles…\n`);
  rows.push(await measure(n));
}
if (json) console.log(JSON.stringify(rows));
else {
  console.log(
    '| articles | passages | reload ms | longest stall ms | ask p99 quiet ms | slowest ask during reload ms | rebuild on main thread ms | peak RSS MB |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(
      `| ${r.articles} | ${r.passages} | ${r.reloadMs} | ${r.maxStallMs} | ${r.askQuietP99Ms} | ${r.askMaxDuringMs} | ${Number.isNaN(r.mainThreadRebuildMs) ? '—' : r.mainThreadRebuildMs} | ${r.peakRssMB} |`,
    );
}
