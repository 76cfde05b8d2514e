import type { APIEmbed, Message } from 'discord.js';
import { ask, ASK_DEFAULT_LIMIT } from '../answers/index.ts';
import { followUp, type ThreadContext } from '../answers/followup.ts';
import { renderDiscord, renderNotice } from '../render/discord.ts';
import { unescapeUserText } from '../render/escape.ts';
import { safeMessage, type MessagePayload } from '../render/limits.ts';
import { UserError } from '../result.ts';
import type { SearchIndex } from '../search/index.ts';
import { failureNotice } from './boundary.ts';
import { askButtons, discussArticle } from './buttons.ts';
import { serve, type BotServices } from './context.ts';
import { citationsOf, feedbackRow, recordShown } from './feedback.ts';
import { mentionsBot, questionFromMention } from './mention.ts';

/** A mention with no question gets this, one line. */
export const MENTION_HINT = 'Ask me after the mention, e.g. “@citebot what do the labs say about funding?”, or use /ask.';

/**
 * Answers messages that mention the bot: in a thread, inside it (a Discuss
 * thread keeps its question's article and words); in a channel, as a reply.
 * The reply references the message and pings no one. Bots (itself included)
 * are ignored; the per-user cooldown is the commands' own. Failures go
 * through the commands' error boundary (failureNotice).
 */
export function createMessageHandler(
  services: BotServices,
  cooldown: { check(userId: string): number },
): (message: Message) => Promise<void> {
  return async (message) => {
    const botId = message.client.user.id;
    if (message.author.bot || message.webhookId || !message.inGuild() || !mentionsBot(message.content, botId)) return;
    const started = performance.now();
    const base = { command: 'mention', user: message.author.id, guild: message.guildId, thread: message.channel.isThread() };
    try {
      const wait = cooldown.check(message.author.id);
      if (wait > 0) {
        services.log.info('mention', { ...base, cooldown: wait, ms: elapsed(started) });
        return; // a reply to each message of a burst would be the spam the cooldown prevents
      }
      const question = questionFromMention(message.content);
      if (!question) {
        await message.reply(reply(safeMessage({ content: MENTION_HINT, embeds: [], components: [] })));
        services.log.info('mention', { ...base, question: 0, ms: elapsed(started) });
        return;
      }
      const ctx = await serve(services, { guildId: message.guildId, channelId: message.channelId, channel: message.channel });
      const thread = message.channel.isThread() ? await threadContext(message, ctx.index) : undefined;
      const scoped = thread?.articleId ? undefined : ctx.scope?.articles;
      const answer = thread ? followUp(ctx.index, question, thread) : ask(ctx.index, question, { ...(scoped && { scope: scoped }) });
      if (!answer.ok) throw UserError.of(answer.error);
      const buttons = askButtons(ctx.index, answer.value, ASK_DEFAULT_LIMIT);
      const payload = renderDiscord(answer.value, message.channel.isThread() ? { ...(buttons.more && { more: buttons.more }) } : buttons);
      const id = recordShown(ctx, {
        kind: thread ? 'follow-up' : 'mention',
        question,
        guildId: message.guildId,
        citations: citationsOf(answer.value),
      });
      await message.reply(reply({ ...payload, components: [...payload.components, feedbackRow(id, message.author.id)] }));
      services.log.info('mention', { ...base, question: question.length, results: answer.value.results.length, ms: elapsed(started) });
    } catch (error) {
      const notice = failureNotice(services.log, 'mention', error, { ...base, ms: elapsed(started) }, [message.content]);
      await message
        .reply(reply(renderNotice(notice)))
        .catch((e: unknown) => services.log.warn('could not report the failure to the user', { ...base, error: e }));
    }
  };
}

/** A message payload as a reply: a reference to the asking message, and no one pinged, not even its author. */
function reply(p: MessagePayload) {
  return {
    ...(p.content !== undefined && { content: p.content }),
    embeds: p.embeds,
    components: p.components,
    allowedMentions: { parse: [], repliedUser: false },
    failIfNotExists: false,
  };
}

/**
 * What a thread opened with Discuss is about, read from its starter message
 * (citebot's answer): the question is the embed's title, the article it was
 * limited to is carried by its Discuss button's id, the articles quoted are
 * its citation ids. Nothing is kept in memory, so it holds across restarts
 * and shards. Undefined for a thread citebot did not open on an answer.
 */
async function threadContext(message: Message<true>, index: SearchIndex): Promise<ThreadContext | undefined> {
  if (!message.channel.isThread()) return undefined;
  const starter = await message.channel.fetchStarterMessage().catch(() => null);
  if (!starter || starter.author.id !== message.client.user.id) return undefined;
  const ids = starter.components.flatMap((row) =>
    ((row.toJSON() as { components?: { custom_id?: string }[] }).components ?? []).map((c) => c.custom_id ?? ''),
  );
  return contextFromAnswer(index, starter.embeds[0]?.data, ids);
}

/** The ThreadContext an answer carries: its embed, and its buttons' custom ids (see threadContext). */
export function contextFromAnswer(
  index: SearchIndex,
  embed: APIEmbed | undefined,
  customIds: readonly string[],
): ThreadContext | undefined {
  if (!embed?.title) return undefined;
  const cited = [...(embed.description ?? '').matchAll(/`([^`#\s]+)#[^`\s]+`/g)].map((m) => m[1]!);
  const article = customIds.map(discussArticle).find((id) => id !== undefined);
  return {
    question: unescapeUserText(embed.title),
    // Only an article this server's corpus has: an id in a button is never trusted further.
    articleId: article !== undefined && index.articles.has(article) ? article : null,
    citedArticles: [...new Set(cited)],
  };
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;
