// `npm run bench [-- --quick] [-- --json] [-- --sizes 2,100]`: citebot's cost at 2 to 10,000 articles
// (`--sizes 100000` for a whole knowledge base; `--help` for the flags).
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchArgsOrExit } from './args.ts';

const { json, quick, reload, tenants, sizes: given } = benchArgsOrExit();
// `-- --reload`: what a corpus reload costs answers (bench/reload.ts).
if (reload) {
  await import('./reload.ts');
  process.exit(0);
}
// `-- --tenants`: one bot, many servers, each with articles of its own (bench/tenants.ts).
if (tenants) {
  await import('./tenants.ts');
  process.exit(0);
}
const sizes = given ?? (quick ? [2, 100, 1_000] : [2, 100, 1_000, 10_000]);
const runs = quick ? 3 : 5;

const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: process.platform,
};

const scales: Record<string, number>[] = [];
for (const n of sizes) {
  if (!json) process.stderr.write(`bench: ${n} articles…\n`);
  // One process per size, so one size's heap does not weigh on the next.
  const out = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', join(import.meta.dirname, 'scale.ts'), String(n), String(runs)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  const line = out.stdout.trim().split('\n').pop();
  if (out.status !== 0 || !line) {
    process.stderr.write(`bench: ${n} articles failed (exit ${out.status}):\n${out.stderr}\n`);
    process.exit(1);
  }
  scales.push(JSON.parse(line) as Record<string, number>);
}

if (json) {
  console.log(JSON.stringify({ machine, scales }));
} else {
  const cols: [string, string][] = [
    ['articles', 'articles'],
    ['passages', 'passages'],
    ['loadMs', 'load ms'],
    ['buildMs', 'build ms'],
    ['startCachedMs', 'start cached ms'],
    ['startRebuildMs', 'start rebuild ms'],
    ['rssMB', 'RSS MB'],
    ['rssServingMB', 'RSS serving MB'],
    ['peakRssMB', 'peak RSS MB'],
    ['askP50Ms', 'ask p50'],
    ['askP99Ms', 'ask p99'],
    ['compareP50Ms', 'compare p50'],
    ['takeawayP50Ms', 'takeaway p50'],
    ['rawP50Ms', 'raw p50'],
    ['rawP99Ms', 'raw p99'],
  ];
  console.log(`machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGB} GB, Node ${machine.node}`);
  console.log(`| ${cols.map(([, h]) => h).join(' | ')} |`);
  console.log(`|${cols.map(() => '---:').join('|')}|`);
  for (const s of scales) console.log(`| ${cols.map(([k]) => String(s[k] ?? '—')).join(' | ')} |`);
  console.log(
    '\nLatencies in ms over the fixed query set; raw = MiniSearch with its defaults over the same sentences, search() alone (not run above 10,000 articles).',
  );
  console.log('RSS after the build; serving: from the saved index, after the questions; peak: the most the process held at any time.');
}
