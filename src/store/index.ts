// The feedback and report store: one interface, SQLite or PostgreSQL behind it.
export { DB_FILE, nullStore, openPostgresStore, openSqliteStore, openStore, type OpenOptions, type StoreSettings } from './open.ts';
export { LATEST_MIGRATION, MIGRATIONS, migrate, type Tables } from './schema.ts';
export { REPORT_LIMIT, STORE_TIMEOUT_MS, dayOf, newAnswerId } from './sql.ts';
export type {
  AnswerShown,
  ArticleWriteFailure,
  ChannelScope,
  GuildArticle,
  GuildArticleInfo,
  Report,
  ReportScope,
  Store,
  StoreFailure,
  Vote,
  VoteTally,
} from './types.ts';
