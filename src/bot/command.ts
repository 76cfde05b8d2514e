import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.ts';
import type { SearchIndex } from '../search/index.ts';
import type { Logger } from './log.ts';

/** What a handler may use: the index, the configuration, the log. */
export interface BotContext {
  readonly index: SearchIndex;
  readonly config: Config;
  readonly log: Logger;
}

/** What a handler reports for the interaction's log line. */
export interface Outcome {
  readonly results?: number;
}

/** A slash command: its definition and its handler, nothing else. */
export interface SlashCommand {
  readonly kind: 'slash';
  readonly data: RESTPostAPIApplicationCommandsJSONBody & { name: string };
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<Outcome>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** A message context-menu command (right-click a message → Apps). */
export interface MessageCommand {
  readonly kind: 'message';
  readonly data: RESTPostAPIApplicationCommandsJSONBody & { name: string };
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<Outcome>;
}

export type Command = SlashCommand | MessageCommand;
