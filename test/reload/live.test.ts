import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { corpusKeyOfIndex, openCorpus, openCorpusCached } from '../../src/engine.ts';
import { reloadLogger } from '../../src/reload/auto.ts';
import { describeChange, diffCorpus } from '../../src/reload/diff.ts';
import { liveIndex, type LiveIndex, type LiveOptions, type ReloadOutcome } from '../../src/reload/live.ts';
import { watchCorpus } from '../../src/reload/watch.ts';
import { ask as askResult } from '../../src/answers/index.ts';
import type { SearchIndex } from '../../src/search/index.ts';
import { compactTablesOf } from '../../src/search/postings.ts';

function ask(index: SearchIndex, question: string) {
  const answer = askResult(index, question);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}
import { root } from '../import/helpers.ts';

const NOTES = 'notes-from-inside-chinas-ai-labs.md';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function corpusCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-reload-'));
  cpSync(join(root, 'corpus'), dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function live(dir: string, onReload?: LiveOptions['onReload']): LiveIndex {
  const index = openCorpus(dir);
  if (!index.ok) throw new Error(index.error.join('\n'));
  const l = liveIndex(dir, index.value, { onReload });
  cleanups.push(() => l.close());
  return l;
}

const article = (title: string, text: string) => `---\ntitle: ${title}\n---\n\n## Findings\n\n${text}\n`;

describe('liveIndex', () => {
  it('swaps in an added article; answers before the reload came from the old corpus', async () => {
    const dir = corpusCopy();
    const l = live(dir);
    const before = l.current();
    writeFileSync(
      join(dir, 'gpu-shortage.md'),
      article('The GPU shortage', 'Quantum annealers were rented by the hour to cover the shortfall.'),
    );
    expect(ask(l.current(), 'quantum annealers').results).toHaveLength(0);
    const outcome = await l.reload();
    expect(outcome.ok && outcome.summary).toMatch(/^\+1 article \(gpu-shortage\); passages 23 → 24; (\d+ ms|\d+\.\d s)$/);
    expect(ask(l.current(), 'quantum annealers').results[0]?.citation).toBe('gpu-shortage#findings-1');
    expect(ask(before, 'quantum annealers').results).toHaveLength(0);
    // The index sent from the worker answers exactly as one built here would.
    const fresh = openCorpus(dir);
    if (!fresh.ok) throw new Error('corpus');
    for (const q of ['Which chips are used for inference?', 'students as peers', 'GPU', 'ego', 'nvidea']) {
      expect(ask(l.current(), q)).toEqual(ask(fresh.value, q));
    }
    // And holds the same, in the same compact tables (not MiniSearch's Maps, several times larger).
    expect(l.current().corpus).toStrictEqual(fresh.value.corpus);
    expect(l.current().mini.toJSON()).toStrictEqual(fresh.value.mini.toJSON());
    expect(compactTablesOf(l.current().mini)).toBeDefined();
  });

  it('gives the index a reload built the key of its files, as a start does (More’s buttons are checked against it)', async () => {
    const dir = corpusCopy();
    const l = live(dir);
    writeFileSync(join(dir, 'gpu-shortage.md'), article('The GPU shortage', 'Quantum annealers were rented by the hour.'));
    await l.reload();
    const started = openCorpusCached(dir);
    if (!started.ok) throw new Error('corpus');
    expect(corpusKeyOfIndex(l.current())).toBe(corpusKeyOfIndex(started.value.index));
    expect(corpusKeyOfIndex(l.current())).toMatch(/^[0-9a-f]{16,}$/);
  });

  it('keeps the old corpus serving when a file is broken, with the loader’s line naming file and line', async () => {
    const dir = corpusCopy();
    const l = live(dir);
    const before = l.current();
    writeFileSync(join(dir, 'broken.md'), '---\ntitel: Oops\n---\n\nText.\n');
    const outcome = await l.reload();
    expect(outcome).toEqual({ ok: false, problems: [expect.stringMatching(/broken\.md:2: front matter: unknown field "titel"/)] });
    expect(l.current()).toBe(before);
    writeFileSync(join(dir, 'broken.md'), article('Fixed now', 'Mended words.'));
    expect((await l.reload()).ok).toBe(true);
    expect(l.current().corpus.articles.map((a) => a.id)).toContain('broken');
  });

  it('remembers the citations a reload removed, and forgets one that comes back', async () => {
    const dir = corpusCopy();
    const l = live(dir);
    const notes = readFileSync(join(dir, NOTES), 'utf8');
    unlinkSync(join(dir, NOTES));
    const outcome = await l.reload();
    expect(outcome.ok && outcome.summary).toMatch(/^−1 \(notes-from-inside-chinas-ai-labs\); passages 23 → 6;/);
    expect(l.wasRemoved('notes-from-inside-chinas-ai-labs#summary-1')).toBe(true);
    expect(l.wasRemoved('how-cultural-differences-shape-ai-development#summary-1')).toBe(false);
    writeFileSync(join(dir, NOTES), notes);
    await l.reload();
    expect(l.wasRemoved('notes-from-inside-chinas-ai-labs#summary-1')).toBe(false);
  });

  it('serves calls made during a rebuild with one more rebuild, so the last change is never missed', async () => {
    const dir = corpusCopy();
    const heard: string[] = [];
    const l = live(dir, (o: ReloadOutcome) => heard.push(o.ok ? o.summary : o.problems[0]!));
    const first = l.reload();
    writeFileSync(join(dir, 'late.md'), article('Late', 'Written while the first rebuild ran.'));
    const second = l.reload();
    const third = l.reload();
    expect(second).toBe(third);
    await Promise.all([first, second]);
    expect(l.current().corpus.articles.map((a) => a.id)).toContain('late');
    expect(heard).toHaveLength(2);
  });

  it('logs one line per outcome and names a newly dropped file import could bring in, once', async () => {
    const dir = corpusCopy();
    const lines: string[] = [];
    const l = live(
      dir,
      reloadLogger(dir, (line) => lines.push(line)),
    );
    writeFileSync(join(dir, 'report.pdf'), '%PDF-1.4');
    await l.reload();
    await l.reload();
    expect(lines.filter((s) => s.includes('report.pdf'))).toHaveLength(1);
    expect(lines[0]).toMatch(/^corpus reloaded: no change; passages 23 → 23;/);
    expect(lines[1]).toMatch(/report\.pdf: skipped, not an article \(\.md\); to bring it in: npm run import -- .*report\.pdf/);
  });

  it('has no line for a reload the folder watch started that found no article changed (/article’s file, already taken in), but names a new file import could bring in', async () => {
    const dir = corpusCopy();
    const lines: string[] = [];
    const l = live(
      dir,
      reloadLogger(dir, (line) => lines.push(line)),
    );
    await l.reload('watch');
    expect(lines).toEqual([]);
    await l.reload('signal');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^corpus reloaded: no change; passages 23 → 23;/);
    writeFileSync(join(dir, 'notes.txt'), 'Notes\n\nA paragraph.');
    await l.reload('watch');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/notes\.txt: skipped/);
    writeFileSync(join(dir, 'extra.md'), article('Extra', 'One more article.'));
    await l.reload('watch');
    expect(lines[2]).toMatch(/^corpus reloaded: \+1 article \(extra\); passages 23 → 2[4-9];/);
  });
});

describe.skipIf(process.platform !== 'linux')('the rebuild worker, on Linux', () => {
  /** The nice value of each of this process's threads now (field 19 of /proc/self/task/TID/stat). */
  const nices = () =>
    readdirSync('/proc/self/task').flatMap((tid) => {
      try {
        return [Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16])];
      } catch {
        return []; // the thread ended between the listing and the read
      }
    });

  it('builds at the lowest CPU priority while the threads that answer keep theirs', async () => {
    const mainNice = () => Number(readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const before = mainNice();
    const dir = corpusCopy();
    const l = live(dir);
    writeFileSync(join(dir, 'zz-new.md'), '---\ntitle: New\n---\n\n## Findings\n\nA new finding.\n');
    const seen = new Set<number>();
    let done = false;
    const reloaded = l.reload().finally(() => (done = true));
    while (!done) {
      for (const n of nices()) seen.add(n);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await reloaded).ok).toBe(true);
    expect(seen).toContain(19);
    // The main thread (its task id is the process's) answers at the priority it had.
    expect(mainNice()).toBe(before);
  });
});

describe('watchCorpus', () => {
  it('calls once for a burst of changes to articles, and not for hidden files', async () => {
    const dir = corpusCopy();
    const onChange = vi.fn();
    const w = watchCorpus(dir, onChange, { quietMs: 50 });
    cleanups.push(() => w.close());
    writeFileSync(join(dir, '.import.tmp'), 'x');
    writeFileSync(join(dir, 'a.md'), article('A', 'One.'));
    writeFileSync(join(dir, 'b.md'), article('B', 'Two.'));
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 200));
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});

describe('describeChange', () => {
  it('says what changed in one line', async () => {
    const a = openCorpus(join(root, 'corpus'));
    if (!a.ok) throw new Error('corpus');
    const corpus = a.value.corpus;
    const notes = corpus.articles.find((x) => x.id === 'notes-from-inside-chinas-ai-labs')!;
    const change = await diffCorpus(corpus, {
      ...corpus,
      articles: [notes],
      passages: corpus.passages.filter((p) => p.articleId === notes.id),
    });
    expect(describeChange(change, 1234)).toBe('−1 (how-cultural-differences-shape-ai-development); passages 23 → 17; 1.2 s');
    expect(describeChange(await diffCorpus(corpus, corpus), 80)).toBe('no change; passages 23 → 23; 80 ms');
  });
});
