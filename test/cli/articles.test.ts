// The operator's tools for one server's own articles: npm run import -- --guild, and npm run articles
// list, export and remove; in this process against a SQLite store in a temporary DATA_DIR.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runArticles } from '../../src/cli/articles.ts';
import { runImport } from '../../src/cli/import.ts';
import { openStore } from '../../src/store/index.ts';
import { CORPUS_DIR, NOTES } from '../support/corpus.ts';
import { tempDir } from '../import/helpers.ts';

const A = '111111111111111111';
const B = '222222222222222222';

function tools() {
  const dataDir = tempDir();
  const lines: string[] = [];
  const io = {
    out: (l: string) => lines.push(l),
    error: (l: string) => lines.push(`! ${l}`),
    defaultCorpus: () => CORPUS_DIR,
    openStore: () => openStore({ dataDir, storeQuestions: false }),
  };
  const run = async (tool: typeof runArticles | typeof runImport, args: string[]) => {
    lines.length = 0;
    return { code: await tool(args, io), out: lines.join('\n') };
  };
  return { dataDir, importer: (args: string[]) => run(runImport, args), articles: (args: string[]) => run(runArticles, args) };
}

describe('npm run import -- --guild and npm run articles', () => {
  it('keeps an import as one server’s article, lists it for that server only, exports it byte for byte and removes it', async () => {
    const { importer, articles } = tools();
    const file = join(CORPUS_DIR, `${NOTES}.md`);
    const imported = await importer([file, '--guild', A, '--id', 'lab-notes']);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/^server 111111111111111111: lab-notes: written\n {2}title: Notes from inside China's AI labs/);
    expect((await articles(['list', '--guild', A])).out).toMatch(
      new RegExp(`^lab-notes {2}\\d+ bytes {2}added \\S+ by cli {2}from ${file}$`),
    );
    expect((await articles(['list', '--guild', B])).out).toBe(`server ${B} has no articles of its own`);
    const out = tempDir();
    expect((await articles(['export', '--guild', A, '--out', out])).code).toBe(0);
    expect(readFileSync(join(out, 'lab-notes.md'))).toEqual(readFileSync(file));
    expect(await articles(['remove', '--guild', A, 'lab-notes'])).toEqual({ code: 0, out: 'lab-notes: removed' });
    expect(await articles(['remove', '--guild', A, 'lab-notes'])).toEqual({ code: 1, out: `! lab-notes: server ${A} has no such article` });
  });

  it('refuses an id the base corpus has, and a second import unless --force, writing nothing to the folder', async () => {
    const { importer } = tools();
    const file = join(CORPUS_DIR, `${NOTES}.md`);
    const before = readdirSync(CORPUS_DIR);
    expect(await importer([file, '--guild', A])).toEqual({
      code: 1,
      out: `! ${file}: the base corpus (${CORPUS_DIR}) has an article "${NOTES}": choose another --id`,
    });
    expect((await importer([file, '--guild', A, '--id', 'x'])).code).toBe(0);
    expect((await importer([file, '--guild', A, '--id', 'x'])).out).toBe(
      `! ${file}: server ${A} already has "x" (add --force to replace it, or choose another --id)`,
    );
    expect((await importer([file, '--guild', A, '--id', 'x', '--force'])).code).toBe(0);
    expect(readdirSync(CORPUS_DIR)).toEqual(before);
  });

  it('says what is wrong with a command line, in one line and the usage', async () => {
    const { articles, importer, dataDir } = tools();
    expect((await articles(['list'])).out).toMatch(/^! citebot articles: --guild takes a Discord server id \(digits only\)\n! usage:/);
    expect((await articles(['export', '--guild', A])).out).toMatch(/^! citebot articles: export needs --out DIR/);
    expect((await articles(['rename', '--guild', A])).code).toBe(2);
    expect((await importer([join(CORPUS_DIR, `${NOTES}.md`), '--guild', 'abc'])).out).toBe(
      '! citebot import: --guild takes a Discord server id (digits only)',
    );
    expect(existsSync(join(dataDir, 'citebot.db'))).toBe(false);
  });
});
