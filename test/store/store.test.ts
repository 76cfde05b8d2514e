// The store's behaviour, run twice: on SQLite in a temporary DATA_DIR and on a real PostgreSQL
// server on 127.0.0.1 (started here; skipped, saying so, only where none can be installed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/sqlite.ts';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, MIGRATIONS, migrate, newAnswerId, openStore, type Store, type Tables } from '../../src/store/index.ts';
import { startPostgres } from '../support/postgres.ts';

const server = await startPostgres();
if ('skipped' in server) console.warn(`\n*** PostgreSQL store tests SKIPPED: ${server.skipped} ***\n`);
afterAll(() => ('stop' in server ? server.stop() : undefined));

const DAY = 86_400_000;
const NOW = Date.now();
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY);

/** One place to keep a store: open it (again), and look at its raw tables. */
interface Place {
  open(settings?: { storeQuestions?: boolean }, warn?: (line: string) => void): Promise<Store>;
  /** A Kysely instance on the same database, for reading rows the store wrote and for older schemas. */
  raw(): Kysely<Tables>;
}

let dbCount = 0;
const backends: { name: string; skip: boolean; place(): Promise<Place> }[] = [
  {
    name: 'SQLite',
    skip: false,
    place() {
      const dataDir = mkdtempSync(join(tmpdir(), 'citebot-store-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      return Promise.resolve({
        open: (s = {}, warn) => openStore({ dataDir, storeQuestions: s.storeQuestions ?? false }, { warn: warn ?? failOnWarning }),
        raw: () => new Kysely<Tables>({ dialect: new SqliteDialect({ database: openDatabase(join(dataDir, DB_FILE)) }) }),
      });
    },
  },
  {
    name: 'PostgreSQL',
    skip: 'skipped' in server,
    async place() {
      if ('skipped' in server) throw new Error('unreachable');
      const url = await server.createDatabase(`store_${process.pid}_${++dbCount}`);
      return {
        open: (s = {}, warn) =>
          openStore(
            { dataDir: '/nonexistent', databaseUrl: url, storeQuestions: s.storeQuestions ?? false },
            { warn: warn ?? failOnWarning },
          ),
        raw: () => new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) }),
      };
    },
  },
];

const failOnWarning = (line: string) => {
  throw new Error(`unexpected store warning: ${line}`);
};

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});
const track = <T extends { close?: () => Promise<void>; destroy?: () => Promise<void> }>(x: T): T => {
  cleanups.push(() => (x.close ? x.close() : x.destroy?.()));
  return x;
};

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`store failed: ${JSON.stringify(r.error)}`);
  return r.value;
};

for (const backend of backends) {
  describe.skipIf(backend.skip)(`the store on ${backend.name}`, () => {
    it('creates its schema in an empty database and counts the answers shown', async () => {
      const place = await backend.place();
      const store = track(await place.open());
      expect(store.backend).toBe(backend.name === 'SQLite' ? 'sqlite' : 'postgres');
      unwrap(
        await store.recordAnswer({
          id: 'a1',
          at: at(1),
          guildId: '1',
          kind: 'ask',
          question: 'who funds the labs?',
          citations: ['labs#funding-1', 'labs#funding-2'],
        }),
      );
      unwrap(
        await store.recordAnswer({
          id: 'a2',
          at: at(0),
          guildId: '1',
          kind: 'mention',
          question: 'and the chips?',
          citations: ['labs#funding-1'],
        }),
      );
      const report = unwrap(await store.report(at(7)));
      expect(report.answers).toBe(2);
      expect(report.topCited).toEqual([
        { citation: 'labs#funding-1', count: 2 },
        { citation: 'labs#funding-2', count: 1 },
      ]);
      expect(report.days.map((d) => d.answers)).toEqual([1, 1]);
    });

    it('records a vote, clears it when the same side is pressed again, and changes sides', async () => {
      const store = track(await (await backend.place()).open());
      const id = newAnswerId();
      unwrap(await store.recordAnswer({ id, guildId: '1', kind: 'ask', question: 'q', citations: ['a#b-1'] }));
      expect(unwrap(await store.vote(id, 'user-1', 'up'))).toEqual({ mine: 'up', up: 1, down: 0 });
      expect(unwrap(await store.vote(id, 'user-1', 'down'))).toEqual({ mine: 'down', up: 0, down: 1 });
      expect(unwrap(await store.vote(id, 'user-1', 'down'))).toEqual({ mine: null, up: 0, down: 0 });
      expect(unwrap(await store.report(at(1))).votes).toEqual({ up: 0, down: 0 });
    });

    it('keeps one vote per user per answer, and counts every user', async () => {
      const store = track(await (await backend.place()).open());
      unwrap(await store.recordAnswer({ id: 'x', guildId: null, kind: 'ask', question: 'q', citations: ['a#b-1'] }));
      unwrap(await store.vote('x', 'u1', 'up'));
      unwrap(await store.vote('x', 'u1', 'up')); // cleared: pressed twice
      unwrap(await store.vote('x', 'u1', 'up'));
      unwrap(await store.vote('x', 'u2', 'up'));
      expect(unwrap(await store.vote('x', 'u3', 'down'))).toEqual({ mine: 'down', up: 2, down: 1 });
      expect(unwrap(await store.report(at(1))).votes).toEqual({ up: 2, down: 1 });
    });

    it('keeps no question text and no user id unless asked to, only salted hashes', async () => {
      const place = await backend.place();
      const store = track(await place.open());
      unwrap(await store.recordAnswer({ id: 'h1', guildId: '9', kind: 'ask', question: 'What about  FUNDING?', citations: [] }));
      unwrap(await store.recordAnswer({ id: 'h2', guildId: '9', kind: 'ask', question: 'what about funding?', citations: [] }));
      unwrap(await store.vote('h1', '123456789012345678', 'down'));
      const raw = track(place.raw());
      const rows = await raw.selectFrom('answers').select(['id', 'question', 'question_hash']).orderBy('id').execute();
      expect(rows.map((r) => r.question)).toEqual([null, null]);
      expect(rows[0]!.question_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0]!.question_hash).toBe(rows[1]!.question_hash);
      const votes = await raw.selectFrom('votes').select('voter').execute();
      expect(votes[0]!.voter).not.toContain('123456789012345678');
      const report = unwrap(await store.report(at(1)));
      expect(report.unanswered).toMatchObject({ count: 2, questions: [] });
    });

    it('keeps the text of questions when STORE_QUESTIONS is on, and reports the unanswered ones', async () => {
      const store = track(await (await backend.place()).open({ storeQuestions: true }));
      unwrap(
        await store.recordAnswer({
          id: 'q1',
          at: at(2),
          guildId: '9',
          kind: 'ask',
          question: 'Is there anything on fusion?',
          citations: [],
        }),
      );
      unwrap(
        await store.recordAnswer({
          id: 'q2',
          at: at(1),
          guildId: '9',
          kind: 'ask',
          question: 'who funds the labs?',
          citations: ['labs#funding-1'],
        }),
      );
      unwrap(
        await store.recordAnswer({ id: 'q3', at: at(0), guildId: '9', kind: 'ask', question: 'any word on tokamaks?', citations: [] }),
      );
      expect(unwrap(await store.report(at(7))).unanswered.questions).toEqual(['any word on tokamaks?', 'Is there anything on fusion?']);
    });

    it('reports the words of unanswered questions that no article contains, most frequent first', async () => {
      const store = track(await (await backend.place()).open());
      unwrap(
        await store.recordAnswer({
          id: 'w1',
          guildId: '9',
          kind: 'ask',
          question: 'fusion tokamaks',
          citations: [],
          unmatchedWords: ['Fusion', 'tokamaks'],
        }),
      );
      unwrap(
        await store.recordAnswer({
          id: 'w2',
          guildId: '9',
          kind: 'ask',
          question: 'fusion power',
          citations: [],
          unmatchedWords: ['fusion'],
        }),
      );
      expect(unwrap(await store.report(at(1))).unanswered).toEqual({
        count: 2,
        questions: [],
        words: [
          { word: 'fusion', count: 2 },
          { word: 'tokamaks', count: 1 },
        ],
      });
    });

    it('ranks down-voted citations by down-votes, and leaves out what is older than the period', async () => {
      const store = track(await (await backend.place()).open());
      unwrap(await store.recordAnswer({ id: 'd1', guildId: '9', kind: 'ask', question: 'q1', citations: ['a#s-1', 'a#s-2'] }));
      unwrap(await store.recordAnswer({ id: 'd2', guildId: '9', kind: 'ask', question: 'q2', citations: ['a#s-2'] }));
      unwrap(await store.recordAnswer({ id: 'old', at: at(30), guildId: '9', kind: 'ask', question: 'q3', citations: ['z#old-1'] }));
      unwrap(await store.vote('d1', 'u1', 'down'));
      unwrap(await store.vote('d2', 'u1', 'down'));
      unwrap(await store.vote('d2', 'u2', 'up'));
      const report = unwrap(await store.report(at(7)));
      expect(report.downvoted).toEqual([
        { citation: 'a#s-2', down: 2, up: 1 },
        { citation: 'a#s-1', down: 1, up: 0 },
      ]);
      expect(report.answers).toBe(2);
      expect(report.topCited.map((c) => c.citation)).not.toContain('z#old-1');
      expect(unwrap(await store.report(at(31))).answers).toBe(3);
      expect(report.since).toBe(at(7).toISOString());
    });

    it('shares votes between two processes on one store (the same salt, the same voter)', async () => {
      const place = await backend.place();
      const one = track(await place.open());
      const two = track(await place.open());
      unwrap(await one.recordAnswer({ id: 's1', guildId: '9', kind: 'ask', question: 'q', citations: ['a#s-1'] }));
      unwrap(await one.vote('s1', 'u1', 'up'));
      // The same person pressing again through the other process clears their vote.
      expect(unwrap(await two.vote('s1', 'u1', 'up'))).toEqual({ mine: null, up: 0, down: 0 });
    });

    it('upgrades a store left at the previous schema, keeping its answers and votes', async () => {
      const place = await backend.place();
      const raw = track(place.raw());
      const previous = Object.keys(MIGRATIONS).at(-2)!;
      await migrate(raw, previous);
      await raw
        .insertInto('answers')
        .values({
          id: 'v1',
          at: NOW - DAY,
          day: new Date(NOW - DAY).toISOString().slice(0, 10),
          guild_id: '9',
          kind: 'ask',
          question_hash: 'f'.repeat(64),
          question: null,
          answered: 1,
        })
        .execute();
      await raw.insertInto('answer_citations').values({ answer_id: 'v1', rank: 1, citation: 'a#s-1' }).execute();
      await raw
        .insertInto('votes')
        .values({ answer_id: 'v1', voter: 'someone', vote: 'down', at: NOW - DAY, day: new Date(NOW - DAY).toISOString().slice(0, 10) })
        .execute();
      await expect(raw.selectFrom('guild_articles').selectAll().execute()).rejects.toThrow();

      const store = track(await place.open());
      unwrap(
        await store.recordAnswer({ id: 'v2', guildId: '9', kind: 'ask', question: 'fusion', citations: [], unmatchedWords: ['fusion'] }),
      );
      const report = unwrap(await store.report(at(7)));
      expect(report.answers).toBe(2);
      expect(report.downvoted).toEqual([{ citation: 'a#s-1', down: 1, up: 0 }]);
      expect(report.unanswered.words).toEqual([{ word: 'fusion', count: 1 }]);
    });

    it('reports one server without another’s answers, votes, words or questions, and every server without --guild', async () => {
      const store = track(await (await backend.place()).open({ storeQuestions: true }));
      const A = '111111111111111111';
      const B = '222222222222222222';
      unwrap(
        await store.recordAnswer({ id: 'ga1', guildId: A, kind: 'ask', question: 'who funds the labs?', citations: ['labs#funding-1'] }),
      );
      unwrap(
        await store.recordAnswer({
          id: 'ga2',
          guildId: A,
          kind: 'ask',
          question: 'secret tokamak plans?',
          citations: [],
          unmatchedWords: ['tokamak'],
        }),
      );
      unwrap(await store.recordAnswer({ id: 'gb1', guildId: B, kind: 'ask', question: 'what chips?', citations: ['chips#summary-1'] }));
      unwrap(await store.vote('ga1', 'u1', 'down'));
      unwrap(await store.vote('gb1', 'u2', 'up'));
      const a = unwrap(await store.report(at(1), { guildId: A }));
      const b = unwrap(await store.report(at(1), { guildId: B }));
      expect([a.answers, a.votes, a.unanswered.questions, a.unanswered.words]).toEqual([
        2,
        { up: 0, down: 1 },
        ['secret tokamak plans?'],
        [{ word: 'tokamak', count: 1 }],
      ]);
      expect(a.topCited.map((c) => c.citation)).toEqual(['labs#funding-1']);
      expect(a.downvoted.map((c) => c.citation)).toEqual(['labs#funding-1']);
      expect([b.answers, b.votes, b.unanswered.count, b.unanswered.questions, b.unanswered.words, b.downvoted]).toEqual([
        1,
        { up: 1, down: 0 },
        0,
        [],
        [],
        [],
      ]);
      expect(b.topCited.map((c) => c.citation)).toEqual(['chips#summary-1']);
      const all = unwrap(await store.report(at(1)));
      expect([all.answers, all.votes]).toEqual([3, { up: 1, down: 1 }]);
    });

    it('keeps a server’s articles byte for byte with who added them, apart from every other server’s', async () => {
      const store = track(await (await backend.place()).open());
      const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('---\ntitle: Ä\n---\n\nText.\r\n'), 0xff]);
      const article = { guildId: '1', id: 'a', markdown: bytes, source: 'a.md', addedBy: '42', addedAt: at(0) };
      unwrap(await store.putGuildArticle(article, false));
      unwrap(await store.putGuildArticle({ ...article, guildId: '2', markdown: new Uint8Array([1]) }, false));
      const [kept] = unwrap(await store.guildArticles('1'));
      expect(kept).toEqual(article);
      expect(unwrap(await store.listGuildArticles('1'))).toEqual([
        { guildId: '1', id: 'a', source: 'a.md', addedBy: '42', addedAt: at(0), bytes: bytes.length },
      ]);
      expect(unwrap(await store.guildArticles('2')).map((a) => [...a.markdown])).toEqual([[1]]);
      expect(unwrap(await store.guildsWithArticles())).toEqual(['1', '2']);
    });

    it('refuses to add an article a server already has unless replacing, and removes only that server’s', async () => {
      const store = track(await (await backend.place()).open());
      const article = { guildId: '1', id: 'a', markdown: new Uint8Array([1]), source: 'a.md', addedBy: '42', addedAt: at(1) };
      unwrap(await store.putGuildArticle(article, false));
      unwrap(await store.putGuildArticle({ ...article, guildId: '2' }, false));
      expect(await store.putGuildArticle({ ...article, markdown: new Uint8Array([2]) }, false)).toEqual({
        ok: false,
        error: { reason: 'exists' },
      });
      expect(unwrap(await store.guildArticles('1'))[0]!.markdown).toEqual(new Uint8Array([1]));
      unwrap(await store.putGuildArticle({ ...article, markdown: new Uint8Array([2]), source: 'https://x.test/a' }, true));
      expect(unwrap(await store.guildArticles('1')).map((a) => [a.source, [...a.markdown]])).toEqual([['https://x.test/a', [2]]]);
      unwrap(await store.removeGuildArticle('1', 'a'));
      expect(await store.removeGuildArticle('1', 'a')).toEqual({ ok: false, error: { reason: 'missing' } });
      expect(unwrap(await store.guildArticles('1'))).toEqual([]);
      expect(unwrap(await store.guildArticles('2'))).toHaveLength(1);
    });

    it('keeps a channel’s scope per server and channel, replaces it, and clears it', async () => {
      const store = track(await (await backend.place()).open());
      unwrap(await store.setChannelScope({ guildId: '1', channelId: '10', articles: ['a', 'b'] }, '42'));
      expect(unwrap(await store.channelScope('1', '10'))).toEqual({ guildId: '1', channelId: '10', articles: ['a', 'b'] });
      expect(unwrap(await store.channelScope('2', '10'))).toBeNull();
      unwrap(await store.setChannelScope({ guildId: '1', channelId: '10', articles: ['c'] }, '42'));
      expect(unwrap(await store.channelScope('1', '10'))?.articles).toEqual(['c']);
      expect(unwrap(await store.clearChannelScope('1', '10'))).toBe(true);
      expect(unwrap(await store.clearChannelScope('1', '10'))).toBe(false);
      expect(unwrap(await store.channelScope('1', '10'))).toBeNull();
    });

    it('records many answers shown at once, more than one batch of them, every one', async () => {
      const store = track(await (await backend.place()).open());
      const results = await Promise.all(
        Array.from({ length: 450 }, (_, i) =>
          store.recordAnswer({ id: `m${i}`, guildId: '9', kind: 'ask', question: `q${i}`, citations: [`a#s-${i % 3}`] }),
        ),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      const report = unwrap(await store.report(at(1)));
      expect(report.answers).toBe(450);
      expect(report.topCited).toEqual([0, 1, 2].map((n) => ({ citation: `a#s-${n}`, count: 150 })));
    });

    it('writes the answers still waiting when it is closed', async () => {
      const place = await backend.place();
      const first = await place.open();
      const recorded = first.recordAnswer({ id: 'late', guildId: '9', kind: 'ask', question: 'q', citations: ['a#s-1'] });
      await first.close();
      expect(await recorded).toEqual({ ok: true, value: undefined });
      const again = track(await place.open());
      expect(unwrap(await again.report(at(1))).answers).toBe(1);
    });

    it('opens a store already at the newest schema without changing it', async () => {
      const place = await backend.place();
      const first = await place.open();
      unwrap(await first.recordAnswer({ id: 'r1', guildId: '9', kind: 'ask', question: 'q', citations: ['a#s-1'] }));
      await first.close();
      const again = track(await place.open());
      expect(unwrap(await again.report(at(1))).answers).toBe(1);
    });
  });
}

describe.skipIf('skipped' in server)('the store on PostgreSQL, while another process holds a lock', () => {
  it('stops waiting and loses the vote as a value, well inside the 3 s an interaction allows', async () => {
    if ('skipped' in server) return;
    const url = await server.createDatabase(`store_${process.pid}_lock`);
    const store = track(
      await openStore({ dataDir: '/nonexistent', databaseUrl: url, storeQuestions: false }, { warn: failOnWarning, timeoutMs: 300 }),
    );
    unwrap(await store.recordAnswer({ id: 'l1', guildId: '9', kind: 'ask', question: 'q', citations: ['a#s-1'] }));
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    cleanups.push(() => other.end());
    await other.query('BEGIN');
    await other.query('LOCK TABLE votes IN ACCESS EXCLUSIVE MODE');
    expect(await store.vote('l1', 'u1', 'up')).toEqual({ ok: false, error: { reason: 'timeout' } });
    await other.query('ROLLBACK');
    // The store is still usable once the lock is gone.
    expect(unwrap(await store.vote('l1', 'u2', 'down'))).toMatchObject({ mine: 'down', down: 1 });
  });

  it('gives up reading a server’s articles as a value, so that its first question answers from the base articles', async () => {
    if ('skipped' in server) return;
    const url = await server.createDatabase(`store_${process.pid}_articles_lock`);
    const store = track(
      await openStore({ dataDir: '/nonexistent', databaseUrl: url, storeQuestions: false }, { warn: failOnWarning, timeoutMs: 300 }),
    );
    const markdown = new TextEncoder().encode('---\ntitle: Ours\n---\n\n## A\n\nOur own words.\n');
    unwrap(
      await store.putGuildArticle({ guildId: '9', id: 'ours', markdown, source: 'upload', addedBy: 'u1', addedAt: new Date() }, false),
    );
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    cleanups.push(() => other.end());
    await other.query('BEGIN');
    await other.query('LOCK TABLE guild_articles IN ACCESS EXCLUSIVE MODE');
    expect(await store.guildArticles('9')).toEqual({ ok: false, error: { reason: 'timeout' } });
    expect(await store.guildsWithArticles()).toEqual({ ok: false, error: { reason: 'timeout' } });
    await other.query('ROLLBACK');
    expect(unwrap(await store.guildArticles('9')).map((a) => a.id)).toEqual(['ours']);
  });
});
