import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandHelp, HelpAnswer, OptionHelp } from './answers/types.ts';
import { mainOption, optionsOf, PRIVATE_OPTION, type Command } from './command.ts';

const TYPES: Partial<Record<ApplicationCommandOptionType, OptionHelp['type']>> = {
  [ApplicationCommandOptionType.String]: 'text',
  [ApplicationCommandOptionType.Integer]: 'integer',
  [ApplicationCommandOptionType.Boolean]: 'boolean',
};

/** Help for every command, read from their definitions: Discord's /help and the console's are both rendered from this. */
export function describeCommands(commands: readonly Command[]): HelpAnswer {
  return { kind: 'help', commands: commands.map(describe) };
}

function describe(c: Command): CommandHelp {
  if (c.kind === 'message') return { name: c.data.name, kind: 'message', description: c.description, main: null, options: [] };
  return {
    name: c.data.name,
    kind: 'slash',
    description: c.data.description,
    main: mainOption(c) ?? null,
    // A subcommand (/article add) is not an option to fill in.
    options: optionsOf(c)
      .filter(
        (o) =>
          ![ApplicationCommandOptionType.Subcommand, ApplicationCommandOptionType.SubcommandGroup].includes(
            o.type as ApplicationCommandOptionType,
          ),
      )
      .map((o) => ({
        name: o.name,
        description: o.description,
        required: o.required ?? false,
        type: TYPES[o.type] ?? 'text',
        discordOnly: o.name === PRIVATE_OPTION,
      })),
  };
}
