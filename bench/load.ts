// `npm run load [-- --quick] [-- --json]`: how many interactions a second one bot process answers.
// Not a test: it starts the bot as `npm start` does, logged in to the Discord stand-in, sends a burst
// and then steady rates of mixed commands, and reports what was answered and how fast.
//
//   --quick              burst of 200, then 100/s and 200/s for 2 s each (a smoke check)
//   --json               one JSON document on stdout instead of tables
//   --log-level warn     the bot logs no line per interaction (default info, as npm start)
//   --no-ack-deadline    the stand-in accepts a first answer however late (default: Discord's 3 s)
//   --keep-alive-ms N    how long the stand-in keeps an idle REST connection (default 60000, as Discord
//                        keeps them; at 1000, the stand-in's own default, each REST call opens one)
//   --rates 300,500      other rates (per second) to sustain; --seconds N for how long each runs
//   --burst N            another burst size
//   --cpu-prof DIR       the bot writes a V8 CPU profile to DIR when it exits (see load/cpu-profile.mjs)
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startStandIn } from '../test/support/discord-standin.ts';
import { startBot } from './load/bot.ts';
import { runBurst, runRate, type PhaseContext, type PhaseTiming } from './load/phases.ts';
import { highestRateUnderGoal, renderTables, type BotLogSummary, type LoadReport } from './load/report.ts';
import { createTracker, percentile } from './load/tracker.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string): string | undefined => (flag(name) ? args[args.indexOf(name) + 1] : undefined);
const json = flag('--json');
const quick = flag('--quick');
const logLevel = value('--log-level') === 'warn' ? 'warn' : 'info';
const ackDeadlineMs = flag('--no-ack-deadline') ? null : 3000;
const burstSize = Number(value('--burst') ?? (quick ? 200 : 2000));
const rates = (value('--rates') ?? (quick ? '100,200' : '100,200,400,800')).split(',').map(Number);
const seconds = Number(value('--seconds') ?? (quick ? 2 : 10));
const cpuProfileDir = value('--cpu-prof');
const keepAliveTimeoutMs = Number(value('--keep-alive-ms') ?? 60_000);
// Long enough for a backlog of several seconds to drain; what is still unanswered then has failed.
const settleMs = quick ? 10_000 : 30_000;
const positive = (n: number) => Number.isFinite(n) && n > 0;
if (!positive(burstSize) || !positive(seconds) || !positive(keepAliveTimeoutMs) || !rates.every(positive)) {
  process.stderr.write('load: --burst, --seconds, --keep-alive-ms and every rate in --rates must be numbers above 0\n');
  process.exit(2);
}

const say = (line: string) => {
  if (!json) process.stderr.write(`load: ${line}\n`);
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const tracker = createTracker();
const standIn = await startStandIn({ onRequest: tracker.onRequest, ackDeadlineMs: ackDeadlineMs ?? Infinity, keepAliveTimeoutMs });
const spawnedAt = Date.now();
const bot = startBot({ apiUrl: standIn.apiUrl, logLevel, cpuProfileDir });
let exitCode = 0;
try {
  await standIn.waitForReadyShards(1, 60_000);
  // At warn the bot does not log "ready": then an answered /help says it is there.
  if (logLevel === 'info') await bot.waitForStdout('"event":"ready"', 60_000);
  else await standIn.waitForCallback(standIn.slashCommand('help').id, 60_000);
  const startupMs = Date.now() - spawnedAt;
  say(`bot ready in ${startupMs} ms`);
  const ctx: PhaseContext = { standIn, tracker, botCpuMs: bot.cpuMs, settleMs };

  // The first interactions JIT-compile the handlers and open the REST connections: not measured.
  const warmup = await runRate(ctx, 'warmup', 100, quick ? 0.5 : 1);
  await pause(500);
  say(`burst of ${burstSize}…`);
  const burst = await runBurst(ctx, 'burst', burstSize);
  const rated: { rate: number; timing: PhaseTiming }[] = [];
  for (const rate of rates) {
    await pause(1000);
    say(`${rate}/s for ${seconds} s…`);
    rated.push({ rate, timing: await runRate(ctx, `rate ${rate}`, rate, seconds) });
  }
  // A second answer (say, a deferral that fires after the reply) may still come: the bot defers at 2 s.
  await pause(2500);

  const exit = await bot.stop();
  if (exit.code !== 0) {
    process.stderr.write(
      `load: the bot exited with ${exit.code ?? exit.signal} (expected 0 after SIGTERM):\n${readFileSync(bot.stderrPath, 'utf8')}\n`,
    );
    exitCode = 1;
  }
  const run = (t: PhaseTiming) => ({ result: tracker.result(t.phase, t.startedAt), cost: t.cost });
  const rateRuns = rated.map(({ rate, timing }) => ({ rate, seconds, ...run(timing) }));
  const report: LoadReport = {
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
    settings: { logLevel, ackDeadlineMs, keepAliveTimeoutMs, quick, startupMs },
    warmup: run(warmup),
    burst: run(burst),
    rates: rateRuns,
    highestRateUnderGoal: highestRateUnderGoal(rateRuns),
    bot: summarizeLog(readFileSync(bot.stdoutPath, 'utf8')),
  };
  console.log(json ? JSON.stringify(report) : renderTables(report));
  if (cpuProfileDir) say(`CPU profiles of the bot are in ${cpuProfileDir}`);
} catch (error) {
  process.stderr.write(`load: ${error instanceof Error ? error.message : String(error)}\n`);
  exitCode = 1;
} finally {
  await bot.stop();
  bot.cleanUp();
  await standIn.close();
}
process.exit(exitCode);

/** Counts the bot's log lines, its warnings and errors by event, and the handler times it logged. */
function summarizeLog(text: string): BotLogSummary {
  const problems: Record<string, number> = {};
  const handlerMs: number[] = [];
  let lines = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    lines++;
    const entry = JSON.parse(line) as { level?: string; event?: string; ms?: unknown };
    if (entry.level === 'warn' || entry.level === 'error') problems[entry.event ?? '?'] = (problems[entry.event ?? '?'] ?? 0) + 1;
    if (entry.event === 'interaction' && typeof entry.ms === 'number') handlerMs.push(entry.ms);
  }
  handlerMs.sort((a, b) => a - b);
  return { lines, problems, handlerP50Ms: percentile(handlerMs, 0.5), handlerP99Ms: percentile(handlerMs, 0.99) };
}
