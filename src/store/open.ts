import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from './sqlite.ts';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { err, ok } from '../result.ts';
import { migrate, type Tables } from './schema.ts';
import { classify, createSqlStore, loadSalt } from './sql.ts';
import type { Store } from './types.ts';

/** The SQLite file's name inside DATA_DIR. */
export const DB_FILE = 'citebot.db';

/** How long SQLite waits for another process's lock before giving the write up: a vote must not hold the bot. */
const SQLITE_BUSY_MS = 250;
/** PostgreSQL: to get a connection, and for one statement to run. */
const PG_CONNECT_MS = 2_000;
const PG_STATEMENT_MS = 2_000;
/** Start-up (connecting and migrating) may take longer than a vote, but not forever. */
const OPEN_TIMEOUT_MS = 15_000;

export interface StoreSettings {
  /** Where citebot.db lives (DATA_DIR). */
  readonly dataDir: string;
  /** postgres://…: use PostgreSQL instead (DATABASE_URL). */
  readonly databaseUrl?: string | undefined;
  /** Keep question texts (STORE_QUESTIONS). */
  readonly storeQuestions: boolean;
}

export interface OpenOptions {
  /** Hears the one start-up line said when the store cannot be used (and problems of idle connections later). */
  readonly warn?: (line: string) => void;
  /** Default STORE_TIMEOUT_MS. */
  readonly timeoutMs?: number;
}

/** A store that keeps nothing: every vote is answered "not recorded". */
export function nullStore(): Store {
  const disabled = () => Promise.resolve(err({ reason: 'disabled' as const }));
  return {
    backend: 'none',
    recordAnswer: disabled,
    vote: disabled,
    report: disabled,
    guildArticles: disabled,
    listGuildArticles: disabled,
    putGuildArticle: disabled,
    removeGuildArticle: disabled,
    // No store, so no server has articles of its own, and no channel a scope.
    guildsWithArticles: () => Promise.resolve(ok([])),
    channelScope: () => Promise.resolve(ok(null)),
    setChannelScope: disabled,
    clearChannelScope: disabled,
    close: () => Promise.resolve(),
  };
}

/**
 * Opens the configured store and brings its schema up to date. Never throws:
 * a DATA_DIR that cannot be written, a corrupt file or an unreachable
 * PostgreSQL gives a store that records nothing, and one line to `warn`
 * saying so (naming the variable, never the URL, which may hold a password).
 */
export async function openStore(settings: StoreSettings, options: OpenOptions = {}): Promise<Store> {
  const warn = options.warn ?? ((line: string) => console.error(line));
  const where = settings.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `${join(settings.dataDir, DB_FILE)} (DATA_DIR)`;
  let opened: Promise<Store> | undefined;
  try {
    opened = settings.databaseUrl
      ? openPostgresStore(settings.databaseUrl, settings, options)
      : Promise.resolve(openSqliteFile(settings, options));
    const store = await deadline(opened, OPEN_TIMEOUT_MS);
    if (store) return store;
    // Too slow to open: whatever opens later is closed, and this run records nothing.
    void opened.then((s) => s.close()).catch(() => {});
    warn(`citebot: feedback is not recorded: ${where} did not answer in ${OPEN_TIMEOUT_MS / 1000} s.`);
  } catch (error) {
    const { reason, code } = classify(error);
    warn(`citebot: feedback is not recorded: ${where} cannot be used (${code ?? reason}).`);
  }
  return nullStore();
}

/** SQLite in DATA_DIR, in WAL mode (readers never wait for the writer). */
function openSqliteFile(settings: StoreSettings, options: OpenOptions): Promise<Store> {
  mkdirSync(settings.dataDir, { recursive: true });
  return openSqliteStore(openDatabase(join(settings.dataDir, DB_FILE), { timeout: SQLITE_BUSY_MS }), settings, options);
}

/**
 * A store on an open better-sqlite3 database (tests hand in their own, e.g.
 * one whose max_page_count makes the disk "full"). Closes it on failure.
 */
export async function openSqliteStore(
  database: Database,
  settings: Pick<StoreSettings, 'storeQuestions'>,
  options: OpenOptions = {},
): Promise<Store> {
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
  return ready(db, 'sqlite', settings, options, () => {
    database.pragma('journal_mode = WAL');
    // better-sqlite3 writes on the event loop: with WAL, NORMAL syncs at checkpoints rather than on every
    // answer recorded (a power cut may lose the last few records, never corrupt the file).
    database.pragma('synchronous = NORMAL');
  });
}

/** PostgreSQL through a small pool: several bot processes or hosts share one store. */
export async function openPostgresStore(
  url: string,
  settings: Pick<StoreSettings, 'storeQuestions'>,
  options: OpenOptions = {},
): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: PG_CONNECT_MS,
    idleTimeoutMillis: 30_000,
    statement_timeout: PG_STATEMENT_MS,
  });
  // An idle connection that the server drops emits 'error' on the pool; unheard, it would end the process.
  pool.on('error', (error) => options.warn?.(`citebot: feedback store: PostgreSQL connection lost (${classify(error).code ?? 'unknown'})`));
  // pg-pool listens for a connection's errors only while it is idle: one lost while a caller holds it
  // between two statements (a transaction's) emits 'error' on the client, which unheard would end the
  // process (a PostgreSQL restart while an answer was recorded did). The next statement fails instead,
  // and the pool drops the client.
  pool.on('connect', (client) => client.on('error', () => {}));
  return ready(new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }), 'postgres', settings, options);
}

/** Migrates, reads the salt, and hands out the store; on any failure closes the database and throws. */
async function ready(
  db: Kysely<Tables>,
  backend: 'sqlite' | 'postgres',
  settings: Pick<StoreSettings, 'storeQuestions'>,
  options: OpenOptions,
  prepare?: () => void,
): Promise<Store> {
  try {
    prepare?.();
    await migrate(db);
    const salt = await loadSalt(db);
    return createSqlStore(db, {
      backend,
      storeQuestions: settings.storeQuestions,
      salt,
      ...(options.timeoutMs && { timeoutMs: options.timeoutMs }),
    });
  } catch (error) {
    await db.destroy().catch(() => {});
    throw error;
  }
}

/** The value, or undefined when it takes longer than `ms`. */
async function deadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)))]);
  } finally {
    clearTimeout(timer);
  }
}
