import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/import.ts';
import { filesIn, fixture, root, seed, tempDir } from '../import/helpers.ts';
import { startPageServer } from '../import/server.ts';

async function run(args: string[], corpus?: string) {
  const out: string[] = [];
  const error: string[] = [];
  const code = await runImport(corpus ? [...args, '--corpus', corpus] : args, {
    out: (l) => out.push(l),
    error: (l) => error.push(l),
    defaultCorpus: () => 'corpus',
  });
  return { code, out: out.join('\n'), error: error.join('\n') };
}

let site: Awaited<ReturnType<typeof startPageServer>>;
beforeAll(async () => {
  site = await startPageServer();
});
afterAll(() => site.close());

describe('npm run import', () => {
  it('prints, for each input, the file written, title, publisher, sections with passage counts and first citation ids', async () => {
    const dir = tempDir();
    const { code, out } = await run([seed('000_e94bd79d55765b53.txt'), fixture('inside-chinas-ai-labs.html')], dir);
    expect(code).toBe(0);
    expect(out).toContain(
      "notes-from-inside-chinas-ai-labs.md: written\n  title: Notes from inside China's AI labs\n  publisher: not stated\n",
    );
    expect(out).toContain(
      '  sections (9): Summary (1), Key takeaway (1), Key insights (1), Principles (3), Method (1), In practice (3), Topics (5), Best for (1), Related on AIssential (1)\n  passages: 17\n',
    );
    expect(out).toContain(
      '  cite: notes-from-inside-chinas-ai-labs#summary-1, notes-from-inside-chinas-ai-labs#key-takeaway-1, notes-from-inside-chinas-ai-labs#key-insights-1',
    );
    expect(out).toContain('  publisher: AI Industry Digest');
    expect(out).toMatch(/2 of 2 imported$/);
    expect(filesIn(dir)).toEqual([
      'inside-chinas-ai-labs-how-cultural-differences-shape-ai-development.md',
      'notes-from-inside-chinas-ai-labs.md',
    ]);
  });

  it('exits 1 when any input was not written, naming it in one line, and still writes the others', async () => {
    const dir = tempDir();
    const empty = join(tempDir(), 'empty.txt');
    writeFileSync(empty, '');
    const { code, error, out } = await run([empty, seed('002_9d92085403a415fd.txt')], dir);
    expect(code).toBe(1);
    expect(error).toBe(`${empty}: no text to import (the file is empty)`);
    expect(out).toMatch(/1 of 2 imported$/);
    expect(filesIn(dir)).toHaveLength(1);
  });

  it('refuses a URL on this machine without --allow-private, and imports it with', async () => {
    const dir = tempDir();
    const refused = await run([`${site.base}/article`], dir);
    expect(refused.code).toBe(1);
    expect(refused.error).toBe(
      `${site.base}/article: is a private, loopback or link-local address: refused (add --allow-private to import from your own network)`,
    );
    expect(filesIn(dir)).toEqual([]);
    const allowed = await run([`${site.base}/article`, '--allow-private'], dir);
    expect(allowed.code).toBe(0);
    expect(filesIn(dir)).toEqual(['inside-chinas-ai-labs-how-cultural-differences-shape-ai-development.md']);
  });

  it('exits 2 with the usage for an unknown option, no input, or --id with several inputs', async () => {
    expect((await run(['--frce', 'x.txt'])).code).toBe(2);
    expect((await run(['--frce', 'x.txt'])).error).toMatch(/^citebot import: Unknown option '--frce'/);
    expect((await run([])).code).toBe(2);
    expect(await run(['a.txt', 'b.txt', '--id', 'x'])).toMatchObject({
      code: 2,
      error: 'citebot import: --id names one article: give one input with it',
    });
  });

  it('runs as an npm script: a file with no text is one line on stderr and exit 1', async () => {
    const dir = tempDir();
    const blank = join(tempDir(), 'blank.txt');
    writeFileSync(blank, '\n');
    const failed = await promisify(execFile)('npm', ['run', '-s', 'import', '--', blank, '--corpus', dir], { cwd: root }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in failed && failed.code).toBe(1);
    expect((failed as { stderr: string }).stderr.split('\n').filter((l) => l && !l.startsWith('npm warn'))).toEqual([
      `${blank}: no text to import (the file is empty)`,
    ]);
    expect(filesIn(dir)).toEqual([]);
  });
});
