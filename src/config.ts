import { config as dotenv } from 'dotenv';
import { z } from 'zod';
import { err, ok, type Result } from './result.ts';

// Blank values count as missing, so `DISCORD_GUILD_ID=` in .env means "not set".
const blankIsMissing = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsMissing, schema.optional());
/** A Discord id (a server's, a channel's): a snowflake, digits only. */
export const DISCORD_ID = /^\d{15,22}$/;

const snowflake = z.string().trim().regex(DISCORD_ID, 'must be a Discord id (digits only)');

/** Discord's shard ids are small numbers; a count past this is a typo. */
const MAX_SHARDS = 1000;
/** Checked together once each is valid on its own: a bad one is that one's line, not a second. */
const SHARD_VARIABLES = ['SHARDS', 'SHARD_COUNT', 'SHARD_IDS'];

const ConfigSchema = z
  .object({
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
        [
          z.literal('auto'),
          z.coerce.number().int().min(1, 'must be "auto" or a shard count of 1 or more').max(MAX_SHARDS, `must be at most ${MAX_SHARDS}`),
        ],
        { error: 'must be "auto" or a shard count' },
      ),
    ),
    SHARD_COUNT: optional(
      z.coerce
        .number({ error: 'must be a shard count' })
        .int('must be a shard count')
        .min(1, 'must be a shard count of 1 or more')
        .max(MAX_SHARDS, `must be at most ${MAX_SHARDS}`),
    ),
    SHARD_IDS: optional(
      z.string().transform((text, ctx) => {
        const ids = parseShardIds(text);
        if (typeof ids === 'string') ctx.addIssue({ code: 'custom', message: ids });
        return typeof ids === 'string' ? z.NEVER : ids;
      }),
    ),
  })
  .superRefine(
    (c, ctx) => {
      const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (c.SHARDS !== undefined && (c.SHARD_COUNT !== undefined || c.SHARD_IDS !== undefined)) {
        problem('SHARDS', 'set SHARDS (this host runs every shard) or SHARD_COUNT with SHARD_IDS (this host runs some), not both');
      } else if (c.SHARD_IDS !== undefined && c.SHARD_COUNT === undefined) {
        problem('SHARD_IDS', 'needs SHARD_COUNT, the number of shards across every host');
      } else if (c.SHARD_IDS !== undefined && c.SHARD_COUNT !== undefined) {
        const outside = c.SHARD_IDS.find((id) => id >= c.SHARD_COUNT!);
        if (outside !== undefined)
          problem('SHARD_IDS', `shard ${outside} is not below SHARD_COUNT (${c.SHARD_COUNT}): ids run from 0 to ${c.SHARD_COUNT - 1}`);
      }
    },
    { when: (payload) => !payload.issues.some((i) => SHARD_VARIABLES.includes(String(i.path?.[0]))) },
  );

/**
 * The shard ids of SHARD_IDS: a list (`0,2,5`), ranges (`0-3`) or both (`0-3,8`), in order, or the
 * problem with it. It never repeats what was typed: the message goes to a log.
 */
export function parseShardIds(text: string): number[] | string {
  const ids = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const range = /^(\d{1,4})(?:\s*-\s*(\d{1,4}))?$/.exec(part);
    if (!range) return 'must be shard ids such as 0,1 or a range such as 0-3';
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    if (last < first) return `the range ${first}-${last} runs backwards`;
    for (let id = first; id <= last; id++) {
      if (ids.has(id)) return `shard ${id} is listed twice`;
      ids.add(id);
    }
  }
  return [...ids].sort((a, b) => a - b);
}

/** Some shards of a bot: `ids` (sorted, each below `count`) of the `count` shards across every host. */
export type Shards = Readonly<{ ids: readonly number[]; count: number }>;

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
  /**
   * The gateway shards this process runs: undefined for one (discord.js's default), `auto` for as
   * many as Discord recommends, or these ids out of a total count across every host (SHARDS=N is
   * ids 0 to N-1 of N; SHARD_COUNT with SHARD_IDS is some of them).
   */
  shards: 'auto' | Shards | undefined;
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
      shards: shardsOf(c),
      healthPort: c.HEALTH_PORT,
      dataDir: c.DATA_DIR,
      databaseUrl: c.DATABASE_URL,
      storeQuestions: c.STORE_QUESTIONS === 'true',
      serverIndexes: c.SERVER_INDEXES,
    }),
  );
}

/** The shards this process runs, from SHARDS or from SHARD_COUNT and SHARD_IDS (already checked together). */
function shardsOf(c: z.infer<typeof ConfigSchema>): Config['shards'] {
  if (c.SHARDS === 'auto') return 'auto';
  const count = c.SHARDS ?? c.SHARD_COUNT;
  if (count === undefined) return undefined;
  return Object.freeze({ count, ids: Object.freeze(c.SHARD_IDS ?? [...Array(count).keys()]) });
}

/** Reads `.env` (if any; real environment variables win) and then the environment. */
export function loadConfig(): Result<Config, string[]> {
  dotenv({ quiet: true });
  return readConfig(process.env);
}
