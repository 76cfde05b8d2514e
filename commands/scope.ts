import { ApplicationCommandOptionType, InteractionContextType } from 'discord-api-types/v10';
import { resolveArticle, suggestArticles } from '../src/answers/index.ts';
import { articleRef } from '../src/answers/excerpt.ts';
import type { ArticleRef, ScopeAnswer } from '../src/answers/types.ts';
import { text, type ServerContext, type SlashCommand } from '../src/command.ts';
import { ok, refuse, type Result, type UserProblem } from '../src/result.ts';
import type { SearchIndex } from '../src/search/index.ts';
import { MANAGE_SERVER } from './options.ts';

/** The most articles one scope names. */
export const SCOPE_MAX_ARTICLES = 25;

/**
 * /scope set|clear|show: a channel (and the threads under it) answers from
 * some articles only. Kept in the store; an answer in a scoped channel says
 * so in its footer, and an explicit `article:` option still wins.
 */
export const scopeCommand: SlashCommand = {
  kind: 'slash',
  discordOnly: true,
  ephemeral: true,
  data: {
    name: 'scope',
    description: 'Make this channel answer from some articles only',
    default_member_permissions: MANAGE_SERVER,
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'set',
        description: 'Answer from these articles only, in this channel and its threads',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'articles',
            description: 'Article ids or parts of their titles, comma-separated',
            required: true,
            max_length: 1000,
          },
        ],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: 'clear', description: 'Answer from every article again' },
      { type: ApplicationCommandOptionType.Subcommand, name: 'show', description: 'Which articles this channel answers from' },
    ],
  },
  async run(index, o, context) {
    const server = context?.server;
    if (!server?.channelId) return refuse('not-in-server', 'Use /scope in a server channel.');
    const { guildId, channelId } = server;
    if (o['subcommand'] === 'set') {
      const articles = resolveAll(index, text(o, 'articles') ?? '');
      if (!articles.ok) return articles;
      const saved = await server.scopes.set({ guildId, channelId, articles: articles.value.map((a) => a.id) }, server.userId);
      if (!saved.ok) return unsaved(saved.error.reason);
      return ok(answer('set', articles.value));
    }
    if (o['subcommand'] === 'clear') {
      const cleared = await server.scopes.clear(guildId, channelId);
      return cleared.ok ? ok(answer('cleared', [])) : unsaved(cleared.error.reason);
    }
    return ok(answer('shown', shownArticles(index, server)));
  },
  suggest: (index, _option, typed) => suggestArticles(index, typed.split(',').pop()?.trim() ?? ''),
};

const answer = (action: ScopeAnswer['action'], articles: readonly ArticleRef[]): ScopeAnswer => ({ kind: 'scope', action, articles });

const unsaved = (reason: string) =>
  refuse('store-failed', `The scope could not be saved just now (${reason}); nothing changed. Try again later.`);

/** The articles a comma-separated list names, each by id or part of its title, or the first one that names none. */
function resolveAll(index: SearchIndex, list: string): Result<ArticleRef[], UserProblem> {
  const parts = list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return refuse('bad-option', 'Name at least one article (ids or parts of titles, comma-separated).');
  if (parts.length > SCOPE_MAX_ARTICLES) return refuse('bad-option', `A scope names ${SCOPE_MAX_ARTICLES} articles at most.`);
  const found = new Map<string, ArticleRef>();
  for (const part of parts) {
    const article = resolveArticle(index, part);
    if (!article.ok) return article;
    found.set(article.value.id, articleRef(article.value));
  }
  return ok([...found.values()]);
}

/** The channel's scope as this server's corpus has it now (an article removed since is left out). */
function shownArticles(index: SearchIndex, server: ServerContext): ArticleRef[] {
  return (server.scope?.articles ?? []).flatMap((id) => {
    const entry = index.articles.get(id);
    return entry ? [articleRef(index.corpus.articles[entry.index]!)] : [];
  });
}
