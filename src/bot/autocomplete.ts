import type { AutocompleteInteraction } from 'discord.js';
import type { SlashCommand } from '../command.ts';
import { cut, LIMITS } from '../render/limits.ts';
import type { BotContext } from './command.ts';

/**
 * Answers an autocomplete with the command's suggestions, trimmed to what
 * Discord accepts: 25 choices at most, names and values of 100 characters.
 * A value too long to send back whole is left out, never cut (it would name
 * something else). Computed in memory, far inside Discord's 3-second deadline.
 */
export async function autocomplete(interaction: AutocompleteInteraction, command: SlashCommand | undefined, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const suggestions = command?.suggest?.(ctx.index, focused.name, String(focused.value ?? '')) ?? [];
  const choices = suggestions
    .filter((s) => s.value.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((s) => ({ name: cut(s.name, LIMITS.choiceName), value: s.value }));
  await interaction.respond(choices);
}
