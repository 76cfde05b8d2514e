// `npm run bench -- --tenants [--base 1000] [--servers 1000] [--own 20] [--budget 8] [--asks 400]`: one bot, many servers.
// A generated base corpus, and servers with generated articles of their own in a SQLite store; questions
// spread over the servers as a bot would get them. Measured: the first answer in a cold server (its articles
// analysed in a worker and laid over the base, as the bot does), ask in a warm server against ask on the base alone (the single
// corpus), the RSS with every server asked under the budget, and what one warm server adds to the heap.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ask } from '../src/answers/index.ts';
import { openCorpusCached } from '../src/engine.ts';
import type { LiveIndex } from '../src/reload/live.ts';
import { openStore } from '../src/store/index.ts';
import { serverCorpora } from '../src/tenancy/corpora.ts';
import { articleRng, benchQueries, generateArticle, generateCorpus, rng } from './generate.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const BASE = arg('base', 1_000);
const SERVERS = arg('servers', 1_000);
const OWN = arg('own', 20);
const BUDGET = arg('budget', 8);
const ASKS = arg('asks', 400);
const json = args.includes('--json');

const round = (x: number) => Math.round(x * 10) / 10;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const say = (line: string) => json || process.stderr.write(`bench tenants: ${line}\n`);

const dir = mkdtempSync(join(tmpdir(), 'citebot-bench-tenants-'));
try {
  const corpusDir = join(dir, 'corpus');
  const cacheDir = join(dir, '.cache');
  say(`generating a ${BASE}-article base and ${SERVERS} servers × ${OWN} articles…`);
  generateCorpus({ articles: BASE, dir: corpusDir, seed: 1 });
  const opened = openCorpusCached(corpusDir, { cacheDir });
  if (!opened.ok) throw new Error(opened.error.join('\n'));
  const base = opened.value.index;
  const store = await openStore({ dataDir: join(dir, 'data'), storeQuestions: false });
  const guilds = Array.from({ length: SERVERS }, (_, s) => String(100_000_000_000_000_000n + BigInt(s)));
  for (const [s, guildId] of guilds.entries()) {
    for (let k = 0; k < OWN; k++) {
      // Own articles from the same generator, numbered past the base's (1 to BASE): other ids, the same vocabulary.
      const n = BASE + 1 + s * OWN + k;
      const a = generateArticle(articleRng(1, n), n);
      const put = await store.putGuildArticle(
        { guildId, id: a.id, markdown: new TextEncoder().encode(a.markdown), source: `${a.id}.md`, addedBy: 'bench', addedAt: new Date() },
        false,
      );
      if (!put.ok) throw new Error(`store: ${put.error.reason}`);
    }
  }
  const live: LiveIndex = {
    current: () => base,
    wasRemoved: () => false,
    reload: () => Promise.resolve({ ok: false, problems: ['no reloads in the bench'] }),
    close: () => Promise.resolve(),
  };
  const queries = benchQueries();
  const r = rng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;

  // The single corpus: ask on the base alone, as a bot in one server answers.
  for (const q of queries) ask(base, q);
  const single: number[] = [];
  for (let i = 0; i < ASKS; i++) {
    const q = pick(queries);
    const t = performance.now();
    ask(base, q);
    single.push(performance.now() - t);
  }
  gc();
  const heapBase = process.memoryUsage().heapUsed;
  const rssBase = process.memoryUsage().rss;

  const corpora = await serverCorpora({
    base: live,
    store,
    budget: BUDGET,
    warn: (e, f) => say(`${e} ${JSON.stringify(f)}`),
  });
  // Every server asked once, cold (its index built on first use, one server after another as questions arrive).
  const cold: number[] = [];
  let rssMax = 0;
  for (const [s, guildId] of guilds.entries()) {
    const t = performance.now();
    const server = await corpora.forGuild(guildId);
    ask(server.index, pick(queries));
    cold.push(performance.now() - t);
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
    if (s % 10 === 9) say(`${s + 1} servers asked; cold p50 ${round(quantile(cold, 0.5))} ms; RSS ${mb(rssMax)} MB`);
  }
  // Warm: questions to the servers whose indexes are held (the last BUDGET asked).
  const held = guilds.slice(-Math.min(BUDGET, SERVERS));
  const warm: number[] = [];
  for (const g of held) for (const q of queries) ask((await corpora.forGuild(g)).index, q);
  for (let i = 0; i < ASKS; i++) {
    const server = await corpora.forGuild(pick(held));
    const q = pick(queries);
    const t = performance.now();
    ask(server.index, q);
    warm.push(performance.now() - t);
  }
  gc();
  const heapHeld = process.memoryUsage().heapUsed;
  const result = {
    base: BASE,
    servers: SERVERS,
    own: OWN,
    budget: BUDGET,
    held: corpora.loaded(),
    baseRssMB: mb(rssBase),
    rssMaxMB: mb(rssMax),
    coldP50Ms: round(quantile(cold, 0.5)),
    coldP99Ms: round(quantile(cold, 0.99)),
    warmAskP99Ms: round(quantile(warm, 0.99)),
    singleAskP99Ms: round(quantile(single, 0.99)),
    warmAskP50Ms: round(quantile(warm, 0.5)),
    singleAskP50Ms: round(quantile(single, 0.5)),
    perWarmServerMB: round(mb(heapHeld - heapBase) / Math.max(1, corpora.loaded())),
  };
  await corpora.close();
  await store.close();
  if (json) console.log(JSON.stringify(result));
  else {
    const cols = Object.keys(result) as (keyof typeof result)[];
    console.log(`| ${cols.join(' | ')} |\n|${cols.map(() => '---:').join('|')}|\n| ${cols.map((k) => String(result[k])).join(' | ')} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
