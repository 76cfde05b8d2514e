import { SlashCommandBuilder } from 'discord.js';
import { summary } from '../src/answers/index.ts';
import { autocompleteFromCorpus } from '../src/bot/autocomplete.ts';
import type { SlashCommand } from '../src/bot/command.ts';
import { send } from '../src/bot/reply.ts';
import { COMMAND_HELP, OPTION_HELP } from '../src/help.ts';
import { renderDiscord } from '../src/render/discord.ts';
import { UserError } from '../src/result.ts';

export const summaryCommand: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('summary')
    .setDescription(COMMAND_HELP.summary)
    .addStringOption((o) => o.setName('article').setDescription(OPTION_HELP.article).setRequired(true).setAutocomplete(true).setMaxLength(200))
    .toJSON(),
  async execute(interaction, { index }) {
    const answer = summary(index, interaction.options.getString('article', true));
    if (!answer.ok) throw new UserError(answer.error);
    await send(interaction, renderDiscord(answer.value));
    return { results: answer.value.results.length };
  },
  autocomplete: autocompleteFromCorpus,
};
