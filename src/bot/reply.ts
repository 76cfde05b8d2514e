import { MessageFlags, type InteractionReplyOptions, type RepliableInteraction } from 'discord.js';
import type { MessagePayload } from '../render/limits.ts';

function options(p: MessagePayload): InteractionReplyOptions {
  return {
    ...(p.content !== undefined && { content: p.content }),
    embeds: p.embeds,
    components: p.components,
    allowedMentions: p.allowedMentions,
    ...(p.ephemeral && { flags: MessageFlags.Ephemeral }),
  };
}

/**
 * Sends a payload as the interaction's answer, whatever state it is in: the
 * first reply, the edit of a deferred reply, or a follow-up after that.
 */
export async function send(interaction: RepliableInteraction, payload: MessagePayload): Promise<void> {
  const o = options(payload);
  if (interaction.deferred && !interaction.replied) {
    const { flags: _ephemeralWasSetByDefer, ...edit } = o;
    await interaction.editReply(edit);
  } else if (interaction.replied) {
    await interaction.followUp(o);
  } else {
    await interaction.reply(o);
  }
}
