// `npm run import -- <file-or-url>... [--corpus DIR] [--guild ID] [--id ID] [--force] [--allow-private]`
import { readdirSync } from 'node:fs';
import { articleIdFor } from '../corpus/article.ts';
import { passagesOf } from '../corpus/corpus.ts';
import type { Article } from '../corpus/types.ts';
import { parseToolArgs, type ToolIo } from './args.ts';
import { importSource, IMPORTABLE, prepareSource, type Imported } from '../import/import.ts';
import { GUILD_ID } from '../report/args.ts';
import { err, ok, type Result } from '../result.ts';
import type { Store } from '../store/index.ts';
import { passageId } from '../corpus/passage.ts';

export const IMPORT_USAGE = `usage: npm run import -- <file-or-url>... [--corpus DIR] [--guild ID] [--id ID] [--force] [--allow-private]

Turns each input (${IMPORTABLE}, or an http(s) address of a web page or PDF)
into an article in the corpus folder (--corpus, default CORPUS_DIR or corpus/).
  --guild ID       instead, one server's own article, kept in the bot's store (DATA_DIR or DATABASE_URL)
  --id ID          the article's id and file name (one input only); default: the title's slug
  --force          replace an article that has the same id
  --allow-private  fetch from private, loopback and link-local addresses (your own network)`;

export interface ImportIo extends ToolIo {
  /** The corpus folder when --corpus is not given (the configured CORPUS_DIR). */
  readonly defaultCorpus: () => string;
  /** The bot's store, for --guild (the configured one); the import closes it. */
  readonly openStore?: () => Promise<Store>;
}

/** Runs the import command; the exit code: 0 when every input was written, 1 when any was not, 2 for a usage error. */
export async function runImport(argv: readonly string[], io: ImportIo): Promise<number> {
  const parsed = parseToolArgs(
    'import',
    IMPORT_USAGE,
    argv,
    {
      corpus: { type: 'string' },
      guild: { type: 'string' },
      id: { type: 'string' },
      force: { type: 'boolean', default: false },
      'allow-private': { type: 'boolean', default: false },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    io.error(IMPORT_USAGE);
    return 2;
  }
  if (values.id !== undefined && positionals.length > 1) {
    io.error('citebot import: --id names one article: give one input with it');
    return 2;
  }
  if (values.guild !== undefined && !GUILD_ID.test(values.guild)) {
    io.error('citebot import: --guild takes a Discord server id (digits only)');
    return 2;
  }
  const corpusDir = values.corpus ?? io.defaultCorpus();
  const options = { corpusDir, id: values.id, force: values.force, allowPrivate: values['allow-private'] };
  const guild = values.guild;
  const store = guild !== undefined ? await io.openStore?.() : undefined;
  if (guild !== undefined && (!store || store.backend === 'none')) {
    io.error('citebot import: --guild needs the bot’s store (DATA_DIR or DATABASE_URL), and it cannot be opened');
    await store?.close();
    return 1;
  }
  let failed = 0;
  try {
    for (const input of positionals) {
      const result = store && guild ? await importForGuild(input, guild, store, options) : await importSource(input, options);
      if (!result.ok) {
        failed++;
        io.error(`${input}: ${result.error}`);
        continue;
      }
      io.out(describe(result.value.file, result.value.article));
    }
  } finally {
    await store?.close();
  }
  if (positionals.length > 1) io.out(`${positionals.length - failed} of ${positionals.length} imported`);
  return failed === 0 ? 0 : 1;
}

/**
 * Keeps an input as one server's own article in the store: refused when the
 * base corpus has its id, or the server has it already (unless --force).
 */
async function importForGuild(
  input: string,
  guildId: string,
  store: Store,
  options: { corpusDir: string; id: string | undefined; force: boolean; allowPrivate: boolean },
): Promise<Result<Pick<Imported, 'file' | 'article'>, string>> {
  const prepared = await prepareSource(input, options);
  if (!prepared.ok) return prepared;
  const { id, markdown, article } = prepared.value;
  if (baseIds(options.corpusDir).has(id)) return err(`the base corpus (${options.corpusDir}) has an article "${id}": choose another --id`);
  const put = await store.putGuildArticle({ guildId, id, markdown, source: input, addedBy: 'cli', addedAt: new Date() }, options.force);
  if (!put.ok)
    return err(
      put.error.reason === 'exists'
        ? `server ${guildId} already has "${id}" (add --force to replace it, or choose another --id)`
        : `the store could not keep it (${'code' in put.error && put.error.code ? put.error.code : put.error.reason}); nothing was kept`,
    );
  return ok({ file: `server ${guildId}: ${id}`, article });
}

/** The ids of the base corpus's articles, from its files' names. */
function baseIds(corpusDir: string): Set<string> {
  try {
    return new Set(
      readdirSync(corpusDir)
        .filter((n) => n.toLowerCase().endsWith('.md'))
        .map((n) => articleIdFor(n) ?? ''),
    );
  } catch {
    return new Set();
  }
}

/** What was written, for a person: file, title, publisher, sections with passage counts, first citation ids. */
export function describe(file: string, article: Article): string {
  const passages = passagesOf(article);
  const sections = article.sections.filter((s) => s.passages.length > 0);
  return [
    `${file}: written`,
    `  title: ${article.title}`,
    `  publisher: ${article.publisher ?? 'not stated'}`,
    `  sections (${sections.length}): ${sections.map((s) => `${s.heading} (${s.passages.length})`).join(', ')}`,
    `  passages: ${passages.length}`,
    `  cite: ${passages.slice(0, 3).map(passageId).join(', ')}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { configOrExit } = await import('../startup.ts');
  process.exitCode = await runImport(process.argv.slice(2), {
    out: (line) => console.log(line),
    error: (line) => console.error(line),
    defaultCorpus: () => configOrExit().corpusDir,
    openStore: async () => {
      const { openStore } = await import('../store/index.ts');
      return openStore(configOrExit());
    },
  });
}
