// The load run's results: one JSON document (--json) or tables for a person.
import type { PhaseRun } from './phases.ts';

/** The latency the issue asks for at a sustained rate. */
export const P99_GOAL_MS = 250;

export interface RateRun extends PhaseRun {
  readonly rate: number;
  readonly seconds: number;
}

/** What the bot itself logged, read from its stdout after the run. */
export interface BotLogSummary {
  readonly lines: number;
  /** Log lines by event, warn and error only (e.g. "interaction gone", "could not defer"). */
  readonly problems: Record<string, number>;
  /** The `ms` the bot logs per interaction (dispatch to reply sent), over the whole run. */
  readonly handlerP50Ms: number | null;
  readonly handlerP99Ms: number | null;
}

export interface LoadReport {
  readonly machine: { cpus: number; cpu: string; node: string };
  readonly settings: { logLevel: string; ackDeadlineMs: number | null; keepAliveTimeoutMs: number; quick: boolean; startupMs: number };
  readonly warmup: PhaseRun;
  readonly burst: PhaseRun;
  readonly rates: RateRun[];
  /** Highest rate tested whose p99 is under P99_GOAL_MS with nothing failed; null if none. */
  readonly highestRateUnderGoal: number | null;
  readonly bot: BotLogSummary;
}

/** The highest rate whose every interaction was answered with p99 under the goal. */
export function highestRateUnderGoal(rates: readonly RateRun[]): number | null {
  const good = rates.filter((r) => r.result.failed === 0 && r.result.p99Ms !== null && r.result.p99Ms < P99_GOAL_MS);
  return good.length > 0 ? Math.max(...good.map((r) => r.rate)) : null;
}

const show = (v: number | null) => (v === null ? '–' : String(v));
const pct = (v: number | null) => (v === null ? '–' : `${v} %`);

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---:').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function renderTables(r: LoadReport): string {
  const b = r.burst;
  const deadline = r.settings.ackDeadlineMs === null ? 'none' : `${r.settings.ackDeadlineMs / 1000} s`;
  const out = [
    `machine: ${r.machine.cpus} × ${r.machine.cpu}, Node ${r.machine.node}`,
    `bot: one process as npm start runs it, LOG_LEVEL=${r.settings.logLevel}, ready ${r.settings.startupMs} ms after spawn; stand-in + driver share this machine in one other process`,
    `latency: from the stand-in sending INTERACTION_CREATE to the final message (type 4 reply, or PATCH of @original); acknowledgement deadline ${deadline}; idle REST connections kept ${r.settings.keepAliveTimeoutMs / 1000} s`,
    '',
    `burst of ${b.result.sent} at once`,
    table(
      [
        'sent',
        'answered',
        'answered twice',
        'expired',
        'lost',
        'errors',
        'deferred',
        'last answered ms',
        'p50 ms',
        'p99 ms',
        'sent in ms',
        'connections',
        'bot CPU',
        'stand-in+driver CPU',
      ],
      [
        [
          b.result.sent,
          b.result.answered,
          b.result.answeredTwice,
          b.result.expired,
          b.result.lost,
          b.result.bugs,
          b.result.deferred,
          show(b.result.lastAnsweredMs),
          show(b.result.p50Ms),
          show(b.result.p99Ms),
          b.cost.sendMs,
          b.cost.connectionsOpened,
          pct(b.cost.botCpuPct),
          pct(b.cost.driverCpuPct),
        ].map(String),
      ],
    ),
    '',
    'sustained rates',
    table(
      [
        'rate/s',
        's',
        'sent',
        'answered',
        'failed',
        'deferred',
        'p50 ms',
        'p99 ms',
        'max ms',
        'sent/s',
        'connections',
        'bot CPU',
        'stand-in+driver CPU',
      ],
      r.rates.map((x) =>
        [
          x.rate,
          x.seconds,
          x.result.sent,
          x.result.answered,
          x.result.failed,
          x.result.deferred,
          show(x.result.p50Ms),
          show(x.result.p99Ms),
          show(x.result.maxMs),
          x.cost.sentPerSecond,
          x.cost.connectionsOpened,
          pct(x.cost.botCpuPct),
          pct(x.cost.driverCpuPct),
        ].map(String),
      ),
    ),
    '',
    `highest sustained rate with p99 < ${P99_GOAL_MS} ms: ${r.highestRateUnderGoal === null ? 'none of the rates tried' : `${r.highestRateUnderGoal}/s`}`,
    '',
    'expired: refused by the acknowledgement deadline, never answered; lost: never answered, never tried; errors: answered "Something went wrong"; failed: not answered, or errors.',
    `CPU is % of one core over the phase (200 % = both cores). The stand-in and driver cost ${driverMs(r)} ms of CPU per interaction. Connections: TCP connections the bot opened to the stand-in's REST API.`,
    `bot log: ${r.bot.lines} lines${handler(r.bot)}${problems(r.bot.problems)}`,
  ];
  return out.join('\n');
}

function driverMs(r: LoadReport): string {
  const all = [r.burst, ...r.rates];
  const values = all.map((x) => x.cost.driverCpuMsPerInteraction);
  return `${Math.min(...values)}–${Math.max(...values)}`;
}

function handler(b: BotLogSummary): string {
  return b.handlerP50Ms === null
    ? ''
    : `; handler time it logs (dispatch to reply sent) p50 ${b.handlerP50Ms} ms, p99 ${show(b.handlerP99Ms)} ms`;
}

function problems(p: Record<string, number>): string {
  const entries = Object.entries(p);
  return entries.length === 0 ? '; no warnings or errors' : `; warnings and errors: ${entries.map(([k, n]) => `${k} ×${n}`).join(', ')}`;
}
