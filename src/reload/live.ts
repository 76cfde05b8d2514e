import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadIndex } from '../search/persist.ts';
import type { SearchIndex } from '../search/index.ts';
import { describeChange, diffCorpus, type CorpusChange } from './diff.ts';
import type { RebuildAnswer, RebuildJob } from './rebuild.ts';

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
  reload(): Promise<ReloadOutcome>;
  /** Stops: a rebuild under way is abandoned. */
  close(): Promise<void>;
}

export interface LiveOptions {
  /** Where the rebuilt index is saved (the configured cache, so the next start reuses it); default a temporary folder. */
  readonly cacheDir?: string | undefined;
  /** Hears every outcome, also of reloads started by a file watch or a signal. */
  readonly onReload?: (outcome: ReloadOutcome) => void;
}

/** Attempts when the files change while being read, before the reload gives up for this time. */
const ATTEMPTS = 3;

export function liveIndex(corpusDir: string, initial: SearchIndex, options: LiveOptions = {}): LiveIndex {
  let index = initial;
  const removed = new Set<string>();
  const temp = options.cacheDir ? undefined : mkdtempSync(join(tmpdir(), 'citebot-reload-'));
  const cacheDir = options.cacheDir ?? temp!;
  let running: Promise<ReloadOutcome> | undefined;
  let queued: Promise<ReloadOutcome> | undefined;
  let worker: Worker | undefined;
  let closed = false;
  // The key of the files the current index was read from: a reload that finds the same files swaps nothing.
  let currentKey: string | undefined;

  const once = async (): Promise<ReloadOutcome> => {
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      const answer = await rebuildInWorker({ corpusDir, cacheDir }, (w) => (worker = w));
      worker = undefined;
      if (closed) return { ok: false, problems: ['stopped'] };
      if (!answer.ok) return { ok: false, problems: answer.problems };
      if (answer.key !== undefined && answer.key === currentKey) {
        const change = diffCorpus(index.corpus, index.corpus);
        const ms = performance.now() - started;
        return { ok: true, change, ms, summary: describeChange(change, ms), warnings: answer.warnings };
      }
      // The one step on this thread: reading back what the worker saved.
      const loaded = answer.key === undefined ? undefined : loadIndex(cacheDir, answer.key);
      if (loaded?.ok) {
        const change = diffCorpus(index.corpus, loaded.value.corpus);
        for (const id of change.removedPassages) removed.add(id);
        for (const p of loaded.value.corpus.passages) removed.delete(p.id);
        index = loaded.value;
        currentKey = answer.key;
        const ms = performance.now() - started;
        return { ok: true, change, ms, summary: describeChange(change, ms), warnings: answer.warnings };
      }
      // A file changed while it was read (the key no longer matches): read it again.
      if (attempt >= ATTEMPTS) return { ok: false, problems: [`${corpusDir}: the files kept changing while being read; the next change reloads again`] };
    }
  };

  const reload = (): Promise<ReloadOutcome> => {
    if (closed) return Promise.resolve({ ok: false, problems: ['stopped'] });
    if (!running) {
      running = once().finally(() => (running = undefined));
      void running.then((o) => options.onReload?.(o));
      return running;
    }
    // One more rebuild after the one under way picks up every change made meanwhile.
    queued ??= running.then(() => {
      queued = undefined;
      return reload();
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
      if (temp) rmSync(temp, { recursive: true, force: true });
    },
  };
}

function rebuildInWorker(job: RebuildJob, started: (w: Worker) => void): Promise<RebuildAnswer> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./rebuild-worker.mjs', import.meta.url), { workerData: job, execArgv: [] });
    started(worker);
    let answered = false;
    worker.once('message', (m: RebuildAnswer) => {
      answered = true;
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', (e) => {
      answered = true;
      resolve({ ok: false, problems: [`the rebuild failed: ${e.message.split('\n')[0]}`] });
    });
    worker.once('exit', () => {
      if (!answered) resolve({ ok: false, problems: ['the rebuild stopped before it finished'] });
    });
  });
}
