import type { Command, SlashCommand } from '../src/command.ts';
import { describeCommands } from '../src/help.ts';
import { ok } from '../src/result.ts';

/** /help over a list of commands: commands/index.ts hands it the one list (no import cycle). */
export const helpFor = (commands: () => readonly Command[]): SlashCommand => ({
  kind: 'slash',
  data: { name: 'help', description: 'How to use citebot' },
  run: () => ok(describeCommands(commands())),
});
