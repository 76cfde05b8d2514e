import { mkdirSync, readdirSync, renameSync, existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { changedArticle, type CorpusAnswer } from '../answers/corpus.ts';
import { articleIdFor } from '../corpus/article.ts';
import { fetchUrl } from '../import/fetch.ts';
import { importBytes, importUrl, IMPORTABLE, kindOfFile, type Imported } from '../import/import.ts';
import { ok, refuse, type Result, type UserProblem } from '../result.ts';
import type { LiveIndex } from './live.ts';

/** The largest attachment /article add takes. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
/** Where Discord serves attachments from. */
const DISCORD_CDN = new Set(['https://cdn.discordapp.com', 'https://media.discordapp.net']);
/** Where /article remove moves a file: kept, not deleted, and not read by the loader (it reads no sub-folders). */
export const REMOVED_FOLDER = '.removed';

/** What the corpus commands act on: the running front end's corpus folder and live index. */
export interface CorpusAdmin {
  readonly corpusDir: string;
  readonly live: LiveIndex;
  /**
   * An origin attachments may also come from, besides Discord's CDN: the
   * configured Discord API's (the stand-in in tests), trusted like the CDN,
   * private address or not.
   */
  readonly apiOrigin?: string | undefined;
}

const running = (admin: CorpusAdmin | undefined): Result<CorpusAdmin, UserProblem> =>
  admin ? ok(admin) : refuse('not-running', 'This works in the running bot or console only.');

/** True when a reload removed the passage this citation named: /quote says so instead of "unknown". */
export const wasRemoved = (admin: CorpusAdmin | undefined, citation: string): boolean => admin?.live.wasRemoved(citation) ?? false;

/** /reload: reloads now and says what changed, or the loader's line while the old corpus keeps serving. */
export async function reloadNow(corpus: CorpusAdmin | undefined): Promise<Result<CorpusAnswer, UserProblem>> {
  const admin = running(corpus);
  if (!admin.ok) return admin;
  const outcome = await admin.value.live.reload();
  if (!outcome.ok) return refuse('reload-failed', `Not reloaded, still answering from the previous corpus: ${outcome.problems[0]}`);
  return ok({ kind: 'corpus', action: 'reloaded', change: outcome.summary, article: null, reloadProblem: null });
}

export interface AddRequest {
  /** The attachment's address, as Discord gives it. */
  readonly file?: string | undefined;
  /** A web page or PDF to fetch; private addresses are always refused. */
  readonly url?: string | undefined;
  /** Replace an article with the same id. */
  readonly replace?: boolean | undefined;
}

/**
 * /article add: imports an attachment or a URL into the corpus folder
 * (nothing written on any failure; the file name from the title's slug only),
 * reloads, and says what came in.
 */
export async function addArticle(corpus: CorpusAdmin | undefined, request: AddRequest): Promise<Result<CorpusAnswer, UserProblem>> {
  const admin = running(corpus);
  if (!admin.ok) return admin;
  const { corpusDir, apiOrigin, live } = admin.value;
  if (Boolean(request.file) === Boolean(request.url)) return refuse('bad-option', 'Give either a file or a url (one of them).');
  let imported: Result<Imported, string>;
  if (request.file) {
    let address: URL;
    try {
      address = new URL(request.file);
    } catch {
      return refuse('bad-option', 'That attachment has no address Discord would give.');
    }
    const trustedHere = address.origin === apiOrigin;
    if (!DISCORD_CDN.has(address.origin) && !trustedHere) return refuse('bad-option', 'Attach the file to the command itself.');
    // The attachment's name gives only its kind: the article's file name comes from its title.
    const kind = kindOfFile(decodeURIComponent(address.pathname));
    if (!kind)
      return refuse(
        'import-failed',
        `Not added: attach a ${IMPORTABLE} file (this one is ${extname(address.pathname) || 'without an extension'}).`,
      );
    const fetched = await fetchUrl(address.href, { maxBytes: ATTACHMENT_MAX_BYTES, allowPrivate: trustedHere });
    if (!fetched.ok)
      return refuse('import-failed', `Not added: the attachment ${fetched.error.replace(/larger than .*/, 'larger than 5 MB')}.`);
    imported = await importBytes(fetched.value.bytes, kind, { corpusDir, force: request.replace, name: address.pathname.split('/').pop() });
  } else {
    imported = await importUrl(request.url!, { corpusDir, force: request.replace, allowPrivate: false });
  }
  if (!imported.ok) return refuse('import-failed', `Not added: ${forDiscord(imported.error)}`);
  const outcome = await live.reload();
  return ok({
    kind: 'corpus',
    action: request.replace && outcome.ok && outcome.change.edited.includes(imported.value.article.id) ? 'replaced' : 'added',
    change: outcome.ok ? outcome.summary : '',
    article: changedArticle(imported.value.article),
    reloadProblem: outcome.ok ? null : (outcome.problems[0] ?? 'unknown'),
  });
}

/** /article remove: moves the article's file to `.removed/` in the corpus folder (kept, not deleted) and reloads. */
export async function removeArticle(corpus: CorpusAdmin | undefined, id: string): Promise<Result<CorpusAnswer, UserProblem>> {
  const admin = running(corpus);
  if (!admin.ok) return admin;
  const { corpusDir, live } = admin.value;
  const name = readdirSync(corpusDir).find((n) => n.toLowerCase().endsWith('.md') && articleIdFor(n) === id);
  const article = live.current().corpus.articles.find((a) => a.id === id);
  if (!name) return refuse('unknown-article', `No article with the id "${id}" in the corpus folder.`);
  const folder = join(corpusDir, REMOVED_FOLDER);
  mkdirSync(folder, { recursive: true });
  // An earlier removal of the same id is kept too.
  const target = existsSync(join(folder, name)) ? join(folder, `${name.replace(/\.md$/i, '')}.${Date.now()}.md`) : join(folder, name);
  renameSync(join(corpusDir, name), target);
  const outcome = await live.reload();
  return ok({
    kind: 'corpus',
    action: 'removed',
    change: outcome.ok ? outcome.summary : '',
    article: article ? changedArticle(article) : null,
    reloadProblem: outcome.ok ? null : (outcome.problems[0] ?? 'unknown'),
  });
}

/** The import's messages speak of the command line's flags; in Discord the options say it. */
function forDiscord(message: string): string {
  return message
    .replace(/\(add --force to replace it, or choose another --id\)/, '(set replace to True to replace it)')
    .replace(/ \(add --allow-private to import from your own network\)/, '; addresses on private networks are never fetched from Discord')
    .replace(/ \(choose another with --id\)/, '')
    .replace(/: choose one with --id$/, '');
}
