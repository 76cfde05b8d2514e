// Hosts sharing a PostgreSQL store hold each server's index and channel scopes in memory. A change
// to them, made by any host or by the operator's CLI, is announced with PostgreSQL's NOTIFY on one
// channel, the guild id as its payload; every bot host LISTENs on a connection of its own and drops
// what it held of that server. NOTIFY inside a transaction is delivered at commit, and not at all
// on rollback: a host never rebuilds for a write that did not happen.
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { DISCORD_ID } from '../config.ts';
import type { Tables } from './schema.ts';
import { classify } from './sql.ts';

/** The NOTIFY channel of changes to a server's articles or scopes; the payload is the guild id. */
export const GUILD_CHANGES = 'citebot_guild';

/** Inside a write's transaction: every listening host hears of it once it commits. */
export async function announceChange(tx: Kysely<Tables>, guildId: string): Promise<void> {
  await sql`select pg_notify(${GUILD_CHANGES}, ${guildId})`.execute(tx);
}

/** What a listener tells its host. */
export interface ChangeListenerOptions {
  /** DATABASE_URL. */
  readonly url: string;
  /** A server's articles or scopes changed (committed by any process, this one too). */
  readonly changed: (guildId: string) => void;
  /**
   * Listening has begun, or begun again after the connection was lost: any
   * change made meanwhile was missed, so whatever is held may be stale.
   */
  readonly resumed: () => void;
  /** Hears the connection come and go: event names and driver codes only, never a message. */
  readonly log: (level: 'info' | 'warn', event: string, fields: Record<string, unknown>) => void;
  /** The wait before the first attempt to reconnect, doubled after each failure up to maxRetryMs. Default 500 ms. */
  readonly firstRetryMs?: number;
  /** Default 15 s. */
  readonly maxRetryMs?: number;
  /** How often an idle connection is checked with a query (one that died silently is noticed). Default 30 s. */
  readonly pingMs?: number;
}

export interface ChangeListener {
  /** Stops listening and reconnecting. */
  close(): Promise<void>;
}

/** To connect, and for the ping to answer. */
const CONNECT_MS = 5_000;

/**
 * Listens for changes on a dedicated connection, for as long as the process
 * runs. When the connection fails or is lost it reconnects by itself, waiting
 * longer after each failure, and says `resumed` once listening again. Never
 * throws, and nothing it does can end the process.
 */
export function listenForChanges(options: ChangeListenerOptions): ChangeListener {
  const firstRetryMs = options.firstRetryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 15_000;
  let retryMs = firstRetryMs;
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let ping: NodeJS.Timeout | undefined;

  const connect = async () => {
    retry = undefined;
    const current = new pg.Client({
      connectionString: options.url,
      connectionTimeoutMillis: CONNECT_MS,
      query_timeout: CONNECT_MS,
      keepAlive: true,
      application_name: 'citebot-changes',
    });
    client = current;
    let lost = false;
    const lose = (error?: unknown) => {
      if (lost) return;
      lost = true;
      clearInterval(ping);
      current.end().catch(() => {});
      if (closed) return;
      options.log('warn', 'server changes: not listening', {
        code: error === undefined ? 'ended' : (classify(error).code ?? 'unknown'),
        retryInMs: retryMs,
      });
      retry = setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, maxRetryMs);
    };
    current.on('error', lose);
    current.on('end', () => lose());
    current.on('notification', (message) => {
      if (
        message.channel === GUILD_CHANGES &&
        message.payload &&
        DISCORD_ID.test(message.payload) /* a guild id: anything else on the channel is not ours */
      )
        options.changed(message.payload);
    });
    try {
      await current.connect();
      await current.query(`LISTEN ${GUILD_CHANGES}`);
    } catch (error) {
      return lose(error);
    }
    if (closed || lost) return;
    retryMs = firstRetryMs;
    ping = setInterval(() => void current.query('SELECT 1').catch(lose), options.pingMs ?? 30_000);
    options.log('info', 'server changes: listening', {});
    options.resumed();
  };
  void connect();

  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(ping);
      await client?.end().catch(() => {});
    },
  };
}
