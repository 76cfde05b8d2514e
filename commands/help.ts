import { SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/bot/command.ts';
import { send } from '../src/bot/reply.ts';
import { COMMAND_HELP } from '../src/help.ts';
import { renderHelp } from '../src/render/discord.ts';

export const helpCommand: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder().setName('help').setDescription(COMMAND_HELP.help).toJSON(),
  async execute(interaction) {
    await send(interaction, renderHelp());
    return {};
  },
};
