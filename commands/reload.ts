import { InteractionContextType } from 'discord-api-types/v10';
import type { SlashCommand } from '../src/command.ts';
import { reloadNow } from '../src/reload/admin.ts';
import { MANAGE_SERVER } from './options.ts';

export const reloadCommand: SlashCommand = {
  kind: 'slash',
  ephemeral: true,
  data: {
    name: 'reload',
    description: 'Reload the corpus now and say what changed',
    default_member_permissions: MANAGE_SERVER,
    contexts: [InteractionContextType.Guild],
  },
  run: (_index, _options, context) => reloadNow(context?.corpus),
};
