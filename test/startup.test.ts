import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../bench/generate.ts';
import { openCorpus } from '../src/engine.ts';
import { progressLine } from '../src/startup.ts';
import { tempDir } from './support/corpus.ts';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (s: string) => (written.push(s), true) } as never };
}

describe('the progress line while a corpus is read and indexed', () => {
  it('rewrites one line in place on a terminal and clears it when done', () => {
    const { written, stream } = fakeStream(true);
    const p = progressLine(stream);
    p.update('read', 500, 1000);
    p.update('index', 5000, 20000);
    p.done();
    expect(written[0]).toBe('\rreading 500/1000 articles…\x1b[K');
    expect(written[1]).toBe('\rindexing 5000/20000 passages…\x1b[K');
    expect(written.at(-1)).toBe('\r\x1b[K');
  });

  it('prints plain lines into a log, at most one per interval, so a quick start prints nothing', () => {
    const { written, stream } = fakeStream(false);
    const quiet = progressLine(stream);
    quiet.update('read', 500, 1000);
    quiet.done();
    expect(written).toEqual([]);

    const every = progressLine(stream, 0);
    every.update('read', 500, 1000);
    expect(written).toEqual(['citebot: reading 500/1000 articles…\n']);
    expect(written.join('')).not.toContain('\r');
  });

  const dir = tempDir('citebot-progress-');
  it('hears both stages from a corpus large enough to take a while', () => {
    generateCorpus({ articles: 600, dir, seed: 3 });
    const { written, stream } = fakeStream(false);
    const p = progressLine(stream, 0);
    const opened = openCorpus(dir, { onProgress: p.update });
    expect(opened.ok).toBe(true);
    expect(written.some((l) => l.startsWith('citebot: reading 500/600 articles'))).toBe(true);
    expect(written.some((l) => /^citebot: indexing \d+\/\d+ passages/.test(l))).toBe(true);
  });
});
