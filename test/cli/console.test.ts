import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../src/cli/console.ts';
import type { CommandContext } from '../../src/command.ts';
import { openCorpus } from '../../src/engine.ts';
import { liveIndex } from '../../src/reload/live.ts';
import type { SearchIndex } from '../../src/search/index.ts';
import { NOTES, ROOT, realIndex, tempDir } from '../support/corpus.ts';

const index = realIndex();

/** Types `lines` into the console and gives back everything it printed. */
async function session(
  lines: readonly string[],
  interactive = false,
  source: SearchIndex | (() => SearchIndex) = index,
  context?: CommandContext,
): Promise<string> {
  let out = '';
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  await runConsole(source, { input: Readable.from(lines.map((l) => `${l}\n`)), output, interactive }, context);
  return out;
}

// Spawned processes keep their saved index out of the project folder. They are this Node with tsx
// loaded, as `npm start` runs them, without npx in between (its warnings, its start-up time).
const cacheDir = tempDir('citebot-console-');
const run = (input: string, env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, CORPUS_DIR: 'corpus', CACHE_DIR: cacheDir, LOG_LEVEL: 'info', ...env },
  });

describe('runConsole', () => {
  it('answers a slash command as in Discord, with the cited excerpt', async () => {
    const out = await session(['/ask Which chips are used for inference?']);
    expect(out).toContain('Q: Which chips are used for inference?\n');
    expect(out).toContain('tribal dynamics observed in the U.S.”');
    expect(out).toContain(`[${NOTES}#summary-1]`);
  });

  it('takes a line without a slash for a question', async () => {
    expect(await session(['Which chips are used for inference?'])).toBe(await session(['/ask Which chips are used for inference?']));
  });

  it('answers each line in turn and skips blank ones', async () => {
    const out = await session(['/quote ' + `${NOTES}#principles-2`, '', '   ', '/takeaway notes topic: students']);
    expect(out.indexOf('Ownership mentality drives LLM investment.')).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('Integrate students as peers in LLM teams.')).toBeGreaterThan(out.indexOf('Ownership mentality'));
  });

  it('reads "name: value" options after the text', async () => {
    const out = await session(['/ask students article: cultural count: 1']);
    expect(out.match(/^ *\d+\. “/gm)).toHaveLength(1);
    expect(out).toContain("(in Inside China's AI Labs: How Cultural Differences Shape AI Development)");
  });

  it('answers a mistake with what is wrong and carries on', async () => {
    const out = await session(['/bogus', '/ask labs count: two', '/sources now', '/quote x#summary-9', 'nvidea']);
    expect(out.split('\n').slice(0, 4)).toEqual([
      'unknown command "/bogus"; try /help',
      'count: must be a whole number',
      '/sources takes no text',
      'quote: no passage "x#summary-9" (ids look like article-id#section-1; /sources lists articles)',
    ]);
    expect(out).toContain('NVIDIA Chip Supply');
  });

  it('says so when nothing answers', async () => {
    expect(await session(['How do I make a cheesecake?'])).toBe('Nothing in the corpus answers that.\n');
  });

  it('prints the commands for /help', async () => {
    const out = await session(['/help']);
    expect(out).toContain('A line without a slash is a question (/ask).');
    for (const c of ['/ask <question>', '/takeaway', '/compare <topic>', '/summary <article>', '/sources', '/quote <id>'])
      expect(out).toContain(c);
  });

  it('stops at "quit", leaving later lines unanswered', async () => {
    const out = await session(['/quote ' + `${NOTES}#principles-2`, 'quit', '/quote ' + `${NOTES}#principles-3`]);
    expect(out).toContain('Ownership mentality');
    expect(out).not.toContain('Ecosystem collaboration');
  });

  it('shows no prompt and no highlighting when not at a terminal', async () => {
    const out = await session(['Which chips are used for inference?']);
    expect(out).not.toContain('citebot> ');
    expect(out).not.toContain('\x1b[');
  });

  it('prompts and highlights the matched words for a person at a terminal', async () => {
    const out = await session(['Which chips are used for inference?'], true);
    expect(out).toContain('citebot> ');
    expect(out).toContain('Huawei \x1b[1mchips\x1b[22m \x1b[1mused\x1b[22m for \x1b[1minference\x1b[22m');
  });
});

describe('npm start', () => {
  it('opens the local console without a token, answers a question piped to it and reloads on /reload', () => {
    const r = run('/ask Which chips are used for inference?\n/reload\n', { DISCORD_TOKEN: '' });
    expect(r.stderr).toContain('No DISCORD_TOKEN set: opening the local console (2 articles, 23 passages; /help for commands).');
    expect(r.stdout).toContain('Huawei chips used for inference');
    expect(r.stdout).toContain(`[${NOTES}#summary-1]`);
    expect(r.stdout).toContain('Corpus reloaded'); // the console lends /reload its live corpus
    expect(r.status).toBe(0);
  });

  it('stops with every configuration problem and exit code 2, never echoing the token', () => {
    const token = 'Bot fake-test-token-s3cr3t-never-shown';
    const r = run('', { DISCORD_TOKEN: token, LOG_LEVEL: 'loud' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'citebot: configuration problems:\n  DISCORD_TOKEN: must not contain spaces\n  LOG_LEVEL: must be one of debug, info, warn, error\n',
    );
    expect(r.stdout + r.stderr).not.toContain('s3cr3t');
  });
});

describe('runConsole with a live corpus', () => {
  it('reloads on /reload and says what changed; /quote then says a removed passage was removed', async () => {
    const dir = tempDir('citebot-console-live-');
    cpSync(join(ROOT, 'corpus'), dir, { recursive: true });
    const opened = openCorpus(dir);
    if (!opened.ok) throw new Error(opened.error.join('\n'));
    const live = liveIndex(dir, opened.value);
    try {
      rmSync(join(dir, `${NOTES}.md`));
      const out = await session(['/reload', `/quote ${NOTES}#summary-1`], false, () => live.current(), {
        corpus: { corpusDir: dir, live },
      });
      expect(out).toContain(`Corpus reloaded\n  −1 (${NOTES}); passages 23 → 6`);
      expect(out).toContain('That passage was removed from the corpus when it was last reloaded.');
    } finally {
      await live.close();
    }
  });
});
