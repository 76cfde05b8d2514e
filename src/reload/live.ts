import { Worker } from 'node:worker_threads';
import type { Article, Corpus, Passage } from '../corpus/types.ts';
import { findPassage } from '../answers/lookup.ts';
import { prepareIndex } from '../answers/prepare.ts';
import { keyed } from '../engine.ts';
import { articleTableSteps, newMiniSearch, type SearchIndex } from '../search/index.ts';
import { inSlices } from '../search/per-index.ts';
import { fillCompactAsync } from '../search/postings.ts';
import { articleFrom } from '../search/snapshot.ts';
import { describeChange, diffCorpus, type CorpusChange } from './diff.ts';
import { tablesFromParts, type MiniParts, type RebuildJob, type RebuildMessage } from './rebuild.ts';

/** A reload that swapped in a new index. */
export interface Reloaded {
  readonly ok: true;
  readonly change: CorpusChange;
  readonly ms: number;
  /** `+1 article (x); passages 23 → 31; 850 ms`. */
  readonly summary: string;
  readonly warnings: readonly string[];
}

/** A reload the corpus could not give: the old index keeps serving. */
export interface ReloadFailed {
  readonly ok: false;
  /** The loader's lines, naming file and line (`corpus/x.md:3: front matter: …`). */
  readonly problems: readonly string[];
}

export type ReloadOutcome = Reloaded | ReloadFailed;

/** Why a reload ran: a change seen in the corpus folder, SIGHUP, or a command (/reload, /article). */
export type ReloadReason = 'watch' | 'signal' | 'command';

/**
 * The corpus a running bot or console answers from, swapped whole on reload.
 * Answers read `current()` once per interaction, so each answer comes wholly
 * from the old index or wholly from the new one.
 */
export interface LiveIndex {
  current(): SearchIndex;
  /** True when a reload removed the passage this citation named (and none has it since). */
  wasRemoved(citation: string): boolean;
  /**
   * Rebuilds in a worker thread and swaps the new index in. Calls while one
   * runs are served by one more rebuild after it, so the last change is never missed.
   */
  reload(reason?: ReloadReason): Promise<ReloadOutcome>;
  /** Stops: a rebuild under way is abandoned. */
  close(): Promise<void>;
}

export interface LiveOptions {
  /** Where the rebuilt index is also saved (the configured cache), so the next start reuses it; default: not saved. */
  readonly cacheDir?: string | undefined;
  /** Hears every outcome, also of reloads started by a file watch or a signal. */
  readonly onReload?: ((outcome: ReloadOutcome, reason: ReloadReason) => void) | undefined;
}

export function liveIndex(corpusDir: string, initial: SearchIndex, options: LiveOptions = {}): LiveIndex {
  let index = initial;
  const removed = new Set<string>();
  let running: Promise<ReloadOutcome> | undefined;
  let queued: Promise<ReloadOutcome> | undefined;
  let worker: Worker | undefined;
  let closed = false;
  // The key of the files the serving index was read from: a reload that finds the same files swaps nothing.
  let currentKey: string | undefined;

  const once = async (): Promise<ReloadOutcome> => {
    const started = performance.now();
    const built = await rebuildInWorker({ corpusDir, cacheDir: options.cacheDir, currentKey }, (w) => (worker = w));
    worker = undefined;
    if (closed) return { ok: false, problems: ['stopped'] };
    if (!built.ok) return built;
    if (built.index) {
      const change = await diffCorpusAsync(index.corpus, built.index.corpus);
      for (const id of change.removedPassages) removed.add(id);
      // Its tables made now, in slices: the first questions after the swap do not make them on the spot.
      await prepareIndex(built.index);
      // A citation removed before that names a passage again: the new index has it.
      for (const id of removed) if (findPassage(built.index, id)) removed.delete(id);
      // The new index keeps its key: More's buttons are checked against it (and stay valid across a restart).
      index = built.key === undefined ? built.index : keyed(built.index, built.key);
      currentKey = built.key;
      const ms = performance.now() - started;
      return { ok: true, change, ms, summary: describeChange(change, ms), warnings: built.warnings };
    }
    const change = await diffCorpusAsync(index.corpus, index.corpus);
    const ms = performance.now() - started;
    return { ok: true, change, ms, summary: describeChange(change, ms), warnings: built.warnings };
  };

  const reload = (reason: ReloadReason = 'command'): Promise<ReloadOutcome> => {
    if (closed) return Promise.resolve({ ok: false, problems: ['stopped'] });
    if (!running) {
      running = once().finally(() => (running = undefined));
      void running.then((o) => options.onReload?.(o, reason));
      return running;
    }
    // One more rebuild after the one under way picks up every change made meanwhile.
    queued ??= running.then(() => {
      queued = undefined;
      return reload(reason);
    });
    return queued;
  };

  return {
    current: () => index,
    wasRemoved: (citation) => removed.has(citation),
    reload,
    close: async () => {
      closed = true;
      await worker?.terminate();
    },
  };
}

/**
 * The least time between two pieces of a new index. Taken in as fast as they came, a 100,000-article
 * corpus had the main thread allocating 150-200 MB a second (counted from --trace-gc's scavenges),
 * most of it the new index's objects, which are kept: the collector's marking could not keep up
 * beside it and fell to the main thread, in steps between and inside answers (stalls of over a
 * second). A few seconds more of a reload that takes minutes there.
 */
const PACE_MS = 10;

/** What a rebuild in a worker gave: the new index (undefined: the files were the same), or the loader's lines. */
type Built = { ok: true; index: SearchIndex | undefined; key: string | undefined; warnings: readonly string[] } | ReloadFailed;

/**
 * Runs the rebuild in a worker and assembles the index it sends, piece by
 * piece, yielding between pieces (MiniSearch's async load yields every 1,000
 * terms): no single step holds answers up for long.
 */
function rebuildInWorker(job: RebuildJob, started: (w: Worker) => void): Promise<Built> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./rebuild-worker.mjs', import.meta.url), { workerData: job, execArgv: [] });
    started(worker);
    const articles: Article[] = [];
    const passages: Passage[] = [];
    const terms: string[] = [];
    const parts = { index: {} as Record<string, unknown>, mini: {} as Record<string, unknown> };
    let answered = false;
    const answer = (b: Built | Promise<Built>) => {
      answered = true;
      void worker.terminate();
      resolve(b);
    };
    // Ask for the next piece once this one is taken in and anything waiting (an answer) has run, and
    // PACE_MS on: see PACE_MS.
    const more = () => setTimeout(() => !answered && worker.postMessage('next'), PACE_MS);
    worker.on('message', (m: RebuildMessage) => {
      if (m.kind === 'articles') {
        for (const a of m.articles.map(articleFrom)) {
          articles.push(a);
          for (const section of a.sections) for (const p of section.passages) passages.push(p);
        }
      } else if (m.kind === 'terms') terms.push(...m.terms);
      else if (m.kind === 'part') parts[m.of][m.name] = m.value;
      if (m.kind === 'articles' || m.kind === 'terms' || m.kind === 'part') more();
      else if (m.kind === 'failed') answer({ ok: false, problems: m.problems });
      else if (m.kind === 'same') answer({ ok: true, index: undefined, key: job.currentKey, warnings: m.warnings });
      else {
        answer(
          assemble({ articles, passages, synonyms: m.synonymGroups }, terms, parts).then((index) => ({
            ok: true,
            index,
            key: m.key,
            warnings: m.warnings,
          })),
        );
      }
    });
    worker.once('error', (e) => {
      if (!answered) answer({ ok: false, problems: [`the rebuild failed: ${e.message.split('\n')[0]}`] });
    });
    worker.once('exit', () => {
      if (!answered) answer({ ok: false, problems: ['the rebuild stopped before it finished'] });
    });
  });
}

async function assemble(
  corpus: Corpus,
  terms: string[],
  parts: { index: Record<string, unknown>; mini: Record<string, unknown> },
): Promise<SearchIndex> {
  const mini = await fillCompactAsync(
    newMiniSearch(() => ''),
    tablesFromParts({ ...(parts.mini as Omit<MiniParts, 'terms'>), terms }),
  );
  const articles = await inSlices(articleTableSteps(corpus), yieldNow);
  return { ...(parts.index as Omit<SearchIndex, 'corpus' | 'mini' | 'articles'>), corpus, mini, articles };
}

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/** diffCorpus, yielding between slices of articles, so a large corpus's comparison never holds answers up. */
const diffCorpusAsync = (before: Corpus, after: Corpus): Promise<CorpusChange> => diffCorpus(before, after, yieldNow);
