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
    const file = join(cache, 'index.bin');
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    const reopened = open();
    expect(reopened.cached).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/saved index .* is damaged .*; rebuilding it/);
    expect(answers(reopened.index)).toEqual(fresh);
    expect(open().cached).toBe(true);
  });

  it('is discarded with a warning when edited by hand, even if its JSON is still valid', () => {
    const fresh = answers(open().index);
    const file = join(cache, 'index.bin');
    const bytes = readFileSync(file);
    const at = bytes.indexOf('"huawei"');
    expect(at).toBeGreaterThan(0);
    bytes.write('"hauwei"', at);
    writeFileSync(file, bytes);
    const reopened = open();
    expect(reopened.cached).toBe(false);
    expect(warnings.join('\n')).toMatch(/checksum mismatch/);
    expect(answers(reopened.index)).toEqual(fresh);
  });

  it('is discarded with a warning when it is not an index at all', () => {
    open();
    writeFileSync(join(cache, 'index.bin'), 'hello');
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
    mkdirSync(join(cache, 'index.bin')); // the rename onto a folder fails after the copy is written
    openCorpusCached(corpus, { cacheDir: cache, onWarning: (w) => warnings.push(w) });
    expect(readdirSync(cache)).toEqual(['index.bin']);
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

describe('the saved index, part by part', () => {
  /** Each part of the saved file: its name, where its line starts and where its bytes start. */
  const partsIn = (bytes: Buffer) => {
    const parts: { name: string; line: number; body: number }[] = [];
    let at = bytes.indexOf(10) + 1;
    for (;;) {
      const eol = bytes.indexOf(10, at);
      const [name, length] = bytes.toString('latin1', at, eol).split(' ');
      if (name === 'end') return parts;
      parts.push({ name: name!, line: at, body: eol + 1 });
      at = eol + 1 + Number(length);
    }
  };
  const partAt = (bytes: Buffer, name: string) => partsIn(bytes).find((p) => p.name === name)!;

  it('gives back the very index it was made from: its tables, vocabulary and sentence meanings', () => {
    generateCorpus({ articles: 30, dir: corpus, seed: 11 });
    const built = open();
    const saved = open();
    expect(saved.cached).toBe(true);
    expect(saved.index.mini.toJSON()).toStrictEqual(built.index.mini.toJSON());
    expect([...saved.index.df]).toEqual([...built.index.df]);
    expect(saved.index.common).toEqual(built.index.common);
    expect(saved.index.docs).toEqual(built.index.docs);
    expect(saved.index.embeddings).toEqual(built.index.embeddings);
  });

  it('holds a corpus of more articles than one part takes, all of them in order', () => {
    rmSync(corpus, { recursive: true });
    mkdirSync(corpus);
    for (let i = 0; i < 1001; i++)
      writeFileSync(
        join(corpus, `a${String(i).padStart(4, '0')}.md`),
        `---\ntitle: Note ${i}\n---\n\n## Notes\n\nPlot ${i} grows tomatoes.\n`,
      );
    const built = open();
    const saved = open();
    expect(saved.cached).toBe(true);
    expect(saved.index.corpus).toStrictEqual(built.index.corpus);
    expect(partsIn(readFileSync(join(cache, 'index.bin'))).filter((p) => p.name === 'articles')).toHaveLength(2);
  });

  it('is discarded with a warning and rebuilt when one byte of a binary part is changed', () => {
    const fresh = answers(open().index);
    const file = join(cache, 'index.bin');
    const bytes = readFileSync(file);
    const { body } = partAt(bytes, 'postings');
    bytes[body + 5] = bytes[body + 5]! ^ 0xff;
    writeFileSync(file, bytes);
    const reopened = open();
    expect(reopened.cached).toBe(false);
    expect(warnings.join('\n')).toMatch(/damaged \(checksum mismatch/);
    expect(answers(reopened.index)).toEqual(fresh);
    expect(open().cached).toBe(true);
  });

  it('is discarded when cut short between two parts, where every part left is whole', () => {
    open();
    const file = join(cache, 'index.bin');
    truncateSync(file, partAt(readFileSync(file), 'embeddings').line);
    expect(open().cached).toBe(false);
    expect(warnings.join('\n')).toMatch(/damaged \(truncated \(no part "embeddings"\)\)/);
  });

  it('is discarded when its end line is missing', () => {
    open();
    const file = join(cache, 'index.bin');
    const bytes = readFileSync(file);
    truncateSync(file, bytes.lastIndexOf('end '));
    expect(open().cached).toBe(false);
    expect(warnings.join('\n')).toMatch(/damaged \(truncated \(no end line\)\)/);
  });

  it('is discarded when cut inside a part', () => {
    open();
    const file = join(cache, 'index.bin');
    const bytes = readFileSync(file);
    truncateSync(file, partAt(bytes, 'term-frequencies').line - 3);
    expect(open().cached).toBe(false);
    expect(warnings.join('\n')).toMatch(/damaged \(truncated \(the part "postings" is cut short\)\)/);
  });

  it('replaces the single-file index of earlier versions, which is never read', () => {
    mkdirSync(cache);
    writeFileSync(join(cache, 'index.json'), 'citebot-index 0 0 0\n{}');
    expect(open().cached).toBe(false);
    expect(readdirSync(cache)).toEqual(['index.bin']);
    expect(warnings).toEqual([]);
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
