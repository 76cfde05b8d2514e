import type { ButtonInteraction } from 'discord.js';
import { ChannelType, DiscordAPIError, RESTJSONErrorCodes, ThreadAutoArchiveDuration } from 'discord.js';
import { ask, ASK_DEFAULT_LIMIT } from '../answers/index.ts';
import type { Answer, AskAnswer } from '../answers/types.ts';
import { integer, type ButtonKind, type CommandOptions } from '../command.ts';
import { askTitle, renderDiscord, renderNotice, type AnswerButtons } from '../render/discord.ts';
import { unescapeUserText } from '../render/escape.ts';
import { cut, LIMITS } from '../render/limits.ts';
import { corpusKeyOfIndex } from '../engine.ts';
import { UserError } from '../result.ts';
import type { SearchIndex } from '../search/index.ts';
import type { BotContext, Outcome } from './context.ts';
import { deliver } from './deliver.ts';
import { send } from './reply.ts';
import { passageId } from '../corpus/passage.ts';

// Custom ids: `cb1:more:<offset>:<count>:<article index or ->:<check>` and `cb1:discuss[:<article id>]`.
// Stateless: the question is the answer embed's title; `check` ties the id to
// that question and to this corpus, so an edited corpus or a foreign id is refused.
const PREFIX = 'cb1';

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

const fingerprints = new WeakMap<SearchIndex, string>();
/**
 * Changes whenever the corpus's passages change: the key the engine made of
 * the corpus files as it opened them, so no press of More hashes the corpus.
 * An index built some other way (a test's) is hashed once, here.
 */
function corpusFingerprint(index: SearchIndex): string {
  let f = corpusKeyOfIndex(index) ?? fingerprints.get(index);
  if (!f) fingerprints.set(index, (f = fnv1a(index.corpus.passages.map((p) => `${passageId(p)}\0${p.text}`).join('\n'))));
  return f;
}

const check = (index: SearchIndex, question: string, article: string) => fnv1a(`${corpusFingerprint(index)}\0${article}\0${question}`);

/**
 * The question as More reads it back from the answer's title (see questionOf): spaces collapsed,
 * or undefined when the title had to be cut and cannot give the whole question back.
 */
function titledQuestion(query: string): string | undefined {
  const title = askTitle(query);
  return cut(title, LIMITS.embedTitle) === title ? unescapeUserText(title) : undefined;
}

/** The buttons under an ask answer: More only where it can find the question again. */
export function askButtons(index: SearchIndex, answer: AskAnswer, count: number): AnswerButtons {
  const articleIndex = answer.article ? String(index.articles.get(answer.article.id)?.index ?? '-') : '-';
  const next = answer.offset + answer.results.length;
  const question = titledQuestion(answer.query);
  const more =
    question === undefined ? undefined : `${PREFIX}:more:${next}:${count}:${articleIndex}:${check(index, question, articleIndex)}`;
  return { ...(more !== undefined && { more }), discuss: discussId(answer.article?.id) };
}

/** Discuss's custom id: the article the answer was limited to rides along, for the thread's follow-ups (see discussArticle). */
const discussId = (articleId: string | undefined) => (articleId ? `${PREFIX}:discuss:${articleId}` : `${PREFIX}:discuss`);

/** The article id a Discuss button carries, or undefined (none, or not a Discuss button). */
export function discussArticle(customId: string): string | undefined {
  const [prefix, action, article] = customId.split(':');
  return prefix === PREFIX && action === 'discuss' && article ? article : undefined;
}

/** The buttons a command asked for under its answer: More only under an ask answer. */
export function answerButtons(index: SearchIndex, answer: Answer, kinds: readonly ButtonKind[], options: CommandOptions): AnswerButtons {
  const wanted = new Set(kinds);
  const ask = wanted.has('more') && answer.kind === 'ask' ? askButtons(index, answer, integer(options, 'count') ?? ASK_DEFAULT_LIMIT) : {};
  return {
    ...(ask.more !== undefined && { more: ask.more }),
    ...(wanted.has('discuss') && { discuss: ask.discuss ?? discussId(undefined) }),
  };
}

/** What a custom id does (`more`, `discuss`), for the log line; `?` for an id not ours (it could carry anything). */
export const buttonAction = (customId: string): string => {
  const [prefix, action] = customId.split(':');
  return prefix === PREFIX && action !== undefined && Object.hasOwn(HANDLERS, action) ? action : '?';
};

/** The question an answer message was for, read back from its embed title. */
function questionOf(interaction: ButtonInteraction): string | undefined {
  const title = interaction.message.embeds[0]?.title;
  return title ? unescapeUserText(title) : undefined;
}

type ButtonHandler = (interaction: ButtonInteraction, ctx: BotContext, parts: readonly string[]) => Promise<Outcome>;

/** What each button does, by the action in its custom id. A new button: one entry here. */
const HANDLERS: Readonly<Record<string, ButtonHandler>> = { more, discuss };

export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<Outcome> {
  const parts = interaction.customId.split(':');
  if (parts[0] !== PREFIX)
    throw new UserError('unknown-button', 'This button is not one of citebot’s (or is from an older version). Ask again.');
  const handler = Object.hasOwn(HANDLERS, parts[1] ?? '') ? HANDLERS[parts[1]!] : undefined;
  if (!handler) throw new UserError('unknown-button', 'This button is no longer supported. Ask again.');
  return handler(interaction, ctx, parts);
}

async function more(interaction: ButtonInteraction, ctx: BotContext, parts: readonly string[]): Promise<Outcome> {
  const [, , offsetText, countText, articleIndex, sum] = parts;
  const question = questionOf(interaction);
  const offset = Number(offsetText);
  const count = Number(countText);
  if (
    !question ||
    !Number.isInteger(offset) ||
    !Number.isInteger(count) ||
    articleIndex === undefined ||
    sum !== check(ctx.index, question, articleIndex)
  ) {
    throw new UserError('stale-button', 'This button is stale: the corpus changed or the question is gone. Ask again with /ask.');
  }
  const article = articleIndex === '-' ? undefined : ctx.index.corpus.articles[Number(articleIndex)]?.id;
  // Pressed in the channel it was asked in: the same scope, unless an article was named.
  const scope = article === undefined ? ctx.scope?.articles : undefined;
  const answer = ask(ctx.index, question, { article, limit: count, offset, ...(scope && { scope }) });
  if (!answer.ok) throw UserError.of(answer.error);
  const payload = renderDiscord(answer.value, askButtons(ctx.index, answer.value, count));
  // Another answer, with passages of its own: recorded, and (when public) with its own 👍 👎 🗑.
  await deliver(interaction, ctx, 'more', answer.value, {
    ...payload,
    ...(interaction.message.flags.has('Ephemeral') && { ephemeral: true }),
  });
  return { results: answer.value.results.length };
}

async function discuss(interaction: ButtonInteraction): Promise<Outcome> {
  const channel = interaction.channel;
  if (!channel || channel.isThread()) throw new UserError('in-thread', 'This answer is already in a thread: discuss it right here.');
  if (interaction.message.flags.has('Ephemeral'))
    throw new UserError('private-thread', 'A private answer cannot have a thread. Ask again without private.');
  if (interaction.message.hasThread) throw new UserError('has-thread', 'This answer already has a thread.');
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
    throw new UserError('no-text-channel', 'Threads can only be opened in a server text channel.');
  }
  const name = cut((questionOf(interaction) ?? 'Discussion').replace(/\s+/g, ' ').trim(), LIMITS.threadName) || 'Discussion';
  const thread = await interaction.message
    .startThread({ name, autoArchiveDuration: ThreadAutoArchiveDuration.OneDay })
    .catch((e: unknown) => {
      // Two people pressed Discuss at once: the message this press carried had no thread yet.
      if (e instanceof DiscordAPIError && e.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage)
        throw new UserError('has-thread', 'This answer already has a thread.');
      throw e;
    });
  await send(interaction, renderNotice(`Thread opened: ${thread.name}. Use /ask or Find sources in it; answers stay in the thread.`));
  return {};
}
