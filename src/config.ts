import { config as dotenv } from 'dotenv';
import { z } from 'zod';
import { err, ok, type Result } from './result.ts';

// Blank values count as missing, so `DISCORD_GUILD_ID=` in .env means "not set".
const blankIsMissing = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsMissing, schema.optional());
const snowflake = z.string().trim().regex(/^\d{15,22}$/, 'must be a Discord id (digits only)');

const ConfigSchema = z.object({
  DISCORD_TOKEN: optional(z.string().trim().min(20, 'does not look like a bot token (too short)').regex(/^\S+$/, 'must not contain spaces')),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: z.preprocess(blankIsMissing, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://discord.com/api')),
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
  COOLDOWN_SECONDS: z.preprocess(blankIsMissing, z.coerce.number({ error: 'must be a number of seconds' }).min(0, 'must be 0 or more').max(3600, 'must be at most 3600').default(3)),
  SHARDS: optional(z.union([z.literal('auto'), z.coerce.number().int().min(1, 'must be "auto" or a shard count of 1 or more').max(1000, 'must be at most 1000')], { error: 'must be "auto" or a shard count' })),
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
    }),
  );
}

/** Reads `.env` (if any; real environment variables win) and then the environment. */
export function loadConfig(): Result<Config, string[]> {
  dotenv({ quiet: true });
  return readConfig(process.env);
}
