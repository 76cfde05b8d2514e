import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SQLITE_PACKAGE, openDatabase } from '../../src/store/sqlite.ts';

const require = createRequire(import.meta.url);
const nodeMajor = Number(process.versions.node.split('.')[0]);

describe('the SQLite driver', () => {
  it('is a Node-API build (better-sqlite3 13 or later) from Node 22 on, where the older one aborts the bot at random', () => {
    const { name, version } = require(`${SQLITE_PACKAGE}/package.json`) as { name: string; version: string };
    expect(name).toBe('better-sqlite3');
    const major = Number(version.split('.')[0]);
    if (nodeMajor >= 22) expect(major).toBeGreaterThanOrEqual(13);
    else expect(major).toBe(12); // 13 crashes on Node 20
  });

  it('opens a database that stores and reads back rows, through many short-lived statements', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE votes (id INTEGER PRIMARY KEY, vote TEXT)');
    for (let i = 0; i < 2_000; i++) db.prepare('INSERT INTO votes (vote) VALUES (?)').run(i % 2 ? 'up' : 'down');
    expect(db.prepare("SELECT count(*) AS n FROM votes WHERE vote = 'up'").get()).toEqual({ n: 1_000 });
    db.close();
  });
});
