import type { AutocompleteInteraction } from 'discord.js';
import type { SlashCommand } from '../command.ts';
import { cut, LIMITS } from '../render/limits.ts';
import type { BotContext } from './context.ts';

/**
 * Answers an autocomplete with the command's suggestions, trimmed to what
 * Discord accepts: 25 choices at most, names and values of 100 characters.
 * A value too long to send back whole is left out, never cut (it would name
 * something else). Computed in memory, far inside Discord's 3-second deadline.
 * A choice says why it matched ("… · title"): the name is cut, never the reason.
 */
export async function autocomplete(
  interaction: AutocompleteInteraction,
  command: SlashCommand | undefined,
  ctx: BotContext,
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const suggestions = command?.suggest?.(ctx.index, focused.name, String(focused.value ?? ''), ctx.server.own) ?? [];
  const choices = suggestions
    .filter((s) => s.value.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((s) => ({ name: choiceName(s.name, s.why), value: s.value }));
  await interaction.respond(choices);
}

/** `name · why` within Discord's limit, the name cut to leave the reason whole. */
export function choiceName(name: string, why: string | undefined): string {
  if (!why) return cut(name, LIMITS.choiceName);
  const reason = ` · ${cut(why, 60)}`;
  return `${cut(name, LIMITS.choiceName - reason.length)}${reason}`;
}
