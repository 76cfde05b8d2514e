import { extname } from 'node:path';
import { changedArticle, type CorpusAnswer } from '../answers/corpus.ts';
import { fetchUrl } from '../import/fetch.ts';
import { IMPORTABLE, kindOfFile, prepareBytes, prepareUrl, type Prepared } from '../import/import.ts';
import { ok, refuse, type Result, type UserProblem } from '../result.ts';
import type { ArticleWriteFailure, Store } from '../store/types.ts';
import type { ServerCorpora, ServerCorpus } from './corpora.ts';

/** The largest attachment /article add takes. */
const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
/** Where Discord serves attachments from. */
const DISCORD_CDN = new Set(['https://cdn.discordapp.com', 'https://media.discordapp.net']);

/** What /article acts on: one server's own articles, as one of its members. */
export interface ServerArticles {
  readonly guildId: string;
  /** Who is adding or removing, kept with the article. */
  readonly userId: string;
  /** The corpus the server sees now: the base's ids are refused, its own are replaced or removed. */
  readonly current: ServerCorpus;
  readonly store: Pick<Store, 'putGuildArticle' | 'removeGuildArticle'>;
  readonly corpora: Pick<ServerCorpora, 'refresh'>;
  /**
   * An origin attachments may also come from, besides Discord's CDN: the
   * configured Discord API's (the stand-in in tests), trusted like the CDN,
   * private address or not.
   */
  readonly apiOrigin?: string | undefined;
}

export interface AddRequest {
  /** The attachment's address, as Discord gives it. */
  readonly file?: string | undefined;
  /** A web page or PDF to fetch; private addresses are always refused. */
  readonly url?: string | undefined;
  /** Replace the server's own article with the same id. */
  readonly replace?: boolean | undefined;
}

/**
 * /article add: reads an attachment or a URL as an article and keeps it in
 * the store as one of the server's own (nothing kept on any failure), then
 * rebuilds the server's index and says what came in. An id of the base's is
 * refused: the operator's articles are read-only from Discord.
 */
export async function addServerArticle(server: ServerArticles, request: AddRequest): Promise<Result<CorpusAnswer, UserProblem>> {
  const read = await readRequest(request, server.apiOrigin);
  if (!read.ok) return read;
  const { prepared, source } = read.value;
  const { id } = prepared;
  if (server.current.index.articles.has(id) && !server.current.own.has(id))
    return refuse('base-article', `Not added: "${id}" is an article of the bot’s own corpus, which only its operator can change.`);
  const existed = server.current.own.has(id);
  const put = await server.store.putGuildArticle(
    { guildId: server.guildId, id, markdown: prepared.markdown, source, addedBy: server.userId, addedAt: new Date() },
    request.replace === true,
  );
  if (!put.ok) return refuse(put.error.reason === 'exists' ? 'article-exists' : 'store-failed', notKept(id, put.error));
  return rebuilt(server, existed ? 'replaced' : 'added', prepared);
}

/** /article remove: removes one of the server's own articles from the store and rebuilds its index. */
export async function removeServerArticle(server: ServerArticles, id: string): Promise<Result<CorpusAnswer, UserProblem>> {
  if (!server.current.own.has(id) && server.current.index.articles.has(id))
    return refuse('base-article', `"${id}" is an article of the bot’s own corpus: only its operator can remove it.`);
  const article = server.current.own.has(id)
    ? server.current.index.corpus.articles[server.current.index.articles.get(id)!.index]
    : undefined;
  const removed = await server.store.removeGuildArticle(server.guildId, id);
  if (!removed.ok)
    return removed.error.reason === 'missing'
      ? refuse('unknown-article', `This server has no article of its own with the id "${id}".`)
      : refuse(
          'store-failed',
          `Not removed: the server’s articles could not be changed just now (${removed.error.reason}). Try again later.`,
        );
  const started = performance.now();
  const after = await server.corpora.refresh(server.guildId);
  return ok({
    kind: 'corpus',
    action: 'removed',
    change: summary(after, started),
    article: article ? changedArticle(article) : null,
    reloadProblem: null,
  });
}

async function rebuilt(
  server: ServerArticles,
  action: 'added' | 'replaced',
  prepared: Prepared,
): Promise<Result<CorpusAnswer, UserProblem>> {
  const started = performance.now();
  const after = await server.corpora.refresh(server.guildId);
  return ok({
    kind: 'corpus',
    action,
    change: summary(after, started),
    article: changedArticle(prepared.article),
    reloadProblem: after.own.has(prepared.id) ? null : 'the server’s index could not be rebuilt; it answers from the previous one',
  });
}

/** `this server: 3 own articles over 120 of the bot's; passages 2,345; 850 ms`. */
const summary = (after: ServerCorpus, started: number) =>
  `This server: ${after.own.size} article${after.own.size === 1 ? '' : 's'} of its own beside ${
    after.index.corpus.articles.length - after.own.size
  } of the bot’s; passages ${after.index.corpus.passages.length}; ${Math.round(performance.now() - started)} ms`;

function notKept(id: string, failure: ArticleWriteFailure): string {
  if (failure.reason === 'exists') return `Not added: this server already has "${id}" (set replace to True to replace it).`;
  return `Not added: the server’s articles could not be saved just now (${failure.reason}); nothing was kept. Try again later.`;
}

/** The attachment or URL of a request, read as an article, with where it came from. */
async function readRequest(
  request: AddRequest,
  apiOrigin: string | undefined,
): Promise<Result<{ prepared: Prepared; source: string }, UserProblem>> {
  if (Boolean(request.file) === Boolean(request.url)) return refuse('bad-option', 'Give either a file or a url (one of them).');
  if (request.url) {
    const prepared = await prepareUrl(request.url, { allowPrivate: false, ...DISCORD_HINTS });
    return prepared.ok ? ok({ prepared: prepared.value, source: request.url }) : refuse('import-failed', `Not added: ${prepared.error}`);
  }
  let address: URL;
  try {
    address = new URL(request.file!);
  } catch {
    return refuse('bad-option', 'That attachment has no address Discord would give.');
  }
  const trustedHere = address.origin === apiOrigin;
  if (!DISCORD_CDN.has(address.origin) && !trustedHere) return refuse('bad-option', 'Attach the file to the command itself.');
  // The attachment's name gives only its kind: the article's id comes from its title.
  const name = decodeURIComponent(address.pathname.split('/').pop() ?? '');
  const kind = kindOfFile(name);
  if (!kind)
    return refuse(
      'import-failed',
      `Not added: attach a ${IMPORTABLE} file (this one is ${extname(address.pathname) || 'without an extension'}).`,
    );
  const fetched = await fetchUrl(address.href, { maxBytes: ATTACHMENT_MAX_BYTES, allowPrivate: trustedHere, ...DISCORD_HINTS.fetch });
  if (!fetched.ok) return refuse('import-failed', `Not added: the attachment ${fetched.error}.`);
  const prepared = await prepareBytes(fetched.value.bytes, kind, { name, ...DISCORD_HINTS });
  return prepared.ok ? ok({ prepared: prepared.value, source: name }) : refuse('import-failed', `Not added: ${prepared.error}`);
}

/**
 * The way through, in Discord's words, for the import's messages that say one: the command line's
 * flags (--allow-private, --id) are its own words, given by it and never reworded here.
 */
const DISCORD_HINTS = {
  fetch: { privateHint: '; addresses on private networks are never fetched from Discord' },
  idHint: '',
} as const;
