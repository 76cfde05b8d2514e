import { ApplicationCommandOptionType, type APIApplicationCommandBasicOption } from 'discord-api-types/v10';
import { commands } from '../../commands/index.ts';
import { ask, ASK_DEFAULT_LIMIT, type Answer, type AskAnswer } from '../answers/index.ts';
import {
  integer,
  mainOption,
  optionsOf,
  PRIVATE_OPTION,
  type CommandContext,
  type CommandOptions,
  type OptionValue,
  type SlashCommand,
} from '../command.ts';
import { describeCommands } from '../help.ts';
import { renderText } from '../render/text.ts';
import { err, ok, type Result } from '../result.ts';
import type { SearchIndex } from '../search/index.ts';

/**
 * The commands the console and the one-shot CLI answer: the slash commands of
 * commands/index.ts, with the options their Discord definitions give (less
 * `private`, which only Discord needs), less those only Discord runs. /help is the console's own.
 */
export const textCommands: readonly SlashCommand[] = commands.filter(
  (c): c is SlashCommand => c.kind === 'slash' && c.data.name !== 'help' && !c.discordOnly,
);

/** The options of a command the text front ends accept, by name. */
export function textOptions(command: SlashCommand): ReadonlyMap<string, APIApplicationCommandBasicOption> {
  return new Map(
    optionsOf(command)
      .filter((o) => o.name !== PRIVATE_OPTION)
      .map((o) => [o.name, o]),
  );
}

/** The console's /help: the commands it runs, described as Discord's /help describes them, as typed here. */
export function helpText(): string {
  return [
    'Type a command as in Discord; the text after it fills its main option, "name: value" sets others.',
    'A line without a slash is a question (/ask).',
    '',
    renderText(describeCommands(textCommands)),
    `  ${'/more'.padEnd(54)} The next passages for the last question (the More button in Discord)`,
    `  ${'/help'.padEnd(54)} How to use citebot`,
    '',
    'Examples: /ask What role do students play?   /compare students   /takeaway topic: ego',
  ].join('\n');
}

/**
 * Checks one option's text against its definition, the same limits Discord
 * enforces: a whole number in range, a text of allowed length.
 */
export function optionValue(option: APIApplicationCommandBasicOption, raw: string): Result<OptionValue | undefined, string> {
  const name = option.name;
  switch (option.type) {
    case ApplicationCommandOptionType.Integer: {
      const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
      const [min, max] = [option.min_value ?? -Infinity, option.max_value ?? Infinity];
      if (!Number.isSafeInteger(n)) return err(`${name}: must be a whole number`);
      if (n < min || n > max) return err(`${name}: must be from ${min} to ${max}`);
      return ok(n);
    }
    case ApplicationCommandOptionType.Boolean:
      return ok(/^(true|yes|1)$/i.test(raw));
    case ApplicationCommandOptionType.String: {
      if (!raw) return ok(undefined);
      if (option.max_length !== undefined && raw.length > option.max_length) return err(`${name}: at most ${option.max_length} characters`);
      if (option.min_length !== undefined && raw.length < option.min_length)
        return err(`${name}: at least ${option.min_length} characters`);
      return ok(raw);
    }
    default:
      return err(`${name}: not available here`);
  }
}

export type Parsed = { kind: 'help' } | { kind: 'more' } | { kind: 'command'; command: SlashCommand; options: CommandOptions };

/** Reads `/ask text article: x count: 2` into a command and its options. */
export function parseLine(line: string): Result<Parsed, string> {
  const trimmed = line.trim();
  const m = /^\/?(\S+)\s*([\s\S]*)$/.exec(trimmed.startsWith('/') ? trimmed : `/ask ${trimmed}`);
  const name = m?.[1]?.toLowerCase() ?? '';
  if (name === 'help' || name === '?') return ok({ kind: 'help' });
  if (name === 'more') return ok({ kind: 'more' });
  const byName = findCommand(name);
  if (!byName.ok) return byName;
  const command = byName.value;
  const rest = m?.[2] ?? '';
  const known = textOptions(command);
  const names = [...known.keys()];
  const marker = new RegExp(`(?:^|\\s)(${names.map(escapeRegExp).join('|')}):(?=\\s|$)`, 'gi');
  const found = names.length ? [...rest.matchAll(marker)] : [];
  const raw = new Map<string, string>();
  const head = (found[0] ? rest.slice(0, found[0].index) : rest).trim();
  if (head) {
    const main = mainOption(command);
    if (!main) return err(`/${name} takes no text`);
    raw.set(main, head);
  }
  found.forEach((f, i) => {
    const end = found[i + 1]?.index ?? rest.length;
    raw.set(f[1]!.toLowerCase(), rest.slice(f.index + f[0].length, end).trim());
  });
  const options = readOptions(command, raw);
  return options.ok ? ok({ kind: 'command', command, options: options.value }) : options;
}

/** A text command by its name, as typed (`ask`, `/ask`). */
export function findCommand(name: string): Result<SlashCommand, string> {
  const wanted = name.replace(/^\//, '').toLowerCase();
  const command = textCommands.find((c) => c.data.name === wanted);
  if (command) return ok(command);
  const inDiscord = commands.some((c) => c.kind === 'slash' && c.data.name === wanted);
  return err(inDiscord ? `/${wanted} works in Discord only; try /help` : `unknown command "/${wanted}"; try /help`);
}

/** Options given as text (by option name) checked against the command's definition, and that the required ones are there unless told not to. */
export function readOptions(command: SlashCommand, raw: ReadonlyMap<string, string>, requireAll = true): Result<CommandOptions, string> {
  const known = textOptions(command);
  const options: Record<string, OptionValue> = {};
  for (const [key, text] of raw) {
    const option = known.get(key);
    if (!option) return err(`/${command.data.name} has no option "${key}"`);
    const value = optionValue(option, text);
    if (!value.ok) return value;
    if (value.value !== undefined) options[key] = value.value;
  }
  const missing = optionsOf(command).find((o) => o.required && options[o.name] === undefined);
  if (missing && requireAll) return err(`/${command.data.name}: ${missing.name} is required`);
  return ok(options);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What one console remembers between lines: the last answer to a question, for /more. */
export interface Session {
  /** What the front end lends the commands (the console: its live corpus, for /reload). */
  readonly context?: CommandContext;
  last?: { readonly answer: AskAnswer; readonly article: string | undefined; readonly count: number };
}

/** Parses and answers one line; `error` is a message for the user. Give the same session to each line of one console for /more. */
export async function runLine(index: SearchIndex, line: string, session: Session = {}): Promise<Result<Answer | 'help', string>> {
  return runParsed(index, parseLine(line), session);
}

/** Answers a command read by parseLine or the CLI's flags. */
export async function runParsed(
  index: SearchIndex,
  parsed: Result<Parsed, string>,
  session: Session = {},
): Promise<Result<Answer | 'help', string>> {
  if (!parsed.ok) return parsed;
  if (parsed.value.kind === 'help') return ok('help');
  if (parsed.value.kind === 'more') {
    const last = session.last;
    if (!last) return err('/more: ask a question first');
    const { answer, article, count } = last;
    const next = ask(index, answer.query, {
      ...(article !== undefined && { article }),
      limit: count,
      offset: answer.offset + answer.results.length,
    });
    if (!next.ok) return err(next.error.message);
    session.last = { ...last, answer: next.value };
    return next;
  }
  const { command, options } = parsed.value;
  const result = await command.run(index, options, session.context);
  if (!result.ok) return err(result.error.message);
  if (result.value.kind === 'ask') {
    const article = typeof options['article'] === 'string' ? options['article'] : undefined;
    session.last = { answer: result.value, article, count: integer(options, 'count') ?? ASK_DEFAULT_LIMIT };
  }
  return result;
}
