import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const NOTES = 'notes-from-inside-chinas-ai-labs';
const HUAWEI =
  'The data industry is less developed, leading labs to build data and environments in-house, and there is a significant demand for Nvidia chips, with Huawei chips used for inference. This ecosystem fosters an environment of respect among peers, contrasting with the more tribal dynamics observed in the U.S.';

// Spawned processes keep their saved index out of the project folder.
const cacheDir = mkdtempSync(join(tmpdir(), 'citebot-oneshot-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

function cli(args: string[], input = '', env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/oneshot.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, DISCORD_TOKEN: '', CORPUS_DIR: 'corpus', CACHE_DIR: cacheDir, ...env },
  });
}
const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('oneshot', () => {
  it('prints one answer as one line of JSON for a question given on the command line', () => {
    const r = cli(['ask', 'Which chips are used for inference?', '--json']);
    expect(r.status).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      query: 'Which chips are used for inference?',
      results: [
        {
          citation: `${NOTES}#summary-1`,
          article: { id: NOTES, title: "Notes from inside China's AI labs", publisher: 'AIssential' },
          section: 'Summary',
          text: HUAWEI,
          score: expect.any(Number) as unknown,
        },
      ],
    });
  });

  it('answers each line of standard input with one JSON object a line, in order, errors included', () => {
    const r = cli(
      ['ask', '--json'],
      'Which chips are used for inference?\n\nstudents article: berlin\nHow do I make a cheesecake?\nnvidea\n',
    );
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.query ?? l.error)).toEqual([
      'Which chips are used for inference?',
      'article: no article matches "berlin" (see /sources)',
      'How do I make a cheesecake?',
      'nvidea',
    ]);
    expect((lines[0]!.results as { text: string }[])[0]!.text).toBe(HUAWEI);
    expect(lines[2]!.results).toEqual([]);
    expect((lines[3]!.results as { citation: string }[])[0]!.citation).toBe(`${NOTES}#topics-5`);
    expect(r.status).toBe(1);
  });

  it('stops with every problem of a broken corpus, one line each, and exit code 1', () => {
    const dir = 'test/fixtures/corpus-bad/several-problems';
    const r = cli(['ask', 'students', '--json'], '', { CORPUS_DIR: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'citebot: the corpus cannot be loaded:',
        `  ${dir}/notes-copy.md:4: front matter: unknown field "source" (known: title, publisher, url, author, published, original)`,
        `  ${dir}/${NOTES}.md:1: front matter: title is required`,
        '',
      ].join('\n'),
    );
  });

  it('reads flags after the question as flags: --count sets how many passages', () => {
    const r = cli(['ask', 'students', '--count', '2', '--json']);
    expect(r.status).toBe(0);
    const [line] = jsonLines(r.stdout);
    expect(line!.query).toBe('students');
    expect(line!.results).toHaveLength(2);
  });

  it('refuses an unknown flag with the usage on standard error and exit code 2, answering nothing', () => {
    const r = cli(['ask', 'Which chips', '--jsno']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("Unknown option '--jsno'");
    expect(r.stderr).toContain('usage: npm run cli -- <command>');
  });

  it('refuses a count outside the limits /ask has in Discord, with exit code 2', () => {
    const r = cli(['ask', 'students', '--count', '9']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('count: must be from 1 to 5');
  });

  it('prints the usage for --help or -h, wherever it is, and exits 0', () => {
    for (const args of [['--help'], ['ask', 'Which chips', '-h']]) {
      const r = cli(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('usage: npm run cli -- <command>');
      expect(r.stdout).toContain('/ask <question> [article: …] [count: …]');
    }
  });
});
