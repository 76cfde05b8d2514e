import { config as dotenv } from 'dotenv';
import { z } from 'zod';
import { err, ok, type Result } from './result.ts';

// Blank values count as missing, so `DISCORD_GUILD_ID=` in .env means "not set".
const blankIsMissing = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsMissing, schema.optional());
const snowflake = z
  .string()
  .trim()
  .regex(/^\d{15,22}$/, 'must be a Discord id (digits only)');

const ConfigSchema = z.object({
  DISCORD_TOKEN: optional(
    z.string().trim().min(20, 'does not look like a bot token (too short)').regex(/^\S+$/, 'must not contain spaces'),
  ),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: z.preprocess(
    blankIsMissing,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://discord.com/api'),
  ),
  CORPUS_DIR: z.preprocess(blankIsMissing, z.string().default('corpus')),
  CACHE_DIR: z.preprocess(blankIsMissing, z.string().default('.cache')),
  CORPUS_WRITABLE: z.preprocess(
    (v) => (typeof blankIsMissing(v) === 'string' ? String(v).trim().toLowerCase() : blankIsMissing(v)),
    z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof blankIsMissing(v) === 'string' ? String(v).trim().toLowerCase() : blankIsMissing(v)),
    z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }).default('info'),
  ),
  COOLDOWN_SECONDS: z.preprocess(
    blankIsMissing,
    z.coerce.number({ error: 'must be a number of seconds' }).min(0, 'must be 0 or more').max(3600, 'must be at most 3600').default(3),
  ),
  HEALTH_PORT: optional(
    z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be a port number (0–65535)')
      .max(65535, 'must be a port number (0–65535)'),
  ),
  DATA_DIR: z.preprocess(blankIsMissing, z.string().default('.data')),
  DATABASE_URL: optional(
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL'),
  ),
  STORE_QUESTIONS: z.preprocess(
    (v) => (typeof blankIsMissing(v) === 'string' ? String(v).trim().toLowerCase() : blankIsMissing(v)),
    z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  ),
  SERVER_INDEXES: z.preprocess(
    blankIsMissing,
    z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be 1 or more')
      .max(10_000, 'must be at most 10000')
      .default(8),
  ),
  SHARDS: optional(
    z.union(
      [z.literal('auto'), z.coerce.number().int().min(1, 'must be "auto" or a shard count of 1 or more').max(1000, 'must be at most 1000')],
      { error: 'must be "auto" or a shard count' },
    ),
  ),
});

/** Everything citebot reads from its environment, typed and checked once. */
export type Config = Readonly<{
  discordToken: string | undefined;
  discordClientId: string | undefined;
  discordGuildId: string | undefined;
  discordApiUrl: string;
  corpusDir: string;
  cacheDir: string;
  /** False for a read-only deployment: /article add and remove are not registered. */
  corpusWritable: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  cooldownSeconds: number;
  shards: 'auto' | number | undefined;
  /** Port of the `GET /healthz` endpoint; undefined: no endpoint. 0 lets the system choose (it is logged). */
  healthPort: number | undefined;
  /** Where the feedback store (citebot.db) lives when no DATABASE_URL is set. Default `.data`. */
  dataDir: string;
  /** A postgres:// URL: the store is then kept in PostgreSQL, shared by every bot process. */
  databaseUrl: string | undefined;
  /** Keep the text of questions in the store (default false: only a salted hash). */
  storeQuestions: boolean;
  /** How many servers' own indexes (base + their articles) are kept in memory at most (SERVER_INDEXES, default 8). */
  serverIndexes: number;
}>;

/**
 * Reads the configuration from an environment (process.env by default; load
 * .env first with dotenv). Every problem is reported, one line each, naming the
 * variable but never echoing its value (it may be a token).
 */
export function readConfig(env: Record<string, string | undefined>): Result<Config, string[]> {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    return err(parsed.error.issues.map((i) => `${String(i.path[0] ?? 'config')}: ${i.message}`));
  }
  const c = parsed.data;
  return ok(
    Object.freeze({
      discordToken: c.DISCORD_TOKEN,
      discordClientId: c.DISCORD_CLIENT_ID,
      discordGuildId: c.DISCORD_GUILD_ID,
      discordApiUrl: c.DISCORD_API_URL.replace(/\/+$/, ''),
      corpusDir: c.CORPUS_DIR,
      cacheDir: c.CACHE_DIR,
      corpusWritable: c.CORPUS_WRITABLE === 'true',
      logLevel: c.LOG_LEVEL,
      cooldownSeconds: c.COOLDOWN_SECONDS,
      shards: c.SHARDS,
      healthPort: c.HEALTH_PORT,
      dataDir: c.DATA_DIR,
      databaseUrl: c.DATABASE_URL,
      storeQuestions: c.STORE_QUESTIONS === 'true',
      serverIndexes: c.SERVER_INDEXES,
    }),
  );
}

/** Reads `.env` (if any; real environment variables win) and then the environment. */
export function loadConfig(): Result<Config, string[]> {
  dotenv({ quiet: true });
  return readConfig(process.env);
}
