import type { Result } from '../result.ts';

/** A thumbs-up or a thumbs-down. */
export type Vote = 'up' | 'down';

/** An answer that was shown to someone: what the report counts. */
export interface AnswerShown {
  /** The answer's id, carried by its vote buttons (see newAnswerId). */
  readonly id: string;
  /** When it was shown; default now. */
  readonly at?: Date;
  readonly guildId: string | null;
  /** Which front end answered: ask, takeaway, compare, find-sources, mention, … */
  readonly kind: string;
  /** The question as asked; kept only when STORE_QUESTIONS=true, otherwise only its salted hash. */
  readonly question: string;
  /** The citation ids shown, best first; empty when nothing answered. */
  readonly citations: readonly string[];
  /** When nothing answered: the question's words that no article contains (stored lower-cased). */
  readonly unmatchedWords?: readonly string[];
}

/** Where an answer's votes stand after a press. */
export interface VoteTally {
  /** The presser's vote now: null after pressing the same side twice. */
  readonly mine: Vote | null;
  readonly up: number;
  readonly down: number;
}

/**
 * Why the store could not do something. `disabled`: there is no store (no
 * writable DATA_DIR); `full`, `locked`, `corrupt`: the database said so;
 * `timeout`: it did not answer in time; `failed`: anything else.
 */
export interface StoreFailure {
  readonly reason: 'disabled' | 'full' | 'locked' | 'corrupt' | 'timeout' | 'failed';
  /** The driver's error code (SQLITE_FULL, 53100, ECONNREFUSED), never its message. */
  readonly code?: string;
}

/** What the curator's report says about a period. */
export interface Report {
  /** The start of the period (ISO 8601, UTC). */
  readonly since: string;
  readonly answers: number;
  readonly votes: { readonly up: number; readonly down: number };
  /** One entry per UTC day that had answers or votes, oldest first. */
  readonly days: readonly { readonly day: string; readonly answers: number; readonly up: number; readonly down: number }[];
  /** Citations of down-voted answers, most down-votes first. */
  readonly downvoted: readonly { readonly citation: string; readonly down: number; readonly up: number }[];
  readonly unanswered: {
    readonly count: number;
    /** The texts of unanswered questions, where they were stored (STORE_QUESTIONS=true), newest first. */
    readonly questions: readonly string[];
    /** The words of unanswered questions that no article contains, most frequent first. */
    readonly words: readonly { readonly word: string; readonly count: number }[];
  };
  /** The passages shown most often. */
  readonly topCited: readonly { readonly citation: string; readonly count: number }[];
}

/** Which records a report reads: every server's (the operator's `npm run report`), or one server's. */
export interface ReportScope {
  /** Only this server's answers, votes and questions; undefined: every server's and DMs'. */
  readonly guildId?: string | undefined;
}

/** One of a server's own articles, as the store keeps it. */
export interface GuildArticle {
  readonly guildId: string;
  readonly id: string;
  /** The Markdown file's bytes, exactly as added. */
  readonly markdown: Uint8Array;
  /** The file name or URL it came from. */
  readonly source: string;
  /** Who added it: a Discord user id, or `cli` for the operator's import. */
  readonly addedBy: string;
  readonly addedAt: Date;
}

/** An article of a server's, as listed: everything but its bytes. */
export type GuildArticleInfo = Omit<GuildArticle, 'markdown'> & { readonly bytes: number };

/** Why an article could not be added: `exists` unless replacing, else what the database said. */
export type ArticleWriteFailure = StoreFailure | { readonly reason: 'exists' } | { readonly reason: 'missing' };

/** A channel's scope: the articles it answers from, in the order given. */
export interface ChannelScope {
  readonly guildId: string;
  readonly channelId: string;
  readonly articles: readonly string[];
}

/**
 * A server's own articles. Unlike feedback, every write is durable and
 * transactional: a failed add or remove changes nothing, and says why.
 */
export interface ArticleStore {
  /** The server's articles with their bytes, oldest first. */
  guildArticles(guildId: string): Promise<Result<readonly GuildArticle[], StoreFailure>>;
  /** The server's articles without their bytes, oldest first. */
  listGuildArticles(guildId: string): Promise<Result<readonly GuildArticleInfo[], StoreFailure>>;
  /** Adds one; `replace` replaces the server's own article of that id (refused as `exists` without it). */
  putGuildArticle(article: GuildArticle, replace: boolean): Promise<Result<void, ArticleWriteFailure>>;
  /** Removes one of the server's own (`missing` when it has none of that id). */
  removeGuildArticle(guildId: string, id: string): Promise<Result<void, ArticleWriteFailure>>;
  /** The servers that have articles of their own. */
  guildsWithArticles(): Promise<Result<readonly string[], StoreFailure>>;
}

/** Channel scopes (/scope), kept in the store. */
export interface ScopeStore {
  /** The scope of a channel, or null when it has none. */
  channelScope(guildId: string, channelId: string): Promise<Result<ChannelScope | null, StoreFailure>>;
  setChannelScope(scope: ChannelScope, setBy: string): Promise<Result<void, StoreFailure>>;
  /** Removes a channel's scope; true when there was one. */
  clearChannelScope(guildId: string, channelId: string): Promise<Result<boolean, StoreFailure>>;
}

/**
 * Where feedback and the report's records are kept: SQLite in DATA_DIR, or
 * PostgreSQL when DATABASE_URL is set, or nothing at all when neither can be
 * used. No method throws: a database that fails costs that one record.
 */
export interface Store extends ArticleStore, ScopeStore {
  /** What the store is kept in; `none` records nothing. */
  readonly backend: 'sqlite' | 'postgres' | 'none';
  /**
   * On PostgreSQL, the name its changes to a server's articles are announced under: the host that
   * made one rebuilt the server's index already, and its listener passes over it (see changes.ts).
   */
  readonly origin?: string;
  /** Records that an answer was shown. */
  recordAnswer(answer: AnswerShown): Promise<Result<void, StoreFailure>>;
  /**
   * A press of 👍 or 👎 on an answer: records the vote, clears it when the same
   * side is pressed again, changes it when the other side is. One vote per user per answer.
   */
  vote(answerId: string, userId: string, side: Vote): Promise<Result<VoteTally, StoreFailure>>;
  /** The curator's report for everything since a moment: every server's, or one server's (see ReportScope). */
  report(since: Date, scope?: ReportScope): Promise<Result<Report, StoreFailure>>;
  /** Closes the database; the store records nothing afterwards. */
  close(): Promise<void>;
}
