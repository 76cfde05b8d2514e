import { Worker } from 'node:worker_threads';
import { corpusOf } from '../corpus/corpus.ts';
import { analyseCorpus } from '../search/index.ts';
import type { Layer } from '../search/layered.ts';
import { embedRows } from '../search/vectors.ts';
import { parseOwn, type OwnArticle } from './combine.ts';
import { sentencesOf } from '../corpus/passage.ts';

/** A server's own articles, analysed: the layer over the base, and the ids of those that did not load. */
export interface Analysis {
  readonly layer: Layer;
  readonly skipped: readonly string[];
}

/**
 * The part of a server's index that needs no base (the worker's): parse its
 * articles, number their sentences' terms, embed their sentences against the
 * base's component. What needs the base's tables (posting lists, counts) is
 * left to layerIndex, on the thread that holds them.
 */
export function analyseOwn(own: readonly OwnArticle[], pc: Float32Array): Analysis {
  const { added, skipped } = parseOwn(own);
  const corpus = corpusOf(added, []);
  const analysed = analyseCorpus(corpus);
  const rows = embedRows(corpus.passages.flatMap(sentencesOf), pc);
  return { layer: { articles: added, analysed, rows }, skipped };
}

/** What the worker answers: the analysis, or that it failed (never with the articles' words: they are users' text). */
type Reply = { readonly id: number } & (
  { readonly ok: true; readonly analysis: Analysis } | { readonly ok: false; readonly problem: string }
);

/**
 * One worker thread, kept, that analyses servers' articles one request at a
 * time: a server's first answer does not wait for a thread and its module
 * loading to start (they cost more than 20 articles' analysis). Started at
 * the first request; a worker that dies fails what it had and is started
 * again at the next.
 */
export class LayerWorker {
  private worker: Worker | undefined;
  private next = 0;
  private readonly pending = new Map<number, (r: Reply) => void>();

  analyse(own: readonly OwnArticle[], pc: Float32Array): Promise<Reply> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.started().postMessage({ id, own, pc });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./layer-worker.mjs', import.meta.url), { execArgv: [] });
    // Waiting for requests never keeps the process alive.
    w.unref();
    w.on('message', (r: Reply) => {
      this.pending.get(r.id)?.(r);
      this.pending.delete(r.id);
    });
    const failAll = (problem: string) => {
      if (this.worker === w) this.worker = undefined;
      for (const [id, resolve] of this.pending) resolve({ id, ok: false, problem });
      this.pending.clear();
    };
    w.once('error', (e) => failAll(`the analysis failed (${e.name})`));
    w.once('exit', () => failAll('the analysis stopped before it finished'));
    return (this.worker = w);
  }
}
