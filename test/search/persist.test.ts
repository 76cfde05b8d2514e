// The saved index: reused while nothing it depends on changed, rebuilt when anything did, and never
// trusted when damaged.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate.ts';
import { ask } from '../../src/answers/index.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { openCorpusCached } from '../../src/engine.ts';
import type { SearchIndex } from '../../src/search/index.ts';
import { analysisPackages } from '../../src/search/persist.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const NOTES = 'notes-from-inside-chinas-ai-labs';

let work: string;
let corpus: string;
let cache: string;
let warnings: string[];

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'citebot-persist-'));
  corpus = join(work, 'corpus');
  cache = join(work, '.cache');
  cpSync(join(root, 'corpus'), corpus, { recursive: true });
  warnings = [];
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function open() {
  const opened = openCorpusCached(corpus, { cacheDir: cache, onWarning: (w) => warnings.push(w) });
  if (!opened.ok) throw new Error(opened.error.join('\n'));
  return opened.value;
}

/** What a user would see: the citations and words of the answers to a few questions. */
function answers(index: SearchIndex) {
  return ['Which chips are used for inference?', 'What role do students play?', 'nvidea', 'how do I bake bread?'].map((q) => {
    const a = ask(index, q);
    return a.ok ? a.value.results.map((r) => [r.citation, r.text, r.marks]) : a.error;
  });
}

describe('the saved index', () => {
  it('is written on the first start and used on the next, with the same answers as a fresh build', () => {
    const first = open();
    expect(first.cached).toBe(false);
    const second = open();
    expect(second.cached).toBe(true);
    expect(answers(second.index)).toEqual(answers(first.index));
    // Sentence meaning is saved too, not recomputed: the very same int8 rows and component.
    expect(second.index.embeddings.rows).toEqual(first.index.embeddings.rows);
    expect(second.index.embeddings.pc).toEqual(first.index.embeddings.pc);
    expect(second.index.corpus.passages.length).toBe(first.index.corpus.passages.length);
    expect(warnings).toEqual([]);
  });

  it('gives back the very corpus it was made from: every article, section and passage, word for word', () => {
    // A generated corpus too: its files exercise what the two real articles do not (bullets, odd spacing).
    generateCorpus({ articles: 30, dir: corpus, seed: 7 });
    const fresh = loadCorpus(corpus);
    if (!fresh.ok) throw new Error(fresh.error.join('\n'));
    expect(open().cached).toBe(false);
    const cached = open();
    expect(cached.cached).toBe(true);
    expect(cached.index.corpus).toStrictEqual(fresh.value);
    for (const p of cached.index.corpus.passages)
      expect(cached.index.corpus.articles.some((a) => a.sections.some((s) => s.passages.includes(p)))).toBe(true);
  });

  it('keeps a code block a code block: its kind, lines and indentation come back from the saved index', () => {
    writeFileSync(
      join(corpus, 'zlib-usage.md'),
      '---\ntitle: Using zlib\n---\n\n## Example\n\nCall deflate in a loop.\n\n```c\nint ret;\n    ret = deflate(&strm, flush);\n```\n',
    );
    const built = open();
    expect(built.cached).toBe(false);
    const cached = open();
    expect(cached.cached).toBe(true);
    const code = cached.index.corpus.passages.find((p) => p.articleId === 'zlib-usage' && p.kind === 'code');
    expect(code?.text).toBe(built.index.corpus.passages.find((p) => p.kind === 'code')?.text);
    expect(code?.text).toContain('\n    ret = deflate(&strm, flush);');
  });

  it('is rebuilt when a corpus file changes, and answers from the new text', () => {
    open();
    const file = join(corpus, `${NOTES}.md`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Huawei', 'Ascend-maker Huawei'));
    const after = open();
    expect(after.cached).toBe(false);
    const hit = ask(after.index, 'Ascend-maker');
    expect(hit.ok && hit.value.results[0]?.text).toContain('Ascend-maker Huawei');
    expect(open().cached).toBe(true);
  });

  it('is rebuilt when an article is added or removed', () => {
    open();
    writeFileSync(
      join(corpus, 'extra.md'),
      '---\ntitle: Extra\npublisher: Us\n---\n\n## Notes\n\nGardening with robots is a growing hobby.\n',
    );
    const added = open();
    expect(added.cached).toBe(false);
    expect(added.index.corpus.articles.map((a) => a.id)).toContain('extra');
    rmSync(join(corpus, 'extra.md'));
    const removed = open();
    expect(removed.cached).toBe(false);
    expect(removed.index.corpus.articles.map((a) => a.id)).not.toContain('extra');
  });

  it('is rebuilt when the synonyms change, and the new synonym works', () => {
    const before = ask(open().index, 'silicon');
    expect(before.ok && before.value.results).toEqual([]);
    appendFileSync(join(corpus, 'synonyms.txt'), '\nsilicon, chips\n');
    const after = open();
    expect(after.cached).toBe(false);
    const now = ask(after.index, 'silicon');
    expect(now.ok && now.value.results[0]?.text).toMatch(/chip/i);
  });

  it('is discarded with a warning and rebuilt when truncated, never crashing or answering wrong', () => {
    const fresh = answers(open().index);
    const file = join(cache, 'index.json');
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    const reopened = open();
    expect(reopened.cached).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/saved index .* is damaged .*; rebuilding it/);
    expect(answers(reopened.index)).toEqual(fresh);
    expect(open().cached).toBe(true);
  });

  it('is discarded with a warning when edited by hand, even if it is still valid JSON', () => {
    const fresh = answers(open().index);
    const file = join(cache, 'index.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"huawei"', '"hauwei"'));
    const reopened = open();
    expect(reopened.cached).toBe(false);
    expect(warnings.join('\n')).toMatch(/checksum mismatch/);
    expect(answers(reopened.index)).toEqual(fresh);
  });

  it('is discarded with a warning when it is not an index at all', () => {
    open();
    writeFileSync(join(cache, 'index.json'), 'hello');
    expect(open().cached).toBe(false);
    expect(warnings.join('\n')).toMatch(/damaged \(no header\)/);
  });

  it("refuses a pipe among the articles with the loader's message instead of waiting on it", () => {
    open();
    const made = spawnSync('mkfifo', [join(corpus, 'pipe.md')]);
    if (made.status !== 0) return; // no mkfifo here: nothing to check
    const opened = openCorpusCached(corpus, { cacheDir: cache, onWarning: (w) => warnings.push(w) });
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.error.join('\n')).toMatch(/pipe\.md: not a regular file/);
  });

  it('leaves no half-written copy behind when the index cannot be saved', () => {
    writeFileSync(join(work, 'not-a-folder'), '');
    openCorpusCached(corpus, { cacheDir: join(work, 'not-a-folder', 'cache'), onWarning: (w) => warnings.push(w) });
    mkdirSync(cache);
    mkdirSync(join(cache, 'index.json')); // the rename onto a folder fails after the copy is written
    openCorpusCached(corpus, { cacheDir: cache, onWarning: (w) => warnings.push(w) });
    expect(readdirSync(cache)).toEqual(['index.json']);
    expect(warnings.at(-1)).toMatch(/could not save the index/);
  });

  it('does not stop start-up when the cache folder cannot be written: it warns and answers', () => {
    writeFileSync(join(work, 'not-a-folder'), '');
    const opened = openCorpusCached(corpus, { cacheDir: join(work, 'not-a-folder', 'cache'), onWarning: (w) => warnings.push(w) });
    expect(opened.ok && opened.value.cached).toBe(false);
    expect(warnings.join('\n')).toMatch(/could not save the index .*; it will be rebuilt next start/);
    expect(opened.ok && answers(opened.value.index)[0]).not.toEqual([]);
  });
});

describe('analysisPackages', () => {
  it('names the installed stemmer and MiniSearch with their versions, so upgrading either rebuilds the saved index', () => {
    const installed = (name: string) =>
      (
        JSON.parse(readFileSync(join(fileURLToPath(new URL('../../', import.meta.url)), 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    expect(analysisPackages()).toEqual([`stemmer@${installed('stemmer')}`, `minisearch@${installed('minisearch')}`]);
  });
});
