import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  PermissionFlagsBits,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type ButtonInteraction,
} from 'discord.js';
import type { AskAnswer } from '../answers/types.ts';
import { unmatchedWords } from '../report/unmatched.ts';
import type { SearchIndex } from '../search/index.ts';
import { newAnswerId, type Store, type StoreFailure, type Vote, type VoteTally } from '../store/index.ts';
import type { Logger } from './log.ts';

// Custom ids: `fb1:vote:<up|down>:<answer id>` and `fb1:del:<asker's user id>`. Stateless: the
// answer id ties votes to the record of the answer; the asker's id says who may remove it.
const PREFIX = 'fb1';

/** What feedback needs from the bot. */
export interface FeedbackContext {
  readonly store: Store;
  readonly log: Logger;
  readonly index: SearchIndex;
}

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** Whether a button is one of feedback's (👍, 👎, 🗑). */
export const isFeedbackButton = (customId: string) => customId.startsWith(`${PREFIX}:`);

/**
 * The row under every public answer: 👍 and 👎 (the vote of whoever pressed
 * last is shown by the button's colour, the counts by its label) and 🗑, which
 * only the asker, or someone allowed to manage messages, may use.
 */
export function feedbackRow(answerId: string, askerId: string, tally?: VoteTally): Row {
  const count = (n: number | undefined) => (n ? { label: String(n) } : {});
  const buttons: APIButtonComponent[] = [
    {
      type: ComponentType.Button,
      custom_id: `${PREFIX}:vote:up:${answerId}`,
      style: tally?.mine === 'up' ? ButtonStyle.Success : ButtonStyle.Secondary,
      emoji: { name: '👍' },
      ...count(tally?.up),
    },
    {
      type: ComponentType.Button,
      custom_id: `${PREFIX}:vote:down:${answerId}`,
      style: tally?.mine === 'down' ? ButtonStyle.Danger : ButtonStyle.Secondary,
      emoji: { name: '👎' },
      ...count(tally?.down),
    },
    { type: ComponentType.Button, custom_id: `${PREFIX}:del:${askerId}`, style: ButtonStyle.Secondary, emoji: { name: '🗑️' } },
  ];
  return { type: ComponentType.ActionRow, components: buttons };
}

/** What an answer shown is recorded as. */
export interface Shown {
  /** ask, takeaway, compare, find-sources, mention, … */
  readonly kind: string;
  readonly question: string;
  readonly guildId: string | null;
  readonly citations: readonly string[];
}

/** The citation ids an ask answer showed, in rank order. */
export const citationsOf = (answer: Pick<AskAnswer, 'results'>): string[] => answer.results.map((e) => e.citation);

/**
 * Gives an answer its id and records that it was shown, without waiting: the
 * record never delays the reply, and a failure is one log line (no user text).
 */
export function recordShown(ctx: FeedbackContext, shown: Shown): string {
  const id = newAnswerId();
  if (ctx.store.backend === 'none') return id;
  void ctx.store
    .recordAnswer({
      id,
      guildId: shown.guildId,
      kind: shown.kind,
      question: shown.question,
      citations: shown.citations,
      ...(shown.citations.length === 0 && { unmatchedWords: unmatchedWords(ctx.index, shown.question) }),
    })
    .then((r) => {
      if (!r.ok) ctx.log.warn('answer not recorded', failureFields(r.error));
    });
  return id;
}

const failureFields = (f: StoreFailure) => ({ reason: f.reason, ...(f.code && { code: f.code }) });

/** The components of a message with its feedback row replaced (other rows as they were). */
function withRow(interaction: ButtonInteraction, row: Row): Row[] {
  return interaction.message.components.map((r) => {
    const json = r.toJSON() as Row;
    return json.components?.some((c) => 'custom_id' in c && isFeedbackButton(c.custom_id)) ? row : json;
  });
}

/** 👍, 👎 or 🗑 pressed. Answered within Discord's 3 s: the store gives up before then. */
export async function handleFeedbackButton(interaction: ButtonInteraction, ctx: Omit<FeedbackContext, 'index'>): Promise<void> {
  const [, action, ...rest] = interaction.customId.split(':');
  if (action === 'vote') return vote(interaction, ctx, rest[0] as Vote, rest[1] ?? '');
  if (action === 'del') return remove(interaction, rest[0] ?? '');
  await interaction.reply({
    content: 'This button is from an older version of citebot.',
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

async function vote(interaction: ButtonInteraction, ctx: Omit<FeedbackContext, 'index'>, side: Vote, answerId: string): Promise<void> {
  if ((side !== 'up' && side !== 'down') || !answerId) {
    await interaction.reply({
      content: 'This button is from an older version of citebot.',
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }
  const result = await ctx.store.vote(answerId, interaction.user.id, side);
  if (!result.ok) {
    ctx.log.warn('vote not recorded', failureFields(result.error));
    const why = result.error.reason === 'disabled' ? ' (feedback is not being recorded on this bot)' : '';
    await interaction.reply({
      content: `Couldn't record that${why}. Thanks all the same.`,
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }
  const asker = askerOf(interaction) ?? interaction.user.id;
  // Only the buttons change: the answer itself stays as it was.
  await interaction.update({ components: withRow(interaction, feedbackRow(answerId, asker, result.value)) });
}

/** The asker's id, from the 🗑 button of the message pressed. */
function askerOf(interaction: ButtonInteraction): string | undefined {
  for (const row of interaction.message.components) {
    for (const c of (row.toJSON() as Row).components ?? []) {
      if ('custom_id' in c && c.custom_id.startsWith(`${PREFIX}:del:`)) return c.custom_id.split(':')[2];
    }
  }
  return undefined;
}

async function remove(interaction: ButtonInteraction, askerId: string): Promise<void> {
  const allowed = interaction.user.id === askerId || interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) === true;
  if (!allowed) {
    await interaction.reply({
      content: 'Only the asker can remove this (or someone who can manage messages).',
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }
  await interaction.deferUpdate();
  await interaction.message.delete();
}
