import { SlashCommandBuilder } from 'discord.js';
import { compare } from '../src/answers/index.ts';
import { autocompleteFromCorpus } from '../src/bot/autocomplete.ts';
import { discussOnly } from '../src/bot/buttons.ts';
import type { SlashCommand } from '../src/bot/command.ts';
import { send } from '../src/bot/reply.ts';
import { COMMAND_HELP, OPTION_HELP } from '../src/help.ts';
import { renderDiscord } from '../src/render/discord.ts';
import { UserError } from '../src/result.ts';

export const compareCommand: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('compare')
    .setDescription(COMMAND_HELP.compare)
    .addStringOption((o) => o.setName('topic').setDescription(OPTION_HELP.topic).setRequired(true).setAutocomplete(true).setMinLength(2).setMaxLength(300))
    .addStringOption((o) => o.setName('article_a').setDescription(OPTION_HELP.articleA).setAutocomplete(true).setMaxLength(200))
    .addStringOption((o) => o.setName('article_b').setDescription(OPTION_HELP.articleB).setAutocomplete(true).setMaxLength(200))
    .toJSON(),
  async execute(interaction, { index }) {
    const articles = [interaction.options.getString('article_a'), interaction.options.getString('article_b')].filter((a): a is string => !!a);
    const answer = compare(index, interaction.options.getString('topic', true), { articles });
    if (!answer.ok) throw new UserError(answer.error);
    await send(interaction, renderDiscord(answer.value, discussOnly));
    return { results: answer.value.articles.reduce((n, a) => n + a.results.length, 0) };
  },
  autocomplete: autocompleteFromCorpus,
};
