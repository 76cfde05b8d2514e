import { corpusKeyOfIndex, keyed } from '../engine.ts';
import type { LiveIndex } from '../reload/live.ts';
import type { SearchIndex } from '../search/index.ts';
import { layerIndex } from '../search/layered.ts';
import type { ArticleStore, GuildArticle } from '../store/types.ts';
import { ownKey } from './combine.ts';
import { LayerWorker } from './layer.ts';

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
  /** The base index, kept current by reloads. */
  readonly base: LiveIndex;
  readonly store: ArticleStore;
  /** The most servers' indexes held at once; the least recently used is dropped beyond it. */
  readonly budget: number;
  /** Hears what was handled: a build that failed, a store that could not be read, an article left out. */
  readonly warn: (event: string, fields: Record<string, unknown>) => void;
}

const NONE: ReadonlySet<string> = new Set();

/** A server's index as held: the base it was laid over, and whether changes may have been missed since. */
interface Held {
  readonly base: SearchIndex;
  readonly corpus: ServerCorpus;
  stale?: boolean;
}

/** What serverCorpora's functions share. */
interface State extends ServerCorporaOptions {
  /** The servers with articles of their own, as last read from the store. */
  readonly withOwn: Set<string>;
  /** The base index `withOwn` was read for: read again after each reload of the base, and when changes may have been missed. */
  listedFor: SearchIndex | undefined;
  /** Insertion order is use order: the first entry is the least recently used. */
  readonly held: Map<string, Held>;
  readonly building: Map<string, Promise<ServerCorpus>>;
  /** A build that waits for the one before it and has not read the store yet: it will read any change made meanwhile too. */
  readonly waiting: Map<string, Promise<ServerCorpus>>;
  readonly worker: LayerWorker;
  closed: boolean;
}

/**
 * Keeps a server's index over the base and its own articles: its articles are
 * analysed in a worker while answers go on, then laid over the base index,
 * which is read in place, never copied (src/search/layered.ts). A server
 * without articles of its own (known from the store at start, and from each
 * change) shares the base index, and costs nothing. Indexes beyond the budget
 * are dropped least recently used first, and made again when that server asks next.
 */
export async function serverCorpora(options: ServerCorporaOptions): Promise<ServerCorpora> {
  const s: State = {
    ...options,
    withOwn: new Set(),
    listedFor: undefined,
    held: new Map(),
    building: new Map(),
    waiting: new Map(),
    worker: new LayerWorker(),
    closed: false,
  };
  await list(s);
  return {
    forGuild: (guildId) => forGuild(s, guildId),
    atHand(guildId) {
      if (guildId === null || !s.withOwn.has(guildId)) return baseCorpus(s, guildId);
      const entry = s.held.get(guildId);
      if (entry) return entry.corpus;
      if (!s.building.has(guildId)) void start(s, guildId);
      return baseCorpus(s, guildId);
    },
    refresh(guildId) {
      s.withOwn.add(guildId);
      return start(s, guildId, s.building.get(guildId));
    },
    changed(guildId) {
      s.withOwn.add(guildId);
      if (s.held.has(guildId) || s.building.has(guildId)) void start(s, guildId, s.building.get(guildId));
    },
    mayHaveMissed() {
      s.listedFor = undefined;
      for (const entry of s.held.values()) entry.stale = true;
    },
    loaded: () => s.held.size,
    async close() {
      s.closed = true;
      s.held.clear();
      await s.worker.close();
    },
  };
}

/** Reads which servers have articles of their own. */
async function list(s: State): Promise<void> {
  // Read once per base index, even when it fails: a store that is down must not slow every answer.
  s.listedFor = s.base.current();
  const listed = await s.store.guildsWithArticles();
  if (!listed.ok) return s.warn('server articles not listed', { reason: listed.error.reason });
  s.withOwn.clear();
  for (const g of listed.value) s.withOwn.add(g);
}

const baseCorpus = (s: State, guildId: string | null): ServerCorpus => ({ guildId, index: s.base.current(), own: NONE });

async function forGuild(s: State, guildId: string | null): Promise<ServerCorpus> {
  if (guildId === null) return baseCorpus(s, guildId);
  if (s.listedFor !== s.base.current()) {
    // The base was reloaded: a layer over the old one would keep the old base's tables in memory, and
    // making one again over the new base is quick (tens of ms), so each is made again at its server's next use.
    for (const [g, entry] of s.held) if (entry.base !== s.base.current()) s.held.delete(g);
    await list(s);
  }
  if (!s.withOwn.has(guildId)) return baseCorpus(s, guildId);
  const entry = s.held.get(guildId);
  if (entry) {
    s.held.delete(guildId);
    s.held.set(guildId, entry);
    // Changes were missed, or the base was reloaded while it was made: made again meanwhile, answered from the one held until then.
    if ((entry.base !== s.base.current() || entry.stale) && !s.building.has(guildId)) void start(s, guildId);
    return entry.corpus;
  }
  return s.building.get(guildId) ?? start(s, guildId);
}

/** One build per server at a time; a refresh asked for meanwhile starts after it (it must read the new articles). */
function start(s: State, guildId: string, after?: Promise<unknown>): Promise<ServerCorpus> {
  const queued = s.waiting.get(guildId);
  if (queued) return queued;
  const run = (after ?? Promise.resolve())
    .catch(() => {})
    .then(() => {
      s.waiting.delete(guildId);
      return build(s, guildId);
    });
  const tracked = run.finally(() => {
    if (s.building.get(guildId) === tracked) s.building.delete(guildId);
  });
  s.building.set(guildId, tracked);
  s.waiting.set(guildId, tracked);
  return tracked;
}

async function build(s: State, guildId: string): Promise<ServerCorpus> {
  const baseIndex = s.base.current();
  const articles = await s.store.guildArticles(guildId);
  if (!articles.ok) {
    // The store is down: this server answers from the base until it is back; nothing is kept.
    s.warn('server articles not read', { guild: guildId, reason: articles.error.reason });
    return s.held.get(guildId)?.corpus ?? baseCorpus(s, guildId);
  }
  if (articles.value.length === 0) {
    s.withOwn.delete(guildId);
    s.held.delete(guildId);
    return baseCorpus(s, guildId);
  }
  const made = await layered(s.worker, baseIndex, articles.value, (problem) =>
    s.warn('server article left out', { guild: guildId, problem }),
  );
  if (!made.ok) {
    s.warn('server index not built', { guild: guildId, problem: made.problem });
    return s.held.get(guildId)?.corpus ?? baseCorpus(s, guildId);
  }
  const corpus: ServerCorpus = { guildId, index: made.index, own: made.own };
  if (!s.closed) keep(s, guildId, { base: baseIndex, corpus });
  return corpus;
}

/** Holds a server's index as the most recently used, dropping the least recently used beyond the budget. */
function keep(s: State, guildId: string, entry: Held): void {
  s.held.delete(guildId);
  s.held.set(guildId, entry);
  for (const oldest of s.held.keys()) {
    if (s.held.size <= s.budget) break;
    s.held.delete(oldest);
  }
}

/** A server's index: its articles analysed in the worker, then laid over the base. */
async function layered(worker: LayerWorker, baseIndex: SearchIndex, articles: readonly GuildArticle[], skip: (problem: string) => void) {
  // An id the base has is the base's: the server's article of that id is left out (/article add refuses one).
  const fresh = articles.filter((a) => !baseIndex.articles.has(a.id));
  for (const a of articles) if (baseIndex.articles.has(a.id)) skip(`the server's article "${a.id}" has a base article's id; left out`);
  const own = fresh.map((a) => ({ id: a.id, markdown: a.markdown }));
  const reply = await worker.analyse(own, baseIndex.embeddings.pc);
  if (!reply.ok) return reply;
  for (const id of reply.analysis.skipped) skip(`the server's article "${id}" does not load; left out`);
  const index = layerIndex(baseIndex, reply.analysis.layer);
  const baseKey = corpusKeyOfIndex(baseIndex);
  if (baseKey !== undefined) keyed(index, ownKey(baseKey, own));
  return { ok: true as const, index, own: new Set(reply.analysis.layer.articles.map((a) => a.id)) };
}
