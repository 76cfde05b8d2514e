import { randomBytes } from 'node:crypto';
import { UserError } from '../result.ts';
import { serializeError, type Logger } from './log.ts';

/** The error boundary's ref: short enough to read out, long enough to find in the log. */
const newRef = () => randomBytes(3).toString('hex').toUpperCase();

/**
 * The one error boundary's rule, for interactions and mentions alike: a
 * user's mistake is logged by its identifier (never its message: it may
 * repeat what they typed) and its message goes to them; anything else is
 * logged with a ref and the stack, whatever they typed taken out, and they
 * get "something went wrong (ref …)". Returns what to tell them.
 */
export function failureNotice(
  log: Logger,
  event: string,
  error: unknown,
  fields: Record<string, unknown>,
  typed: readonly string[],
): string {
  if (error instanceof UserError) {
    log.info(event, { ...fields, userError: error.identifier });
    return error.message;
  }
  const ref = newRef();
  log.error('handler failed', { ...fields, ref, error: withoutUserText(error, typed) });
  return `Something went wrong (ref ${ref}). It has been logged; please try again.`;
}

/** Shorter pieces of what a user typed are left in a logged error: they would hide common words of its stack. */
const MIN_HIDDEN = 5;

/** An error as the log keeps it, with what the user typed replaced wherever a bug's message or stack quotes it. */
export function withoutUserText(error: unknown, typed: readonly string[]): unknown {
  const pieces = [...new Set(typed.flatMap((t) => [t, t.trim(), ...t.split(/\s+/)]))]
    .filter((p) => p.length >= MIN_HIDDEN)
    .sort((a, b) => b.length - a.length);
  const hide = (v: unknown): unknown => {
    if (typeof v === 'string') return pieces.reduce((s, p) => s.split(p).join('[user text]'), v);
    if (Array.isArray(v)) return v.map(hide);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hide(x)]));
    return v;
  };
  return pieces.length === 0 ? error : hide(serializeError(error));
}
