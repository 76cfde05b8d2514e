// The two ways the load run sends interactions: all at once, and at a steady rate. Each phase then
// waits until every interaction it sent is answered (or refused), or until its settle time runs out.
import { performance } from 'node:perf_hooks';
import type { StandIn } from '../../test/support/discord-standin.ts';
import { MIX } from './mix.ts';
import type { PhaseResult, Tracker } from './tracker.ts';

/** What the driver and the bot cost during a phase, besides the tracker's numbers. */
export interface PhaseCost {
  /** Wall time from the first send to the end of the wait, ms. */
  readonly wallMs: number;
  /** How long sending took (for a rate: how late the last send was against the schedule), ms. */
  readonly sendMs: number;
  /** Interactions per second the driver actually sent over the sending time. */
  readonly sentPerSecond: number;
  /** CPU the bot (its process tree) used, as % of one core over wallMs; null off Linux. */
  readonly botCpuPct: number | null;
  /** CPU this process (stand-in + driver) used, as % of one core over wallMs. */
  readonly driverCpuPct: number;
  /** This process's CPU per interaction sent, ms: the stand-in's own cost. */
  readonly driverCpuMsPerInteraction: number;
  /** TCP connections the bot opened to the stand-in's REST API during the phase. */
  readonly connectionsOpened: number;
}

/** A phase once sent and settled; its answers are counted later, so late duplicates still show. */
export interface PhaseTiming {
  readonly phase: string;
  /** performance.now() of the first send. */
  readonly startedAt: number;
  readonly cost: PhaseCost;
}

export interface PhaseRun {
  readonly result: PhaseResult;
  readonly cost: PhaseCost;
}

export interface PhaseContext {
  readonly standIn: StandIn;
  readonly tracker: Tracker;
  readonly botCpuMs: () => number | null;
  /** Gives up waiting for answers this long after the last send. */
  readonly settleMs: number;
}

// Fifty users take turns, so the bot sees many (its cooldown is off: COOLDOWN_SECONDS=0).
const USER_IDS = Array.from({ length: 50 }, (_, i) => String(100_000_000_000_000_000n + BigInt(i)));
// One position in the mix for the whole run: every phase gets the same commands in the same shares.
let next = 0;

/** Sends the next command of the mix and records it under `phase`. */
function sendOne(ctx: PhaseContext, phase: string): void {
  const n = next++;
  const command = MIX[n % MIX.length]!;
  const sent = ctx.standIn.slashCommand(command.name, command.options, { userId: USER_IDS[n % USER_IDS.length]! });
  ctx.tracker.sent(phase, sent.token);
}

/** `count` interactions in one synchronous loop: the bot gets them as fast as the socket carries them. */
export function runBurst(ctx: PhaseContext, phase: string, count: number): Promise<PhaseTiming> {
  return measure(ctx, phase, count, (started) => {
    for (let i = 0; i < count; i++) sendOne(ctx, phase);
    return Promise.resolve(performance.now() - started);
  });
}

/** TICK_MS is the sending granularity: at 800/s that is batches of 8 every 10 ms. */
const TICK_MS = 10;

/**
 * `rate` interactions a second for `seconds`, spread evenly: every tick sends what the schedule says
 * is due by now, so a late timer catches up instead of slowing the rate down.
 */
export function runRate(ctx: PhaseContext, phase: string, rate: number, seconds: number): Promise<PhaseTiming> {
  const total = Math.round(rate * seconds);
  return measure(ctx, phase, total, (started) => {
    return new Promise((resolve) => {
      let sent = 0;
      const tick = () => {
        const now = performance.now();
        const due = Math.min(total, Math.floor(((now - started) * rate) / 1000) + 1);
        while (sent < due) {
          sendOne(ctx, phase);
          sent++;
        }
        if (sent >= total) {
          clearInterval(timer);
          resolve(performance.now() - started);
        }
      };
      const timer = setInterval(tick, TICK_MS);
      tick();
    });
  });
}

async function measure(ctx: PhaseContext, phase: string, count: number, send: (started: number) => Promise<number>): Promise<PhaseTiming> {
  const connections0 = ctx.standIn.httpConnections;
  const bot0 = ctx.botCpuMs();
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const sendMs = await send(started);
  const giveUpAt = performance.now() + ctx.settleMs;
  while (ctx.tracker.outstanding(phase) > 0 && performance.now() < giveUpAt) await new Promise((r) => setTimeout(r, 5));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const bot1 = ctx.botCpuMs();
  const driverCpuMs = (cpu.user + cpu.system) / 1000;
  return {
    phase,
    startedAt: started,
    cost: {
      wallMs: Math.round(wallMs),
      sendMs: Math.round(sendMs),
      sentPerSecond: Math.round((count / Math.max(sendMs, 1)) * 1000),
      botCpuPct: bot0 === null || bot1 === null ? null : Math.round(((bot1 - bot0) / wallMs) * 100),
      driverCpuPct: Math.round((driverCpuMs / wallMs) * 100),
      driverCpuMsPerInteraction: Math.round((driverCpuMs / Math.max(count, 1)) * 1000) / 1000,
      connectionsOpened: ctx.standIn.httpConnections - connections0,
    },
  };
}
