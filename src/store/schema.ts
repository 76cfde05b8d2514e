import { Migrator, PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * The store's tables, as Kysely sees them. Times are milliseconds since the
 * epoch (`bigint`: PostgreSQL hands those back as strings, so readers use
 * Number()); `day` is the UTC date of `at`, kept beside it so both databases
 * can group by day with the same SQL.
 */
export interface Tables {
  /** One row per setting; today only the salt of the question hashes. */
  store_settings: { name: string; value: string };
  /** One row per answer shown (public or not). */
  answers: {
    id: string;
    at: number | string;
    day: string;
    guild_id: string | null;
    /** Which front end asked: ask, takeaway, compare, find-sources, mention, … */
    kind: string;
    /** HMAC-SHA-256 of the normalised question with the store's salt: counts repeats, reveals nothing. */
    question_hash: string;
    /** The question's text, only when STORE_QUESTIONS=true. */
    question: string | null;
    /** 1 when at least one passage was shown, 0 when nothing answered. */
    answered: number;
  };
  /** The citation ids an answer showed, in rank order (rank 1 first). */
  answer_citations: { answer_id: string; rank: number; citation: string };
  /** One vote per voter per answer; clearing a vote deletes its row. */
  votes: {
    answer_id: string;
    /** HMAC of the user id: one vote per person without keeping who they are. */
    voter: string;
    vote: 'up' | 'down';
    at: number | string;
    day: string;
  };
  /** For an answer that found nothing: the question's words that no article contains. */
  answer_words: { answer_id: string; word: string };
  /** A server's own articles: the Markdown bytes as added, never rewritten. */
  guild_articles: {
    guild_id: string;
    /** The article id, unique within the server (and never one of the base corpus's). */
    id: string;
    markdown: Uint8Array;
    /** The file name or URL it was imported from. */
    source: string;
    /** The Discord user id of who added it, or `cli` for the operator's import. */
    added_by: string;
    added_at: number | string;
  };
  /** A channel that answers from some articles only (/scope set): their ids, comma-separated. */
  channel_scopes: { guild_id: string; channel_id: string; articles: string; set_by: string; set_at: number | string };
}

/**
 * The schema's history, oldest first. Never edit a migration that has shipped:
 * add the next one. Kysely records which ran (table kysely_migration) and
 * takes a lock, so several bot processes starting on one PostgreSQL run each
 * migration once.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-24-1-answers-and-votes': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('store_settings')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('answers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('guild_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('question_hash', 'text', (c) => c.notNull())
        .addColumn('question', 'text')
        .addColumn('answered', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('answer_citations')
        .addColumn('answer_id', 'text', (c) => c.notNull())
        .addColumn('rank', 'integer', (c) => c.notNull())
        .addColumn('citation', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('answer_citations_pk', ['answer_id', 'rank'])
        .execute();
      await db.schema
        .createTable('votes')
        .addColumn('answer_id', 'text', (c) => c.notNull())
        .addColumn('voter', 'text', (c) => c.notNull())
        .addColumn('vote', 'text', (c) => c.notNull().check(sql`vote in ('up', 'down')`))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('votes_pk', ['answer_id', 'voter'])
        .execute();
    },
  },
  // The report's "words that matched no article" for unanswered questions whose text is not kept,
  // and the indexes its date-bounded queries use.
  '2026-11-24-2-unmatched-words': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('answer_words')
        .addColumn('answer_id', 'text', (c) => c.notNull())
        .addColumn('word', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('answer_words_pk', ['answer_id', 'word'])
        .execute();
      await db.schema.createIndex('answers_at').on('answers').column('at').execute();
      await db.schema.createIndex('votes_at').on('votes').column('at').execute();
      await db.schema.createIndex('answer_citations_citation').on('answer_citations').column('citation').execute();
    },
  },
  // Issue 16: a server's own articles and its channel scopes, kept beside its feedback.
  '2026-12-06-1-guild-articles-and-scopes': {
    async up(db: Kysely<unknown>) {
      // The Markdown's bytes as they came: bytea in PostgreSQL, a blob in SQLite.
      const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
      await db.schema
        .createTable('guild_articles')
        .addColumn('guild_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('markdown', bytes, (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('added_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('guild_articles_pk', ['guild_id', 'id'])
        .execute();
      await db.schema
        .createTable('channel_scopes')
        .addColumn('guild_id', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('articles', 'text', (c) => c.notNull())
        .addColumn('set_by', 'text', (c) => c.notNull())
        .addColumn('set_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('channel_scopes_pk', ['guild_id', 'channel_id'])
        .execute();
      await db.schema.createIndex('answers_guild_at').on('answers').columns(['guild_id', 'at']).execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) };

/** The name of the newest migration: the schema this version of citebot expects. */
export const LATEST_MIGRATION = Object.keys(MIGRATIONS).at(-1)!;

/**
 * Brings the schema up to `target` (default: the newest). Throws the first
 * migration's error, so a caller can tell a broken database from a good one.
 */
export async function migrate(db: Kysely<Tables>, target: string = LATEST_MIGRATION): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(target);
  // The driver's own error, whose code (SQLITE_NOTADB, ECONNREFUSED) says what is wrong.
  if (error) throw error instanceof Error ? error : new Error('the migration failed', { cause: error });
}
