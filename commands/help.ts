import type { SlashCommand } from '../src/command.ts';
import { describeCommands } from '../src/help.ts';
import { ok } from '../src/result.ts';
// A cycle, read only when /help runs, after every module has loaded.
import { commands } from './index.ts';

export const helpCommand: SlashCommand = {
  kind: 'slash',
  data: { name: 'help', description: 'How to use citebot' },
  run: () => ok(describeCommands(commands)),
};
