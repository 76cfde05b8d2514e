import { SlashCommandBuilder } from 'discord.js';
import { quote } from '../src/answers/index.ts';
import { autocompleteFromCorpus } from '../src/bot/autocomplete.ts';
import type { SlashCommand } from '../src/bot/command.ts';
import { send } from '../src/bot/reply.ts';
import { COMMAND_HELP, OPTION_HELP } from '../src/help.ts';
import { renderDiscord } from '../src/render/discord.ts';
import { UserError } from '../src/result.ts';

export const quoteCommand: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('quote')
    .setDescription(COMMAND_HELP.quote)
    .addStringOption((o) => o.setName('id').setDescription(OPTION_HELP.id).setRequired(true).setAutocomplete(true).setMaxLength(300))
    .toJSON(),
  async execute(interaction, { index }) {
    const answer = quote(index, interaction.options.getString('id', true));
    if (!answer.ok) throw new UserError(answer.error);
    await send(interaction, renderDiscord(answer.value));
    return { results: 1 };
  },
  autocomplete: autocompleteFromCorpus,
};
