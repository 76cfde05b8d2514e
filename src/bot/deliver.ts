import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import type { Answer } from '../answers/types.ts';
import type { MessagePayload } from '../render/limits.ts';
import type { BotContext } from './context.ts';
import { feedbackRow, recordShown, type Shown } from './feedback.ts';
import { send } from './reply.ts';

/** What an answer is recorded as, for the answers that quote passages in reply to something asked; undefined for lookups (/quote, /sources, /summary, /help). */
function shownOf(command: string, answer: Answer, guildId: string | null): Shown | undefined {
  switch (answer.kind) {
    case 'ask':
      return {
        kind: command === 'Find sources' ? 'find-sources' : command,
        question: answer.query,
        guildId,
        citations: answer.results.map((e) => e.citation),
      };
    case 'takeaway':
      return {
        kind: command,
        question: answer.topic ?? answer.article?.title ?? '',
        guildId,
        citations: answer.results.map((e) => e.citation),
      };
    case 'compare':
      return {
        kind: command,
        question: answer.topic,
        guildId,
        citations: answer.articles.flatMap((a) => a.results.map((e) => e.citation)),
      };
    default:
      return undefined;
  }
}

// The claim's message cannot be replied to (gone, or the bot may not post in that channel): answer as before.
const CANNOT_REPLY = new Set<number>([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel,
]);

/**
 * Sends a command's answer. An answer that quotes passages is recorded for the
 * report; a public one also carries 👍 👎 🗑. Find sources, when public, is
 * posted as a reply to the claim's message (no ping), so the channel reads
 * claim → sources; its interaction is then acknowledged privately and the
 * acknowledgement removed.
 */
export async function deliver(
  interaction: RepliableInteraction,
  ctx: BotContext,
  command: string,
  answer: Answer,
  payload: MessagePayload,
): Promise<void> {
  const shown = shownOf(command, answer, interaction.guildId);
  if (!shown) return send(interaction, payload);
  const id = recordShown(ctx, shown);
  if (payload.ephemeral) return send(interaction, payload);
  const withFeedback: MessagePayload = { ...payload, components: [...payload.components, feedbackRow(id, interaction.user.id)] };
  if (!interaction.isMessageContextMenuCommand() || !interaction.channel?.isSendable()) return send(interaction, withFeedback);

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  try {
    await interaction.channel.send({
      embeds: withFeedback.embeds,
      components: withFeedback.components,
      allowedMentions: { parse: [], repliedUser: false },
      reply: { messageReference: interaction.targetMessage.id, failIfNotExists: false },
    });
  } catch (error) {
    if (!(error instanceof DiscordAPIError && CANNOT_REPLY.has(Number(error.code)))) throw error;
    // Said where everyone can see it, as Find sources did before it could reply.
    await interaction.deleteReply().catch(() => {});
    await interaction.followUp({ embeds: withFeedback.embeds, components: withFeedback.components, allowedMentions: { parse: [] } });
    return;
  }
  await interaction.deleteReply();
}
