/** Errors are values until the edge: a function that can fail for a user's reason returns one of these. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

/**
 * What went wrong, as a log may say it: stable, never any of the user's text.
 * A new kind of mistake gets a new identifier here.
 */
export type UserErrorId =
  | 'unknown-article'
  | 'ambiguous-article'
  | 'empty-article'
  | 'empty-question'
  | 'empty-topic'
  | 'unknown-citation'
  | 'unknown-command'
  | 'bad-option'
  | 'no-text'
  | 'unknown-button'
  | 'stale-button'
  | 'in-thread'
  | 'private-thread'
  | 'has-thread'
  | 'no-text-channel'
  | 'no-store'
  | 'reload-failed'
  | 'import-failed'
  | 'removed-citation'
  | 'not-running'
  | 'base-article'
  | 'article-exists'
  | 'store-failed'
  | 'not-in-server';

/** A user's mistake as a value: the identifier for the log, the message for the user. */
export interface UserProblem {
  readonly identifier: UserErrorId;
  /** Fit to show as it is; may repeat what the user typed, so it never goes to a log. */
  readonly message: string;
}

/** The failed Result of a user's mistake. */
export const refuse = (identifier: UserErrorId, message: string): Result<never, UserProblem> => err({ identifier, message });

/**
 * A user's mistake thrown at the edge (a front end's handler): the user sees
 * the message, the log gets the identifier. Front ends show it without a stack trace.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly identifier: UserErrorId,
    message: string,
  ) {
    super(message);
  }

  static of(problem: UserProblem): UserError {
    return new UserError(problem.identifier, problem.message);
  }
}
