import { SlashCommandBuilder } from 'discord.js';
import { takeaway } from '../src/answers/index.ts';
import { autocompleteFromCorpus } from '../src/bot/autocomplete.ts';
import { discussOnly } from '../src/bot/buttons.ts';
import type { SlashCommand } from '../src/bot/command.ts';
import { send } from '../src/bot/reply.ts';
import { COMMAND_HELP, OPTION_HELP } from '../src/help.ts';
import { renderDiscord } from '../src/render/discord.ts';
import { UserError } from '../src/result.ts';

export const takeawayCommand: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('takeaway')
    .setDescription(COMMAND_HELP.takeaway)
    .addStringOption((o) => o.setName('article').setDescription(OPTION_HELP.article).setAutocomplete(true).setMaxLength(200))
    .addStringOption((o) => o.setName('topic').setDescription(OPTION_HELP.topic).setAutocomplete(true).setMaxLength(300))
    .toJSON(),
  async execute(interaction, { index }) {
    const answer = takeaway(index, { article: interaction.options.getString('article') ?? undefined, topic: interaction.options.getString('topic') ?? undefined });
    if (!answer.ok) throw new UserError(answer.error);
    await send(interaction, renderDiscord(answer.value, discussOnly));
    return { results: answer.value.results.length };
  },
  autocomplete: autocompleteFromCorpus,
};
