/** Errors are values until the edge: a function that can fail for a user's reason returns one of these. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

/**
 * A problem the user caused and can fix (a bad option, an unknown citation id).
 * Its message is fit to show as it is; front ends show it without a stack trace.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}
