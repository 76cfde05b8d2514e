import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const NOTES = 'notes-from-inside-chinas-ai-labs';
const tmp = mkdtempSync(join(tmpdir(), 'citebot-report-'));
const dataDir = join(tmp, 'data');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function report(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, DISCORD_TOKEN: '', DATABASE_URL: '', CORPUS_DIR: 'corpus', CACHE_DIR: join(tmp, 'cache'), DATA_DIR: dataDir, ...env },
  });
  return { ...r, stderr: r.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')).join('\n') };
}

beforeAll(async () => {
  const store = await openStore({ dataDir, storeQuestions: true });
  const old = new Date(Date.now() - 10 * 86_400_000);
  await store.recordAnswer({ id: 'old', at: old, guildId: '1', kind: 'ask', question: 'an old question about compute', citations: [`${NOTES}#summary-2`] });
  await store.recordAnswer({ id: 'a1', guildId: '1', kind: 'ask', question: 'Which chips are used for inference?', citations: [`${NOTES}#summary-1`, `${NOTES}#summary-2`] });
  await store.recordAnswer({ id: 'a2', guildId: '1', kind: 'mention', question: 'is there anything on fusion?', citations: [], unmatchedWords: ['fusion'] });
  await store.vote('a1', 'user-1', 'down');
  await store.vote('a1', 'user-2', 'up');
  await store.close();
});

describe('npm run report', () => {
  it('prints the public JSON document for the period asked', () => {
    const r = report(['--since', '7d', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['since', 'answers', 'votes', 'downvoted', 'unanswered', 'topCited']);
    expect(doc).toMatchObject({
      answers: 2,
      votes: { up: 1, down: 1 },
      downvoted: [
        { citation: `${NOTES}#summary-1`, down: 1, up: 1 },
        { citation: `${NOTES}#summary-2`, down: 1, up: 1 },
      ],
      unanswered: { count: 1, questions: ['is there anything on fusion?'] },
      topCited: [
        { citation: `${NOTES}#summary-1`, count: 1 },
        { citation: `${NOTES}#summary-2`, count: 1 },
      ],
    });
    expect(Date.now() - Date.parse(doc.since as string)).toBeGreaterThan(6.9 * 86_400_000);
  });

  it('reaches further back with a longer --since', () => {
    const doc = JSON.parse(report(['--since=30d', '--json']).stdout) as { answers: number; topCited: { citation: string; count: number }[] };
    expect(doc.answers).toBe(3);
    expect(doc.topCited[0]).toEqual({ citation: `${NOTES}#summary-2`, count: 2 });
  });

  it('names the article and section of each citation in the text report', () => {
    const r = report([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${NOTES}#summary-1  (Notes from inside China's AI labs › Summary)`);
    expect(r.stdout).toContain('Questions nobody could answer: 1\n  "is there anything on fusion?"\n  words that matched no article: fusion (1)');
  });

  it('reports an empty period, without creating a store, where nothing was recorded yet', () => {
    const empty = join(tmp, 'never-used');
    const r = report(['--json'], { DATA_DIR: empty });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ answers: 0, votes: { up: 0, down: 0 }, downvoted: [], unanswered: { count: 0, questions: [] }, topCited: [] });
    expect(r.stderr).toBe(`citebot: nothing recorded yet (no ${join(empty, 'citebot.db')}).`);
    expect(existsSync(empty)).toBe(false);
  });

  it('exits 2 with one line for a period it cannot read', () => {
    const r = report(['--since', 'last tuesday']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('report: --since takes a period such as 7d, 12h, 2w, or a date such as 2026-11-01');
  });

  it('exits 1 with one line when the store cannot be read', () => {
    const broken = join(tmp, 'broken');
    rmSync(broken, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', broken]);
    writeFileSync(join(broken, 'citebot.db'), 'not a database '.repeat(100));
    const r = report(['--json'], { DATA_DIR: broken });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`citebot: feedback is not recorded: ${join(broken, 'citebot.db')} (DATA_DIR) cannot be used (SQLITE_NOTADB).`);
  });
});
