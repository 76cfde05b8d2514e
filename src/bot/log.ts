import { pino, stdTimeFunctions, type DestinationStream } from 'pino';
import pretty from 'pino-pretty';

/** Log levels, least to most severe. */
export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** Secrets shorter than this are not scrubbed: replacing every "abc" would garble the log and hide nothing. */
const MIN_SECRET = 8;

/**
 * An interaction's token sits in the URLs of its callback and webhook
 * (`/interactions/<id>/<token>/callback`, `/webhooks/<app>/<token>`): for
 * 15 minutes it lets anyone answer as the bot, so a log shows it masked.
 */
const INTERACTION_TOKEN_IN_URL = /(\/(?:interactions|webhooks)\/\d+\/)[\w.-]+/g;

/**
 * One JSON object a line (`time`, `level`, `event`, then the fields), so logs
 * can be searched and counted. Any secret passed in is replaced by
 * "[redacted]" in every line, whatever field or text it hides in, and
 * interaction tokens in URLs are masked. Lines go to `write` if given (tests),
 * else to stdout without waiting on it (a slow reader does not stall the bot),
 * made readable by pino-pretty when stdout is a terminal.
 */
export function createLogger(level: Level, secrets: readonly (string | undefined)[] = [], write?: (line: string) => void): Logger {
  const hidden = secrets.filter((s): s is string => !!s && s.length >= MIN_SECRET);
  const scrub = (line: string) =>
    hidden.reduce((l, s) => l.split(s).join('[redacted]'), line).replace(INTERACTION_TOKEN_IN_URL, '$1[token]');
  const destination: DestinationStream = write
    ? { write: (line) => write(line.trimEnd()) }
    : process.stdout.isTTY
      ? pretty({ colorize: true, messageKey: 'event', translateTime: 'SYS:HH:MM:ss.l', sync: true })
      : pino.destination({ dest: 1, sync: false });
  const log = pino(
    {
      level,
      base: null,
      messageKey: 'event',
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: scrub },
    },
    destination,
  );
  const emit =
    (at: Level) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      if (!log.isLevelEnabled(at)) return;
      log[at](Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, serializeError(v)])), event);
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/**
 * An error as a log keeps it: what says what failed (name, message, code, an
 * HTTP status, method and url, its cause, the stack), never the request body
 * a DiscordAPIError carries (it holds what the user typed). Anything else as it is.
 */
export function serializeError(v: unknown): unknown {
  if (!(v instanceof Error)) return v;
  const e = v as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(e.code !== undefined && { code: e.code }),
    ...(e.status !== undefined && { status: e.status }),
    ...(e.method !== undefined && { method: e.method }),
    ...(e.url !== undefined && { url: e.url }),
    ...(e.cause !== undefined && { cause: serializeError(e.cause) }),
    stack: e.stack,
  };
}
