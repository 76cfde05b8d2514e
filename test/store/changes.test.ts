// Changes to a server's articles and scopes, announced through a real PostgreSQL (LISTEN/NOTIFY) to
// every host listening, and a listener that finds its way back after its connection is cut.
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { listenForChanges, type ChangeListener } from '../../src/store/changes.ts';
import { openStore, type GuildArticle, type Store } from '../../src/store/index.ts';
import { freePort, startPostgres } from '../support/postgres.ts';

const server = await startPostgres();
if ('skipped' in server) console.warn(`\n*** server-change tests SKIPPED: ${server.skipped} ***\n`);
afterAll(() => ('stop' in server ? server.stop() : undefined));

const G1 = '111111111111111111';
const G2 = '222222222222222222';

const article = (guildId: string, id: string): GuildArticle => ({
  guildId,
  id,
  markdown: new TextEncoder().encode(`---\ntitle: ${id}\n---\n\nText.\n`),
  source: `${id}.md`,
  addedBy: 'cli',
  addedAt: new Date(),
});

/** A listener that writes down what it hears. */
function listen(url: string, retry = { firstRetryMs: 50, maxRetryMs: 400 }, own?: string) {
  const heard = { changed: [] as string[], resumed: 0, lost: [] as Record<string, unknown>[] };
  const listener = listenForChanges({
    url,
    ...retry,
    own,
    changed: (guildId) => heard.changed.push(guildId),
    resumed: () => heard.resumed++,
    log: (level, _event, fields) => level === 'warn' && heard.lost.push(fields),
  });
  opened.push(listener);
  return { heard, listener };
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !check(); await new Promise((r) => setTimeout(r, 20)))
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
}

const opened: (ChangeListener | Store)[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

let dbCount = 0;
async function database(): Promise<{ url: string; store: Store }> {
  if ('skipped' in server) throw new Error('unreachable');
  const url = await server.createDatabase(`changes_${process.pid}_${++dbCount}`);
  const store = await openStore({ dataDir: '/nonexistent', databaseUrl: url, storeQuestions: false });
  opened.push(store);
  return { url, store };
}

describe.skipIf('skipped' in server)('changes to a server, over PostgreSQL', () => {
  it('tell every listener which server changed, once each write commits, and not for a write refused', async () => {
    const { url, store } = await database();
    const [a, b] = [listen(url), listen(url)];
    await until(() => a.heard.resumed === 1 && b.heard.resumed === 1, 'both listen');
    expect((await store.putGuildArticle(article(G1, 'one'), false)).ok).toBe(true);
    // Refused (the id is taken): nothing is written, so nothing is announced.
    expect(await store.putGuildArticle(article(G1, 'one'), false)).toMatchObject({ ok: false, error: { reason: 'exists' } });
    expect((await store.removeGuildArticle(G2, 'none')).ok).toBe(false);
    expect((await store.setChannelScope({ guildId: G2, channelId: '5', articles: ['one'] }, 'u')).ok).toBe(true);
    expect((await store.clearChannelScope(G2, '5')).ok).toBe(true);
    expect((await store.removeGuildArticle(G1, 'one')).ok).toBe(true);
    // Announcements arrive in commit order, so the last one heard shows none was left out or added.
    for (const { heard } of [a, b]) {
      await until(() => heard.changed.length >= 4, 'the four writes are heard');
      expect(heard.changed).toEqual([G1, G2, G2, G1]);
    }
  });

  it('let a host pass over its own store’s article changes (it rebuilt already), but not another’s, nor any scope change', async () => {
    const { url, store } = await database();
    const other = await openStore({ dataDir: '/nonexistent', databaseUrl: url, storeQuestions: false });
    opened.push(other);
    expect(store.origin).toMatch(/^[0-9a-f]{12}$/);
    expect(other.origin).not.toBe(store.origin);
    const host = listen(url, undefined, store.origin);
    await until(() => host.heard.resumed === 1, 'it listens');
    expect((await store.putGuildArticle(article(G1, 'mine'), false)).ok).toBe(true);
    expect((await other.putGuildArticle(article(G2, 'theirs'), false)).ok).toBe(true);
    expect((await store.setChannelScope({ guildId: G1, channelId: '5', articles: ['mine'] }, 'u')).ok).toBe(true);
    expect((await store.removeGuildArticle(G1, 'mine')).ok).toBe(true);
    expect((await other.removeGuildArticle(G2, 'theirs')).ok).toBe(true);
    await until(() => host.heard.changed.length >= 3, 'the other store’s writes and the scope are heard');
    expect(host.heard.changed).toEqual([G2, G1, G2]);
  });

  it('reconnect by themselves when the connection is cut, say that changes may have been missed, and hear the next ones', async () => {
    const { url, store } = await database();
    const { heard } = listen(url);
    await until(() => heard.resumed === 1, 'it listens');
    // What a restart of PostgreSQL or a dropped connection does to the listener's session.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'citebot-changes'`);
    await admin.end();
    await until(() => heard.resumed === 2, 'it listens again');
    expect(heard.lost.length).toBeGreaterThanOrEqual(1);
    await store.putGuildArticle(article(G2, 'two'), false);
    await until(() => heard.changed.length === 1, 'the change after reconnecting is heard');
    expect(heard.changed).toEqual([G2]);
  });

  it('keep trying, waiting longer each time, while PostgreSQL cannot be reached, and stop when closed', async () => {
    const port = await freePort();
    const { heard, listener } = listen(`postgres://postgres@127.0.0.1:${port}/none`, { firstRetryMs: 20, maxRetryMs: 80 });
    await until(() => heard.lost.length >= 4, 'four attempts failed');
    expect(heard.lost.slice(0, 4)).toEqual([
      { code: 'ECONNREFUSED', retryInMs: 20 },
      { code: 'ECONNREFUSED', retryInMs: 40 },
      { code: 'ECONNREFUSED', retryInMs: 80 },
      { code: 'ECONNREFUSED', retryInMs: 80 },
    ]);
    expect(heard.resumed).toBe(0);
    await listener.close();
    const after = heard.lost.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.lost.length).toBe(after);
  });
});
