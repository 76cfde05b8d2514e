// What a broken store costs: the one record, never the bot.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/sqlite.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, openSqliteStore, openStore, type Store } from '../../src/store/index.ts';

let dirs: string[] = [];
let stores: Store[] = [];
afterEach(async () => {
  for (const s of stores) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
  stores = [];
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'citebot-faults-'));
  dirs.push(d);
  return d;
};
const keep = (s: Store) => (stores.push(s), s);
const answer = (id: string) => ({ id, guildId: '9', kind: 'ask', question: 'who funds the labs?', citations: ['labs#funding-1'] });

describe('openStore', () => {
  it('keeps citebot.db in DATA_DIR, creating the folder, in WAL mode', async () => {
    const dataDir = join(tempDir(), 'not', 'yet');
    const store = keep(await openStore({ dataDir, storeQuestions: false }, { warn: (l) => expect.fail(l) }));
    expect(store.backend).toBe('sqlite');
    expect((await store.recordAnswer(answer('a'))).ok).toBe(true);
    const file = openDatabase(join(dataDir, DB_FILE), { readonly: true });
    expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
    file.close();
  });

  it('records nothing, and says so in one line, when DATA_DIR cannot be written', async () => {
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const lines: string[] = [];
    const store = keep(await openStore({ dataDir: join(blocker, 'data'), storeQuestions: true }, { warn: (l) => lines.push(l) }));
    expect(store.backend).toBe('none');
    expect(lines).toEqual([`citebot: feedback is not recorded: ${join(blocker, 'data', DB_FILE)} (DATA_DIR) cannot be used (ENOTDIR).`]);
    expect(await store.vote('a', 'u', 'up')).toEqual({ ok: false, error: { reason: 'disabled' } });
    expect(await store.recordAnswer(answer('a'))).toEqual({ ok: false, error: { reason: 'disabled' } });
  });

  it('records nothing, and says so in one line, when citebot.db is not a database', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, DB_FILE), 'this is not a SQLite file, it is a shopping list: eggs, milk, '.repeat(200));
    const lines: string[] = [];
    const store = keep(await openStore({ dataDir, storeQuestions: false }, { warn: (l) => lines.push(l) }));
    expect(store.backend).toBe('none');
    expect(lines).toEqual([`citebot: feedback is not recorded: ${join(dataDir, DB_FILE)} (DATA_DIR) cannot be used (SQLITE_NOTADB).`]);
  });

  it('records nothing when PostgreSQL cannot be reached, and never prints the URL (it may hold a password)', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const lines: string[] = [];
    const store = keep(
      await openStore(
        { dataDir: tempDir(), databaseUrl: `postgres://citebot:hunter2-secret@127.0.0.1:${port}/citebot`, storeQuestions: false },
        { warn: (l) => lines.push(l) },
      ),
    );
    expect(store.backend).toBe('none');
    expect(lines).toEqual(['citebot: feedback is not recorded: PostgreSQL (DATABASE_URL) cannot be used (ECONNREFUSED).']);
  });
});

describe('a store whose database fails while the bot runs', () => {
  it('loses the vote, as a value, when the disk is full, and records again once there is room', async () => {
    const database = openDatabase(join(tempDir(), DB_FILE));
    const store = keep(await openSqliteStore(database, { storeQuestions: false }));
    expect((await store.recordAnswer(answer('a'))).ok).toBe(true);
    // SQLite's own ceiling on the file's size: a write that needs one more page fails as on a full disk.
    const pages = database.pragma('page_count', { simple: true }) as number;
    database.pragma(`max_page_count = ${pages}`);
    const many = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.recordAnswer({ ...answer(`full-${i}`), citations: Array.from({ length: 30 }, (_, j) => `labs#a-long-section-name-${j}`) }),
      ),
    );
    expect(many.find((r) => !r.ok)).toEqual({ ok: false, error: { reason: 'full', code: 'SQLITE_FULL' } });
    database.pragma(`max_page_count = ${pages * 100}`);
    expect(await store.vote('a', 'u', 'up')).toEqual({ ok: true, value: { mine: 'up', up: 1, down: 0 } });
  });

  it('gives up a vote quickly, as a value, while another process holds the database locked', async () => {
    const dataDir = tempDir();
    const store = keep(await openStore({ dataDir, storeQuestions: false }, { warn: (l) => expect.fail(l) }));
    expect((await store.recordAnswer(answer('a'))).ok).toBe(true);
    const other = openDatabase(join(dataDir, DB_FILE));
    other.exec('BEGIN EXCLUSIVE');
    try {
      expect(await store.vote('a', 'u', 'up')).toEqual({ ok: false, error: { reason: 'locked', code: 'SQLITE_BUSY' } });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await store.vote('a', 'u', 'up')).toEqual({ ok: true, value: { mine: 'up', up: 1, down: 0 } });
  });

  it('records nothing after it is closed', async () => {
    const store = await openStore({ dataDir: tempDir(), storeQuestions: false });
    await store.close();
    expect(await store.vote('a', 'u', 'up')).toEqual({ ok: false, error: { reason: 'disabled' } });
  });
});
