import {
  ApplicationCommandOptionType,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Answer, Suggestion } from './answers/index.ts';
import type { Result, UserProblem } from './result.ts';
import type { CorpusAdmin } from './reload/admin.ts';
import type { SearchIndex } from './search/index.ts';
import type { ChannelScope, Store } from './store/types.ts';
import type { ServerArticles } from './tenancy/articles.ts';
import type { Scopes } from './tenancy/scopes.ts';

/** An option's value, as Discord sends it and the console parses it. */
export type OptionValue = string | number | boolean;
export type CommandOptions = Readonly<Record<string, OptionValue | undefined>>;

/** What a command answers: an answer, or a user's mistake as a value. Async for a command that must wait (a store, a reload). */
export type CommandResult = Result<Answer, UserProblem> | Promise<Result<Answer, UserProblem>>;

/** What a front end may lend a command beyond the index: the bot its store and the server asked in, both their live corpus. */
export interface CommandContext {
  readonly store?: Store;
  /** The corpus folder and live index that /reload and /quote's "removed" act on; absent where nothing reloads (the CLI). */
  readonly corpus?: CorpusAdmin;
  /** The server the command was used in (absent in DMs and outside Discord): its own articles, its channel's scope. */
  readonly server?: ServerContext;
}

/** A server as its commands see it: chosen once where the interaction arrived, never from what a user typed. */
export interface ServerContext extends ServerArticles {
  /** The channel a scope belongs to: the one used in, or a thread's parent; null when unknown. */
  readonly channelId: string | null;
  /** That channel's scope, or null. */
  readonly scope: ChannelScope | null;
  readonly scopes: Scopes;
}

/** Buttons the bot may put under an answer (it builds and reads their custom ids). */
export type ButtonKind = 'more' | 'discuss';

/**
 * A slash command, described once: `data` is what Discord registers (names,
 * descriptions, option types and limits), and the console, the one-shot CLI
 * and both help texts read their options from it. `run` is pure: the same
 * answer for every front end.
 */
export interface SlashCommand {
  readonly kind: 'slash';
  /** Only Discord runs it (it needs a server's store or its attachments): the console and the CLI leave it out. */
  readonly discordOnly?: boolean;
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  run(index: SearchIndex, options: CommandOptions, context?: CommandContext): CommandResult;
  /**
   * Suggestions for the option being typed (options with `autocomplete: true`); the bot trims them to Discord's limits.
   * `own`: the ids of the server's own articles in `index` (empty outside a server).
   */
  suggest?(index: SearchIndex, option: string, typed: string, own: ReadonlySet<string>): readonly Suggestion[];
  /** Buttons under the answer in Discord. */
  readonly buttons?: readonly ButtonKind[];
  /** Answered only to the one who used it, a deferral included (/reload, /article). */
  readonly ephemeral?: boolean;
}

/** A message context-menu command (right-click a message → Apps): Discord only. `text` is the message's content. */
export interface MessageCommand {
  readonly kind: 'message';
  readonly data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  /** For help: Discord shows a context-menu command by its name alone. */
  readonly description: string;
  run(index: SearchIndex, options: { readonly text: string }, context?: CommandContext): CommandResult;
  readonly buttons?: readonly ButtonKind[];
}

export type Command = SlashCommand | MessageCommand;

/**
 * `private`: only the asker sees the answer. It means something only in
 * Discord (the console and the CLI answer one person anyway), so the text
 * front ends leave it out of their options and help.
 */
export const PRIVATE_OPTION = 'private';

/** The options a slash command takes, in its definition's order. */
export function optionsOf(command: SlashCommand): readonly APIApplicationCommandBasicOption[] {
  return (command.data.options ?? []) as APIApplicationCommandBasicOption[];
}

/**
 * The option that text right after the command fills in the console and the
 * CLI (`/ask why?`, `cli ask why?`): the first required text option, else the first text option.
 */
export function mainOption(command: SlashCommand): string | undefined {
  const texts = optionsOf(command).filter((o) => o.type === ApplicationCommandOptionType.String);
  return (texts.find((o) => o.required) ?? texts[0])?.name;
}

/** Reads a text option; blank counts as missing. */
export const text = (o: CommandOptions, name: string): string | undefined => {
  const v = o[name];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
};
/** Reads a whole-number option. */
export const integer = (o: CommandOptions, name: string): number | undefined => {
  const v = o[name];
  return typeof v === 'number' ? v : undefined;
};
