import {
  DiscordAPIError,
  RESTJSONErrorCodes,
  type CommandInteractionOption,
  type Interaction,
  type RepliableInteraction,
} from 'discord.js';
import type { Answer } from '../answers/types.ts';
import { PRIVATE_OPTION, type Command, type CommandOptions, type MessageCommand, type SlashCommand } from '../command.ts';
import { renderDiscord, renderNotice } from '../render/discord.ts';
import { unescapeUserText } from '../render/escape.ts';
import { UserError, type Result, type UserProblem } from '../result.ts';
import { autocomplete } from './autocomplete.ts';
import { answerButtons, buttonAction, handleButton } from './buttons.ts';
import { commandContext, serve, type Arrival, type BotContext, type BotServices, type Outcome } from './context.ts';
import { failureNotice, withoutUserText } from './boundary.ts';
import { createCooldown } from './cooldown.ts';
import { deliver } from './deliver.ts';
import { handleFeedbackButton, isFeedbackButton } from './feedback.ts';
import { deferIfSlow, send } from './reply.ts';

/** Discord's codes for an interaction that can no longer be answered: expired, or answered already. */
const GONE = new Set<number>([RESTJSONErrorCodes.UnknownInteraction, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged]);

/**
 * Routes every interaction to its handler inside one error boundary:
 * a user's mistake gets an ephemeral note, a bug gets "something went wrong
 * (ref …)" and a log line with the ref, and nothing escapes to crash the bot.
 * One log line per interaction: what ran, the options' lengths (never their
 * text), how many results, how long it took.
 */
export function createDispatcher(
  services: BotServices,
  commands: readonly Command[],
  cooldown = createCooldown(services.config.cooldownSeconds),
): (interaction: Interaction) => Promise<void> {
  const slash = new Map<string, SlashCommand>();
  const message = new Map<string, MessageCommand>();
  for (const c of commands) {
    if (c.kind === 'slash') slash.set(c.data.name, c);
    else message.set(c.data.name, c);
  }
  const registry: Registry = { slash, message };

  return async (interaction) => {
    const started = performance.now();
    const name = commandName(registry, interaction);
    const base = { command: name, user: interaction.user.id, guild: interaction.guildId ?? null };
    try {
      if (interaction.isButton() && isFeedbackButton(interaction.customId)) {
        // No cooldown (a vote may be changed at once), no deferral (the store answers before Discord's 3 s), no corpus.
        await handleFeedbackButton(interaction, services);
        services.log.info('interaction', { ...base, ms: elapsed(started) });
        return;
      }
      if (interaction.isAutocomplete()) {
        // Autocomplete cannot wait for a server's index to be built: it suggests from what is at hand.
        const ctx = await serve(services, arrival(interaction), false);
        await autocomplete(interaction, slash.get(interaction.commandName), ctx);
        ctx.log.debug('autocomplete', { ...base, ms: elapsed(started) });
        return;
      }
      if (!interaction.isRepliable()) return;
      const wait = cooldown.check(interaction.user.id);
      if (wait > 0) {
        await send(interaction, renderNotice(`Slow down a little: try again in ${wait} s.`));
        services.log.info('interaction', { ...base, cooldown: wait, ms: elapsed(started) });
        return;
      }
      let outcome: Outcome;
      const isPrivate =
        interaction.isChatInputCommand() &&
        (interaction.options.getBoolean(PRIVATE_OPTION) === true || slash.get(interaction.commandName)?.ephemeral === true);
      // Deferred if slow from here on: choosing the server's corpus may wait for its index or the store.
      const cancelDefer = deferIfSlow(interaction, isPrivate, (e) => services.log.warn('could not defer', { ...base, error: e }));
      try {
        // The server's corpus and the channel's scope, chosen here once and handed down.
        const ctx = await serve(services, arrival(interaction));
        outcome = await handle(registry, interaction, ctx);
      } finally {
        cancelDefer();
      }
      services.log.info('interaction', {
        ...base,
        options: optionLengths(interaction),
        results: outcome.results ?? null,
        ms: elapsed(started),
      });
    } catch (error) {
      await fail(services, interaction, error, base, started);
    }
  };
}

/** The commands by name, as Discord sends them. */
interface Registry {
  readonly slash: ReadonlyMap<string, SlashCommand>;
  readonly message: ReadonlyMap<string, MessageCommand>;
}

/** What ran, for the log: a name of ours, never one sent by a client we do not know (`?`). */
function commandName({ slash, message }: Registry, interaction: Interaction): string {
  if (interaction.isCommand() || interaction.isAutocomplete())
    return slash.has(interaction.commandName) || message.has(interaction.commandName) ? interaction.commandName : '?';
  return interaction.isButton() ? `button:${buttonAction(interaction.customId)}` : `type:${interaction.type}`;
}

/** Runs a command or a button and delivers its answer. */
async function handle({ slash, message }: Registry, interaction: Interaction, ctx: BotContext): Promise<Outcome> {
  if (interaction.isChatInputCommand()) {
    const command = slash.get(interaction.commandName);
    if (!command)
      throw new UserError(
        'unknown-command',
        'This command is not known to this version of citebot. It may take a minute for Discord to update the list.',
      );
    const options = commandOptions(interaction.options.data);
    return answer(interaction, ctx, command, options, await command.run(ctx.index, options, commandContext(ctx, interaction.user.id)));
  } else if (interaction.isMessageContextMenuCommand()) {
    const command = message.get(interaction.commandName);
    if (!command) throw new UserError('unknown-command', 'This command is not known to this version of citebot.');
    return answer(
      interaction,
      ctx,
      command,
      {},
      await command.run(ctx.index, { text: interaction.targetMessage.content }, commandContext(ctx, interaction.user.id)),
    );
  } else if (interaction.isButton()) {
    return handleButton(interaction, ctx);
  }
  return {};
}

/** Where an interaction arrived: what the boundary chooses a server's corpus and scope by. */
function arrival(interaction: Interaction): Arrival {
  return { guildId: interaction.guildId, channelId: interaction.channelId, channel: interaction.channel };
}

/** Every command's answer goes out the same way: a user's mistake thrown to the boundary, else rendered with its buttons. */
async function answer(
  interaction: RepliableInteraction,
  ctx: BotContext,
  command: Command,
  options: CommandOptions,
  result: Result<Answer, UserProblem>,
): Promise<Outcome> {
  if (!result.ok) throw UserError.of(result.error);
  const payload = renderDiscord(result.value, answerButtons(ctx.index, result.value, command.buttons ?? [], options));
  await deliver(interaction, ctx, command.data.name, result.value, {
    ...payload,
    ...(options[PRIVATE_OPTION] === true && { ephemeral: true }),
  });
  return { results: resultCount(result.value) };
}

/**
 * A command's options as handlers read them: a subcommand's name under `subcommand`
 * and its options beside it; an attachment as the address Discord serves it from.
 */
function commandOptions(data: readonly CommandInteractionOption[]): CommandOptions {
  const entries = data.flatMap((o): [string, CommandOptions[string]][] =>
    o.options ? [['subcommand', o.name], ...Object.entries(commandOptions(o.options))] : [[o.name, o.attachment?.url ?? o.value]],
  );
  return Object.fromEntries(entries);
}

/** How many passages or articles an answer shows, for the log line. */
function resultCount(answer: Answer): number | undefined {
  switch (answer.kind) {
    case 'compare':
      return answer.articles.reduce((n, a) => n + a.results.length, 0);
    case 'sources':
      return answer.articles.length;
    case 'quote':
      return 1;
    case 'help':
    case 'stats':
      return undefined;
    case 'scope':
      return answer.articles.length;
    case 'corpus':
      return answer.article ? 1 : 0;
    default:
      return answer.results.length;
  }
}

async function fail(
  ctx: BotServices,
  interaction: Interaction,
  error: unknown,
  base: Record<string, unknown>,
  started: number,
): Promise<void> {
  if (error instanceof DiscordAPIError && GONE.has(Number(error.code))) {
    ctx.log.warn('interaction gone', {
      ...base,
      code: error.code,
      reason: error.code === RESTJSONErrorCodes.UnknownInteraction ? 'expired' : 'already answered',
      ms: elapsed(started),
    });
    return;
  }
  const fields = { ...base, options: optionLengths(interaction), ms: elapsed(started) };
  const notice = failureNotice(ctx.log, 'interaction', error, fields, typedIn(interaction));
  if (!interaction.isRepliable()) return;
  try {
    await send(interaction, renderNotice(notice));
  } catch (e) {
    const gone = e instanceof DiscordAPIError && GONE.has(Number(e.code));
    ctx.log[gone ? 'warn' : 'error']('could not report the failure to the user', {
      ...base,
      error: withoutUserText(e, typedIn(interaction)),
    });
  }
}

/** What this interaction's user typed: options, the message a context menu was used on, the question a button's answer was for. */
function typedIn(interaction: Interaction): string[] {
  const typed: string[] = [];
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    // A subcommand's options (/article add url:…) sit one level down.
    for (const o of interaction.options.data.flatMap((d) => d.options ?? [d])) if (typeof o.value === 'string') typed.push(o.value);
  } else if (interaction.isMessageContextMenuCommand()) {
    typed.push(interaction.targetMessage.content);
  } else if (interaction.isButton()) {
    const title = interaction.message.embeds[0]?.title ?? '';
    typed.push(interaction.customId, title, unescapeUserText(title));
  }
  return typed;
}

function optionLengths(interaction: Interaction): Record<string, number> | null {
  if (interaction.isChatInputCommand()) {
    return Object.fromEntries(interaction.options.data.map((o) => [o.name, String(o.value ?? '').length]));
  }
  if (interaction.isMessageContextMenuCommand()) return { message: interaction.targetMessage.content.length };
  return null;
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;
