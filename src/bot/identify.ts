// Discord lets a bot IDENTIFY max_concurrency shards per 5 seconds, one in each bucket (shard id %
// max_concurrency), across every connection of the bot; one too many gets Opcode 9 Invalid Session.
// discord.js keeps to that within a process (SimpleIdentifyThrottler) but knows nothing of other
// hosts: two hosts starting at once identify in the same window, one is refused, and discord.js
// reconnects and tries again a few seconds later, spending one of the bot's 1,000 daily session
// starts each time. Hosts that share a PostgreSQL take turns instead: each identify holds an advisory
// lock on its bucket for the 5 seconds that follow it.
import { SimpleIdentifyThrottler, type IIdentifyThrottler, type WebSocketOptions } from 'discord.js';
import pg from 'pg';
import type { Logger } from './log.ts';

/** @discordjs/ws's manager, which discord.js hands the throttler's builder. */
type GatewayManager = Parameters<NonNullable<WebSocketOptions['buildIdentifyThrottler']>>[0];

/** Discord's identify window. */
const IDENTIFY_WINDOW_MS = 5_000;
/** How often a host waiting for a bucket asks again. */
const POLL_MS = 250;
/** The first key of the advisory lock (the second is the bucket): ours among whatever else uses the database. */
const LOCK_CLASS = 0x63697465; // "cite"

export interface SharedIdentify {
  /** For the client's `ws.buildIdentifyThrottler`. */
  readonly build: (manager: GatewayManager) => Promise<IIdentifyThrottler>;
  /** Waits for the identify windows still running to end, then closes the connections. */
  readonly close: () => Promise<void>;
}

/**
 * An identify throttler that every host with this DATABASE_URL shares. When PostgreSQL cannot be
 * reached (after 2 s) it says so once and lets the identify go, as discord.js alone would: Discord's
 * Opcode 9 and discord.js's retry are then the fallback, and a host never stays down for the database.
 */
export function sharedIdentify(databaseUrl: string, log: Logger): SharedIdentify {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 2_000 });
  pool.on('error', () => {});
  // A turn holds its connection for 5 s between two statements: losing it then must not end the process (see store/open.ts).
  pool.on('connect', (client) => client.on('error', () => {}));
  /** The windows still running: each ends by releasing its lock. */
  const windows = new Set<Promise<void>>();
  let warned = false;

  /** Holds the bucket's lock on its own connection until IDENTIFY_WINDOW_MS after it is taken. */
  async function takeTurn(bucket: number, signal: AbortSignal): Promise<void> {
    const client = await pool.connect();
    try {
      while (!(await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_CLASS, bucket])).rows[0]?.ok) {
        signal.throwIfAborted();
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (error) {
      client.release();
      throw error;
    }
    const window = new Promise<void>((resolve) => setTimeout(resolve, IDENTIFY_WINDOW_MS))
      .then(() => client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, bucket]))
      // Ending the session frees the lock even where the unlock failed.
      .then(
        () => client.release(),
        (error: Error) => client.release(error),
      )
      .finally(() => windows.delete(window));
    windows.add(window);
  }

  return {
    async build(manager) {
      const { max_concurrency: maxConcurrency } = (await manager.fetchGatewayInformation()).session_start_limit;
      // Shards of this host still take turns among themselves first, as discord.js has them do.
      const local = new SimpleIdentifyThrottler(maxConcurrency);
      return {
        async waitForIdentify(shardId, signal) {
          await local.waitForIdentify(shardId, signal);
          try {
            await takeTurn(shardId % maxConcurrency, signal);
          } catch (error) {
            if (signal.aborted) throw error;
            if (!warned) log.warn('identify lock unavailable', { code: (error as { code?: string }).code ?? 'unknown' });
            warned = true;
          }
        },
      };
    },
    async close() {
      // A host that stops just after identifying keeps its turn to the end: another host's identify
      // in that window would still be refused. At most 5 s, well inside a supervisor's stop timeout.
      await Promise.all(windows);
      await pool.end();
    },
  };
}
