import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/answers/index.ts';
import { askButtons } from '../../src/bot/buttons.ts';
import { corpusKeyOfIndex, openCorpus } from '../../src/engine.ts';

const dir = mkdtempSync(join(tmpdir(), 'citebot-buttons-'));
cpSync('corpus', dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function moreId(): { more: string | undefined; key: string | undefined } {
  const opened = openCorpus(dir);
  if (!opened.ok) throw new Error(opened.error.join('\n'));
  const answer = ask(opened.value, 'students', { limit: 1 });
  if (!answer.ok) throw new Error(answer.error.message);
  return { more: askButtons(opened.value, answer.value, 1).more, key: corpusKeyOfIndex(opened.value) };
}

describe('askButtons', () => {
  it('ties More to the key the engine made of the corpus files: the same after a restart, another once an article changes', () => {
    const first = moreId();
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(moreId().more).toBe(first.more);
    const file = join(dir, 'notes-from-inside-chinas-ai-labs.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
    const edited = moreId();
    expect(edited.key).not.toBe(first.key);
    expect(edited.more).not.toBe(first.more);
  });
});
