// Hosts sharing a PostgreSQL store hold each server's index and channel scopes in memory. A change
// to them, made by any host or by the operator's CLI, is announced with PostgreSQL's NOTIFY on one
// channel, the guild id as its payload; every bot host LISTENs on a connection of its own and drops
// what it held of that server. NOTIFY inside a transaction is delivered at commit, and not at all
// on rollback: a host never rebuilds for a write that did not happen. Each announcement names the
// store that made it: the host that made the change has applied it already, and its listener lets
// its own announcements pass (a second build of the same server's index, for nothing).
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { DISCORD_ID } from '../config.ts';
import type { Tables } from './schema.ts';
import { classify } from './sql.ts';

/** The NOTIFY channel of changes to a server's articles or scopes; the payload is the guild id and the announcing process. */
export const GUILD_CHANGES = 'citebot_guild';

/** A name for a store's announcements, new each time a store opens. */
export function newOrigin(): string {
  return randomBytes(6).toString('hex');
}

/**
 * Inside a write's transaction: every listening host hears of it once it commits. `origin`: the store
 * writing, when its host applies the change itself; none: every host acts on it, the writer's too.
 */
export async function announceChange(tx: Kysely<Tables>, guildId: string, origin?: string): Promise<void> {
  await sql`select pg_notify(${GUILD_CHANGES}, ${origin ? `${guildId} ${origin}` : guildId})`.execute(tx);
}

/** The guild a payload names, unless `own` announced it; null for anything else on the channel. */
function changedGuild(payload: string | undefined, own: string | undefined): string | null {
  const [guildId = '', origin, ...rest] = (payload ?? '').split(' ');
  if (!DISCORD_ID.test(guildId) || rest.length > 0 || (own !== undefined && origin === own)) return null;
  return guildId;
}

/** What a listener tells its host. */
export interface ChangeListenerOptions {
  /** DATABASE_URL. */
  readonly url: string;
  /** A server's articles or scopes changed (committed by any process, but not through `own`). */
  readonly changed: (guildId: string) => void;
  /** The origin of this host's own store (Store.origin): its changes were applied where they were made. */
  readonly own?: string | undefined;
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
      const guildId = message.channel === GUILD_CHANGES ? changedGuild(message.payload, options.own) : null;
      if (guildId) options.changed(guildId);
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
