import type { Kysely } from 'kysely';
import { err, ok, type Result } from '../result.ts';
import { announceChange } from './changes.ts';
import type { Tables } from './schema.ts';
import { classify, withTimeout } from './sql.ts';
import type { ArticleStore, ArticleWriteFailure, ChannelScope, GuildArticle, GuildArticleInfo, ScopeStore, StoreFailure } from './types.ts';

/**
 * A server's own articles in the store. Each write is one transaction and is
 * not given up on a deadline, as feedback is: an add the caller stopped
 * waiting for could still commit. The database's own timeouts (busy_timeout,
 * statement_timeout) bound it instead. Reads are given up after `readMs`: a
 * server's first question waits for them, and answers from the base articles
 * when they fail. On PostgreSQL (`announce`: the store's origin) each write
 * also tells every host, at commit, that the server's articles changed (see changes.ts).
 */
export function articleStore(db: Kysely<Tables>, isClosed: () => boolean, announce: string | undefined, readMs: number): ArticleStore {
  const run = async <T, F = StoreFailure>(work: () => Promise<Result<T, F>>): Promise<Result<T, F | StoreFailure>> => {
    if (isClosed()) return err({ reason: 'disabled' });
    try {
      return await work();
    } catch (error) {
      return err(classify(error));
    }
  };
  const read = <T>(work: () => Promise<T>): Promise<Result<T, StoreFailure>> =>
    isClosed() ? Promise.resolve(err({ reason: 'disabled' })) : withTimeout(work, readMs);
  return { ...articleReads(db, read), ...articleWrites(db, run, announce) };
}

type Read = <T>(work: () => Promise<T>) => Promise<Result<T, StoreFailure>>;
type Run = <T, F = StoreFailure>(work: () => Promise<Result<T, F>>) => Promise<Result<T, F | StoreFailure>>;
type Reads = Pick<ArticleStore, 'guildArticles' | 'listGuildArticles' | 'guildsWithArticles'>;

function articleReads(db: Kysely<Tables>, read: Read): Reads {
  const info = (r: Omit<Tables['guild_articles'], 'markdown'> & { bytes: number | string }): GuildArticleInfo => ({
    guildId: r.guild_id,
    id: r.id,
    source: r.source,
    addedBy: r.added_by,
    addedAt: new Date(Number(r.added_at)),
    bytes: Number(r.bytes),
  });
  return {
    guildArticles: (guildId) =>
      read(async () => {
        const rows = await db
          .selectFrom('guild_articles')
          .selectAll()
          .where('guild_id', '=', guildId)
          .orderBy('added_at')
          .orderBy('id')
          .execute();
        return rows.map((r): GuildArticle => ({
          guildId: r.guild_id,
          id: r.id,
          markdown: new Uint8Array(r.markdown),
          source: r.source,
          addedBy: r.added_by,
          addedAt: new Date(Number(r.added_at)),
        }));
      }),

    listGuildArticles: (guildId) =>
      read(async () => {
        const rows = await db
          .selectFrom('guild_articles')
          .select(['guild_id', 'id', 'source', 'added_by', 'added_at', (eb) => eb.fn<number | string>('length', ['markdown']).as('bytes')])
          .where('guild_id', '=', guildId)
          .orderBy('added_at')
          .orderBy('id')
          .execute();
        return rows.map(info);
      }),

    guildsWithArticles: () =>
      read(async () => {
        const rows = await db.selectFrom('guild_articles').select('guild_id').distinct().orderBy('guild_id').execute();
        return rows.map((r) => r.guild_id);
      }),
  };
}

/** Each write one transaction, announced at commit on PostgreSQL (`announce`: the store's origin). */
function articleWrites(db: Kysely<Tables>, run: Run, announce: string | undefined): Omit<ArticleStore, keyof Reads> {
  return {
    putGuildArticle: (article, replace) =>
      run<void, ArticleWriteFailure>(() =>
        db.transaction().execute(async (tx) => {
          const row = {
            guild_id: article.guildId,
            id: article.id,
            markdown: article.markdown,
            source: article.source,
            added_by: article.addedBy,
            added_at: article.addedAt.getTime(),
          };
          const before = await tx
            .selectFrom('guild_articles')
            .select('id')
            .where('guild_id', '=', article.guildId)
            .where('id', '=', article.id)
            .executeTakeFirst();
          if (before && !replace) return err({ reason: 'exists' as const });
          if (before)
            await tx.updateTable('guild_articles').set(row).where('guild_id', '=', article.guildId).where('id', '=', article.id).execute();
          else await tx.insertInto('guild_articles').values(row).execute();
          if (announce) await announceChange(tx, article.guildId, announce);
          return ok(undefined);
        }),
      ),

    removeGuildArticle: (guildId, id) =>
      run<void, ArticleWriteFailure>(() =>
        db.transaction().execute(async (tx) => {
          const removed = await tx.deleteFrom('guild_articles').where('guild_id', '=', guildId).where('id', '=', id).executeTakeFirst();
          if (removed.numDeletedRows === 0n) return err({ reason: 'missing' as const });
          if (announce) await announceChange(tx, guildId, announce);
          return ok(undefined);
        }),
      ),
  };
}

/**
 * Channel scopes in the store; `guarded` gives each call feedback's deadline (a scope is read on every
 * answer). On PostgreSQL each change is announced to every host at commit, as an article's is.
 */
export function scopeStore(
  db: Kysely<Tables>,
  guarded: <T>(work: () => Promise<T>) => Promise<Result<T, StoreFailure>>,
  announce: boolean,
): ScopeStore {
  return {
    channelScope: (guildId, channelId) =>
      guarded(async (): Promise<ChannelScope | null> => {
        const row = await db
          .selectFrom('channel_scopes')
          .select('articles')
          .where('guild_id', '=', guildId)
          .where('channel_id', '=', channelId)
          .executeTakeFirst();
        return row ? { guildId, channelId, articles: row.articles.split(',').filter(Boolean) } : null;
      }),

    setChannelScope: (scope, setBy) =>
      guarded(async () => {
        const values = { articles: scope.articles.join(','), set_by: setBy, set_at: Date.now() };
        await db.transaction().execute(async (tx) => {
          await tx
            .insertInto('channel_scopes')
            .values({ guild_id: scope.guildId, channel_id: scope.channelId, ...values })
            .onConflict((oc) => oc.columns(['guild_id', 'channel_id']).doUpdateSet(values))
            .execute();
          if (announce) await announceChange(tx, scope.guildId);
        });
      }),

    clearChannelScope: (guildId, channelId) =>
      guarded(async () => {
        return db.transaction().execute(async (tx) => {
          const removed = await tx
            .deleteFrom('channel_scopes')
            .where('guild_id', '=', guildId)
            .where('channel_id', '=', channelId)
            .executeTakeFirst();
          if (announce && removed.numDeletedRows > 0n) await announceChange(tx, guildId);
          return removed.numDeletedRows > 0n;
        });
      }),
  };
}
