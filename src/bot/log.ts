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
    const line = JSON.stringify({ time: new Date().toISOString(), level: at, event, ...fields }, (_k, v: unknown) =>
      v instanceof Error ? { name: v.name, message: v.message, code: (v as { code?: unknown }).code, stack: v.stack } : v,
    );
    write(scrub(line));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
