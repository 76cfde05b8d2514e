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
  answering.add(interaction);
  // A deferral may be on its way (see deferIfSlow): wait for it, or we would acknowledge twice.
  await deferrals.get(interaction)?.catch(() => {});
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

const deferrals = new WeakMap<RepliableInteraction, Promise<unknown>>();
// A reply can still be on its way when the timer fires (held back by a 429 or a retried 500):
// deferring then would race it, and whichever Discord saw second would fail, leaving the user
// looking at "thinking…" for good. So once send has begun, no deferral.
const answering = new WeakSet<RepliableInteraction>();

/** Discord shows "the application did not respond" after 3 s without an acknowledgement. */
export const DEFER_AFTER_MS = 2_000;

/**
 * Defers the reply if the handler has not answered within DEFER_AFTER_MS.
 * Replying directly is much faster under load (discord.js holds webhook edits
 * to its global rate limit; the first callback is not held), so only a slow
 * handler pays for a deferral. Returns a function that cancels the timer.
 */
export function deferIfSlow(interaction: RepliableInteraction, ephemeral: boolean, onError: (e: unknown) => void): () => void {
  const timer = setTimeout(() => {
    if (interaction.replied || interaction.deferred || answering.has(interaction)) return;
    const pending = interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    deferrals.set(interaction, pending);
    pending.catch(onError);
  }, DEFER_AFTER_MS);
  return () => clearTimeout(timer);
}
