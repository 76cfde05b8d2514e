// Times each interaction from the moment the stand-in dispatched it to the moment its final message
// exists: the type 4 reply, or for a deferred one the PATCH of @original. It is fed every REST record
// by the stand-in's onRequest hook, so nothing is polled and nothing is searched per request.
import { performance } from 'node:perf_hooks';
import type { RestRecord } from '../../test/support/discord-standin.ts';

/** What happened to one interaction. Times are performance.now() in the driver's process. */
interface Entry {
  readonly phase: string;
  readonly sentAt: number;
  /** First final message, or null. */
  answeredAt: number | null;
  /** Final messages seen: a reply, an @original edit, a follow-up. More than one is a bug. */
  answers: number;
  deferred: boolean;
  /** REST calls for it that the stand-in refused (e.g. 10062 after the 3 s deadline, 40060 acknowledged twice). */
  refused: number;
  /** The answer was the error boundary's "Something went wrong (ref …)". */
  bug: boolean;
  /** Answered or refused: the phase no longer waits for it. */
  settled: boolean;
}

/** One phase's numbers. Latencies in ms, rounded to 0.1. */
export interface PhaseResult {
  readonly sent: number;
  /** Interactions with a final message. */
  readonly answered: number;
  /** Interactions with more than one final message. */
  readonly answeredTwice: number;
  /** No final message, and the stand-in refused a callback (Discord's 3 s deadline, most likely). */
  readonly expired: number;
  /** No final message and no attempt at one. */
  readonly lost: number;
  /** Answered with "Something went wrong". */
  readonly bugs: number;
  /** sent − answered + bugs: what a user would see as a failure. */
  readonly failed: number;
  /** How many were deferred (type 5, then a PATCH of @original). */
  readonly deferred: number;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
  /** From the first send of the phase to its last answer. */
  readonly lastAnsweredMs: number | null;
}

export interface Tracker {
  /** Records an interaction the stand-in has just dispatched, under the phase it belongs to. */
  sent(phase: string, token: string): void;
  /** The stand-in's onRequest hook. */
  readonly onRequest: (record: RestRecord) => void;
  /** Interactions of a phase still without a final message (refused ones count as settled). */
  outstanding(phase: string): number;
  result(phase: string, startedAt: number): PhaseResult;
}

export function createTracker(): Tracker {
  const byToken = new Map<string, Entry>();
  const phases = new Map<string, Entry[]>();
  const open = new Map<string, number>();

  function settle(entry: Entry): void {
    if (entry.settled) return;
    entry.settled = true;
    open.set(entry.phase, (open.get(entry.phase) ?? 1) - 1);
  }

  function answer(entry: Entry, payload: unknown): void {
    entry.answers++;
    if (entry.answeredAt !== null) return;
    entry.answeredAt = performance.now();
    const description = (payload as { embeds?: { description?: unknown }[] } | null)?.embeds?.[0]?.description;
    entry.bug = typeof description === 'string' && description.startsWith('Something went wrong');
    settle(entry);
  }

  return {
    sent(phase, token) {
      const entry: Entry = {
        phase,
        sentAt: performance.now(),
        answeredAt: null,
        answers: 0,
        deferred: false,
        refused: 0,
        bug: false,
        settled: false,
      };
      byToken.set(token, entry);
      let list = phases.get(phase);
      if (!list) phases.set(phase, (list = []));
      list.push(entry);
      open.set(phase, (open.get(phase) ?? 0) + 1);
    },

    onRequest(record) {
      const interaction = record.path.startsWith('/interactions/');
      if (!interaction && !record.path.startsWith('/webhooks/')) return;
      // /interactions/:id/:token/callback and /webhooks/:app/:token[/messages/:ref]: the token is segment 3.
      const segments = record.path.split('/');
      const entry = byToken.get(segments[3] ?? '');
      if (!entry) return;
      if (record.status >= 300) {
        entry.refused++;
        settle(entry);
        return;
      }
      const body = record.body as { type?: unknown; data?: unknown } | null;
      if (interaction) {
        if (body?.type === 5) entry.deferred = true;
        else if (body?.type === 4) answer(entry, body.data);
      } else if (record.method === 'PATCH' && segments[5] === '@original') {
        answer(entry, body);
      } else if (record.method === 'POST' && segments.length === 4) {
        answer(entry, body);
      }
    },

    outstanding: (phase) => open.get(phase) ?? 0,

    result(phase, startedAt) {
      const list = phases.get(phase) ?? [];
      const latencies: number[] = [];
      let answeredTwice = 0;
      let expired = 0;
      let lost = 0;
      let bugs = 0;
      let deferred = 0;
      let last: number | null = null;
      for (const e of list) {
        if (e.deferred) deferred++;
        if (e.answeredAt === null) {
          if (e.refused > 0) expired++;
          else lost++;
          continue;
        }
        latencies.push(e.answeredAt - e.sentAt);
        if (e.answers > 1) answeredTwice++;
        if (e.bug) bugs++;
        if (last === null || e.answeredAt > last) last = e.answeredAt;
      }
      latencies.sort((a, b) => a - b);
      return {
        sent: list.length,
        answered: latencies.length,
        answeredTwice,
        expired,
        lost,
        bugs,
        failed: list.length - latencies.length + bugs,
        deferred,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        maxMs: latencies.length > 0 ? round(latencies[latencies.length - 1]!) : null,
        lastAnsweredMs: last === null ? null : round(last - startedAt),
      };
    },
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!);
}

const round = (ms: number) => Math.round(ms * 10) / 10;
