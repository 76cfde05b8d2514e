import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { skippedFiles } from '../../src/corpus/load.ts';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('skippedFiles', () => {
  it('names each file the loader skips that import could bring in, with the command, and not the synonym list or articles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-skipped-'));
    temps.push(dir);
    for (const name of ['report.pdf', 'notes.md', 'synonyms.txt', 'page.html', 'draft.docx', 'photo.png', "team's notes.txt"]) writeFileSync(join(dir, name), 'x');
    const shown = relative(process.cwd(), dir);
    const skipped = skippedFiles(dir);
    expect(skipped.map((s) => s.name)).toEqual(['draft.docx', 'page.html', 'report.pdf', "team's notes.txt"]);
    expect(skipped[2]!.notice).toBe(`${join(shown, 'report.pdf')}: skipped, not an article (.md); to bring it in: npm run import -- ${join(shown, 'report.pdf')} (then remove the original)`);
    expect(skipped[3]!.notice).toContain(`npm run import -- '${join(shown, "team'\\''s notes.txt")}'`);
  });

  it('names nothing for a folder that cannot be read', () => {
    expect(skippedFiles(join(tmpdir(), 'citebot-no-such-folder'))).toEqual([]);
  });
});
