import { SlashCommandBuilder } from 'discord.js';
import { ask, ASK_DEFAULT_LIMIT } from '../src/answers/index.ts';
import { autocompleteFromCorpus } from '../src/bot/autocomplete.ts';
import { askButtons } from '../src/bot/buttons.ts';
import type { SlashCommand } from '../src/bot/command.ts';
import { send } from '../src/bot/reply.ts';
import { COMMAND_HELP, OPTION_HELP } from '../src/help.ts';
import { renderDiscord } from '../src/render/discord.ts';
import { UserError } from '../src/result.ts';

export const askCommand: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription(COMMAND_HELP.ask)
    .addStringOption((o) => o.setName('question').setDescription(OPTION_HELP.question).setRequired(true).setMinLength(2).setMaxLength(300))
    .addStringOption((o) => o.setName('article').setDescription(OPTION_HELP.article).setAutocomplete(true).setMaxLength(200))
    .addIntegerOption((o) => o.setName('count').setDescription(OPTION_HELP.count).setMinValue(1).setMaxValue(5))
    .addBooleanOption((o) => o.setName('private').setDescription(OPTION_HELP.private))
    .toJSON(),
  async execute(interaction, { index }) {
    const count = interaction.options.getInteger('count') ?? ASK_DEFAULT_LIMIT;
    const answer = ask(index, interaction.options.getString('question', true), { article: interaction.options.getString('article') ?? undefined, limit: count });
    if (!answer.ok) throw new UserError(answer.error);
    const payload = renderDiscord(answer.value, askButtons(index, answer.value, count));
    await send(interaction, { ...payload, ephemeral: interaction.options.getBoolean('private') ?? false });
    return { results: answer.value.results.length };
  },
  autocomplete: autocompleteFromCorpus,
};
