/** Log levels, least to most severe. */
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/**
 * One JSON object a line, so logs can be searched and counted. Any secret
 * passed in is replaced by "[redacted]" in every line, whatever field it hides in.
 */
export function createLogger(level: Level, secrets: readonly (string | undefined)[] = [], write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Logger {
  const hidden = secrets.filter((s): s is string => !!s && s.length >= 8);
  const scrub = (line: string) => hidden.reduce((l, s) => l.split(s).join('[redacted]'), line);
  const emit = (at: Level) => (event: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level: at, event, ...fields }, (_k, v: unknown) => serializeError(v));
    write(scrub(line));
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
