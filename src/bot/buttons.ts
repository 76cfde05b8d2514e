import type { ButtonInteraction } from 'discord.js';
import { ChannelType, DiscordAPIError, RESTJSONErrorCodes, ThreadAutoArchiveDuration } from 'discord.js';
import { ask } from '../answers/index.ts';
import type { AskAnswer } from '../answers/types.ts';
import { askTitle, renderDiscord, renderNotice, type AnswerButtons } from '../render/discord.ts';
import { unescapeUserText } from '../render/escape.ts';
import { cut, LIMITS } from '../render/limits.ts';
import { UserError } from '../result.ts';
import type { SearchIndex } from '../search/index.ts';
import type { BotContext, Outcome } from './command.ts';
import { send } from './reply.ts';

// Custom ids: `cb1:more:<offset>:<count>:<article index or ->:<check>` and `cb1:discuss`.
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
/** Changes whenever the corpus's passages change. */
function corpusFingerprint(index: SearchIndex): string {
  let f = fingerprints.get(index);
  if (!f) fingerprints.set(index, (f = fnv1a(index.corpus.passages.map((p) => `${p.id}\0${p.text}`).join('\n'))));
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
  const more = question === undefined ? undefined : `${PREFIX}:more:${next}:${count}:${articleIndex}:${check(index, question, articleIndex)}`;
  return { ...(more !== undefined && more.length <= LIMITS.customId && { more }), discuss: `${PREFIX}:discuss` };
}

/** The "Discuss" button alone, for answers that have no next page. */
export const discussOnly: AnswerButtons = { discuss: `${PREFIX}:discuss` };

/** The question an answer message was for, read back from its embed title. */
function questionOf(interaction: ButtonInteraction): string | undefined {
  const title = interaction.message.embeds[0]?.title;
  return title ? unescapeUserText(title) : undefined;
}

export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<Outcome> {
  const parts = interaction.customId.split(':');
  if (parts[0] !== PREFIX) throw new UserError('This button is not one of citebot’s (or is from an older version). Ask again.');
  if (parts[1] === 'more') return more(interaction, ctx, parts);
  if (parts[1] === 'discuss') return discuss(interaction);
  throw new UserError('This button is no longer supported. Ask again.');
}

async function more(interaction: ButtonInteraction, ctx: BotContext, parts: string[]): Promise<Outcome> {
  const [, , offsetText, countText, articleIndex, sum] = parts;
  const question = questionOf(interaction);
  const offset = Number(offsetText);
  const count = Number(countText);
  if (!question || !Number.isInteger(offset) || !Number.isInteger(count) || articleIndex === undefined || sum !== check(ctx.index, question, articleIndex)) {
    throw new UserError('This button is stale: the corpus changed or the question is gone. Ask again with /ask.');
  }
  const article = articleIndex === '-' ? undefined : ctx.index.corpus.articles[Number(articleIndex)]?.id;
  const answer = ask(ctx.index, question, { article, limit: count, offset });
  if (!answer.ok) throw new UserError(answer.error);
  const payload = renderDiscord(answer.value, askButtons(ctx.index, answer.value, count));
  await send(interaction, { ...payload, ...(interaction.message.flags.has('Ephemeral') && { ephemeral: true }) });
  return { results: answer.value.results.length };
}

async function discuss(interaction: ButtonInteraction): Promise<Outcome> {
  const channel = interaction.channel;
  if (!channel || channel.isThread()) throw new UserError('This answer is already in a thread: discuss it right here.');
  if (interaction.message.flags.has('Ephemeral')) throw new UserError('A private answer cannot have a thread. Ask again without private.');
  if (interaction.message.hasThread) throw new UserError('This answer already has a thread.');
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
    throw new UserError('Threads can only be opened in a server text channel.');
  }
  // Cut to the limit without splitting an emoji (a surrogate pair) in two.
  const name = (questionOf(interaction) ?? 'Discussion').replace(/\s+/g, ' ').trim().slice(0, LIMITS.threadName).replace(/[\uD800-\uDBFF]$/, '').trim() || 'Discussion';
  const thread = await interaction.message.startThread({ name, autoArchiveDuration: ThreadAutoArchiveDuration.OneDay }).catch((e: unknown) => {
    // Two people pressed Discuss at once: the message this press carried had no thread yet.
    if (e instanceof DiscordAPIError && e.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) throw new UserError('This answer already has a thread.');
    throw e;
  });
  await send(interaction, renderNotice(`Thread opened: ${thread.name}. Use /ask or Find sources in it; answers stay in the thread.`));
  return {};
}
