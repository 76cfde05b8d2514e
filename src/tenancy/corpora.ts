import type { Worker } from 'node:worker_threads';
import type { LiveIndex } from '../reload/live.ts';
import { corpusKeyOfIndex } from '../engine.ts';
import { rebuildInWorker } from '../reload/live.ts';
import type { SearchIndex } from '../search/index.ts';
import type { ArticleStore } from '../store/types.ts';

/**
 * What one interaction answers from, chosen once where it arrives and handed
 * down: the base alone (DMs, servers without articles of their own), or the
 * base and one server's own articles. Never another server's.
 */
export interface ServerCorpus {
  /** The server this is for; null outside a server. */
  readonly guildId: string | null;
  readonly index: SearchIndex;
  /** The ids of the server's own articles in `index` (empty for the base alone). */
  readonly own: ReadonlySet<string>;
}

/** Every server's corpus, built when first asked for and kept within a budget. */
export interface ServerCorpora {
  /** The corpus a server sees. Builds (off the main thread) the index of a server with articles of its own on first use. */
  forGuild(guildId: string | null): Promise<ServerCorpus>;
  /**
   * The corpus a server sees if it is at hand now: its index when held, else
   * the base while its index is built (for autocomplete, which must answer
   * within Discord's 3 s and cannot be deferred).
   */
  atHand(guildId: string | null): ServerCorpus;
  /** The server's articles changed: builds its index again, and resolves once the new one serves. */
  refresh(guildId: string): Promise<ServerCorpus>;
  /**
   * Another process (a host, the operator's CLI) changed the server's articles: a server whose
   * index is held gets it built again now, answering from the old one meanwhile; any other reads
   * the store when it is next asked for (the hosts that do not serve it never build it).
   */
  changed(guildId: string): void;
  /**
   * Changes may have been missed (the store's announcements were not heard for a while): the list
   * of servers with articles is read again, and each held index is built again at its server's next use.
   */
  mayHaveMissed(): void;
  /** How many servers' indexes are held now (the base's aside). */
  readonly loaded: () => number;
  close(): Promise<void>;
}

export interface ServerCorporaOptions {
  /** The operator's corpus folder, read by the builds (the base). */
  readonly corpusDir: string;
  /** The base's saved index (CACHE_DIR): a build loads the base from it instead of parsing the folder again. */
  readonly cacheDir?: string | undefined;
  /** The base index, kept current by reloads. */
  readonly base: LiveIndex;
  readonly store: ArticleStore;
  /** The most servers' indexes held at once; the least recently used is dropped beyond it. */
  readonly budget: number;
  /** Hears what was handled: a build that failed, a store that could not be read, an article left out. */
  readonly warn: (event: string, fields: Record<string, unknown>) => void;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Keeps a server's index over the base and its own articles, built in a
 * worker as a reload is, while answers go on. A server without articles of
 * its own (known from the store at start, and from each change) shares the
 * base index, and costs nothing. Indexes beyond the budget are dropped least
 * recently used first, and built again when that server asks next.
 */
export async function serverCorpora(options: ServerCorporaOptions): Promise<ServerCorpora> {
  const { base, store, budget, warn } = options;
  const withOwn = new Set<string>();
  // Which servers have articles, as of the base index it was read for: read again after each reload of
  // the base, and when changes may have been missed (see mayHaveMissed).
  let listedFor: SearchIndex | undefined;
  const list = async () => {
    // Read once per base index, even when it fails: a store that is down must not slow every answer.
    listedFor = base.current();
    const listed = await store.guildsWithArticles();
    if (!listed.ok) return warn('server articles not listed', { reason: listed.error.reason });
    withOwn.clear();
    for (const g of listed.value) withOwn.add(g);
  };
  await list();
  // Insertion order is use order: the first entry is the least recently used.
  // `stale`: changes may have been missed since it was built.
  const held = new Map<string, { base: SearchIndex; corpus: ServerCorpus; stale?: boolean }>();
  const building = new Map<string, Promise<ServerCorpus>>();
  // A build that waits for the one before it and has not read the store yet: it will read any change made meanwhile too.
  const waiting = new Map<string, Promise<ServerCorpus>>();
  const workers = new Set<Worker>();
  let closed = false;

  const baseCorpus = (guildId: string | null): ServerCorpus => ({ guildId, index: base.current(), own: NONE });

  const build = async (guildId: string): Promise<ServerCorpus> => {
    const baseIndex = base.current();
    const articles = await store.guildArticles(guildId);
    if (!articles.ok) {
      // The store is down: this server answers from the base until it is back; nothing is kept.
      warn('server articles not read', { guild: guildId, reason: articles.error.reason });
      return held.get(guildId)?.corpus ?? baseCorpus(guildId);
    }
    if (articles.value.length === 0) {
      withOwn.delete(guildId);
      held.delete(guildId);
      return baseCorpus(guildId);
    }
    let worker: Worker | undefined;
    const built = await rebuildInWorker(
      {
        corpusDir: options.corpusDir,
        cacheDir: options.cacheDir,
        currentKey: undefined,
        own: articles.value.map((a) => ({ id: a.id, markdown: a.markdown })),
        // The base's articles are not sent back: the index is made over the very ones every server shares.
        sharedBaseKey: corpusKeyOfIndex(baseIndex),
      },
      (w) => workers.add((worker = w)),
      baseIndex.corpus.articles,
    );
    if (worker) workers.delete(worker);
    if (!built.ok || !built.index) {
      warn('server index not built', { guild: guildId, problem: built.ok ? 'no index' : built.problems[0] });
      return held.get(guildId)?.corpus ?? baseCorpus(guildId);
    }
    for (const w of built.warnings) warn('server article left out', { guild: guildId, problem: w });
    const baseIds = new Set(baseIndex.corpus.articles.map((a) => a.id));
    const own = new Set(articles.value.map((a) => a.id).filter((id) => built.index!.articles.has(id) && !baseIds.has(id)));
    const corpus: ServerCorpus = { guildId, index: built.index, own };
    if (!closed) {
      held.delete(guildId);
      held.set(guildId, { base: baseIndex, corpus });
      for (const oldest of held.keys()) {
        if (held.size <= budget) break;
        held.delete(oldest);
      }
    }
    return corpus;
  };

  /** One build per server at a time; a refresh asked for meanwhile starts after it (it must read the new articles). */
  const start = (guildId: string, after?: Promise<unknown>): Promise<ServerCorpus> => {
    const queued = waiting.get(guildId);
    if (queued) return queued;
    const run = (after ?? Promise.resolve())
      .catch(() => {})
      .then(() => {
        waiting.delete(guildId);
        return build(guildId);
      });
    const tracked = run.finally(() => {
      if (building.get(guildId) === tracked) building.delete(guildId);
    });
    building.set(guildId, tracked);
    waiting.set(guildId, tracked);
    return tracked;
  };

  return {
    async forGuild(guildId) {
      if (guildId === null) return baseCorpus(guildId);
      if (listedFor !== base.current()) await list();
      if (!withOwn.has(guildId)) return baseCorpus(guildId);
      const entry = held.get(guildId);
      if (entry) {
        held.delete(guildId);
        held.set(guildId, entry);
        // The base was reloaded since, or changes were missed: built again meanwhile, answered from the one held until then.
        if ((entry.base !== base.current() || entry.stale) && !building.has(guildId)) void start(guildId);
        return entry.corpus;
      }
      return building.get(guildId) ?? start(guildId);
    },
    atHand(guildId) {
      if (guildId === null || !withOwn.has(guildId)) return baseCorpus(guildId);
      const entry = held.get(guildId);
      if (entry) return entry.corpus;
      if (!building.has(guildId)) void start(guildId);
      return baseCorpus(guildId);
    },
    refresh(guildId) {
      withOwn.add(guildId);
      return start(guildId, building.get(guildId));
    },
    changed(guildId) {
      withOwn.add(guildId);
      if (held.has(guildId) || building.has(guildId)) void start(guildId, building.get(guildId));
    },
    mayHaveMissed() {
      listedFor = undefined;
      for (const entry of held.values()) entry.stale = true;
    },
    loaded: () => held.size,
    async close() {
      closed = true;
      held.clear();
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}
