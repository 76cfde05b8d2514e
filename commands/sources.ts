import { SlashCommandBuilder } from 'discord.js';
import { sources } from '../src/answers/index.ts';
import type { SlashCommand } from '../src/bot/command.ts';
import { send } from '../src/bot/reply.ts';
import { COMMAND_HELP } from '../src/help.ts';
import { renderDiscord } from '../src/render/discord.ts';

export const sourcesCommand: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder().setName('sources').setDescription(COMMAND_HELP.sources).toJSON(),
  async execute(interaction, { index }) {
    const answer = sources(index);
    await send(interaction, renderDiscord(answer));
    return { results: answer.articles.length };
  },
};
