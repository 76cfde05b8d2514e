// `npm run articles -- list|export|remove --guild ID [--out DIR] [ID...]`: one server's own articles, from the bot's store.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkId } from '../import/write.ts';
import { parseToolArgs, type ToolIo } from './args.ts';
import { GUILD_ID } from '../report/args.ts';
import type { Store } from '../store/index.ts';

export const ARTICLES_USAGE = `usage: npm run articles -- <list|export|remove> --guild ID [--out DIR] [ID...]

A server's own articles (added with /article add or npm run import -- --guild), kept in the bot's store.
  list               each article: id, size, who added it, when, from where
  export --out DIR   writes each article (or the IDs given) to DIR/<id>.md, byte for byte
  remove ID...       removes these articles of the server (a running bot picks it up on its next /reload or SIGHUP)`;

export interface ArticlesIo extends ToolIo {
  /** The bot's store (the configured one); closed here. */
  readonly openStore: () => Promise<Store>;
}

/** Runs the command; the exit code: 0 done, 1 when something could not be done, 2 for a usage error. */
export async function runArticles(argv: readonly string[], io: ArticlesIo): Promise<number> {
  const parsed = parseToolArgs('articles', ARTICLES_USAGE, argv, { guild: { type: 'string' }, out: { type: 'string' } }, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [action, ...ids] = positionals;
  const usage = (problem: string) => (io.error(`citebot articles: ${problem}`), io.error(ARTICLES_USAGE), 2);
  if (action !== 'list' && action !== 'export' && action !== 'remove') return usage('say list, export or remove');
  if (values.guild === undefined || !GUILD_ID.test(values.guild)) return usage('--guild takes a Discord server id (digits only)');
  if (action === 'export' && !values.out) return usage('export needs --out DIR');
  if (action === 'remove' && ids.length === 0) return usage('remove needs the ids of the articles to remove');
  const bad = ids.find((id) => !checkId(id).ok);
  if (bad !== undefined) return usage(`"${bad.slice(0, 80)}" is not an article id`);
  const store = await io.openStore();
  if (store.backend === 'none') {
    io.error('citebot articles: the bot’s store (DATA_DIR or DATABASE_URL) cannot be opened');
    return 1;
  }
  try {
    const guildId = values.guild;
    if (action === 'remove') {
      let failed = 0;
      for (const id of ids) {
        const removed = await store.removeGuildArticle(guildId, id);
        if (removed.ok) io.out(`${id}: removed`);
        else {
          failed++;
          io.error(
            `${id}: ${removed.error.reason === 'missing' ? `server ${guildId} has no such article` : `not removed (${removed.error.reason})`}`,
          );
        }
      }
      return failed === 0 ? 0 : 1;
    }
    const articles = await store.guildArticles(guildId);
    if (!articles.ok) {
      io.error(`citebot articles: the store could not be read (${articles.error.reason})`);
      return 1;
    }
    const chosen = ids.length ? articles.value.filter((a) => ids.includes(a.id)) : articles.value;
    const missing = ids.filter((id) => !chosen.some((a) => a.id === id));
    for (const id of missing) io.error(`${id}: server ${guildId} has no such article`);
    if (action === 'list') {
      if (chosen.length === 0) io.out(`server ${guildId} has no articles of its own`);
      for (const a of chosen)
        io.out(`${a.id}  ${a.markdown.length} bytes  added ${a.addedAt.toISOString()} by ${a.addedBy}  from ${a.source}`);
    } else {
      mkdirSync(values.out!, { recursive: true });
      for (const a of chosen) {
        const file = join(values.out!, `${a.id}.md`);
        try {
          writeFileSync(file, a.markdown, { flag: 'wx' });
          io.out(`${file}: written`);
        } catch (e) {
          missing.push(a.id);
          io.error(`${file}: not written (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
        }
      }
    }
    return missing.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { configOrExit } = await import('../startup.ts');
  const { openStore } = await import('../store/index.ts');
  process.exitCode = await runArticles(process.argv.slice(2), {
    out: (line) => console.log(line),
    error: (line) => console.error(line),
    openStore: () => openStore(configOrExit()),
  });
}
