import { randomBytes } from 'node:crypto';
import { DiscordAPIError, type Interaction } from 'discord.js';
import { renderNotice } from '../render/discord.ts';
import { UserError } from '../result.ts';
import { handleButton } from './buttons.ts';
import type { BotContext, Command, MessageCommand, Outcome, SlashCommand } from './command.ts';
import { createCooldown } from './cooldown.ts';
import { deferIfSlow, send } from './reply.ts';

/** Discord's codes for an interaction that can no longer be answered: expired, or answered already. */
const GONE = new Set([10062, 40060]);

/** The error boundary's ref: short enough to read out, long enough to find in the log. */
const newRef = () => randomBytes(3).toString('hex').toUpperCase();

/**
 * Routes every interaction to its handler inside one error boundary:
 * a user's mistake gets an ephemeral note, a bug gets "something went wrong
 * (ref …)" and a log line with the ref, and nothing escapes to crash the bot.
 * One log line per interaction: what ran, the options' lengths (never their
 * text), how many results, how long it took.
 */
export function createDispatcher(ctx: BotContext, commands: readonly Command[]): (interaction: Interaction) => Promise<void> {
  const slash = new Map<string, SlashCommand>();
  const message = new Map<string, MessageCommand>();
  for (const c of commands) (c.kind === 'slash' ? slash : message).set(c.data.name, c as never);
  const cooldown = createCooldown(ctx.config.cooldownSeconds);

  return async (interaction) => {
    const started = performance.now();
    const name = interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : interaction.isButton() ? `button:${interaction.customId.split(':')[1] ?? '?'}` : `type:${interaction.type}`;
    const base = { command: name, user: interaction.user.id, guild: interaction.guildId ?? null };
    try {
      if (interaction.isAutocomplete()) {
        await slash.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
        ctx.log.debug('autocomplete', { ...base, ms: elapsed(started) });
        return;
      }
      if (!interaction.isRepliable()) return;
      const wait = cooldown.check(interaction.user.id);
      if (wait > 0) {
        await send(interaction, renderNotice(`Slow down a little: try again in ${wait} s.`));
        ctx.log.info('interaction', { ...base, cooldown: wait, ms: elapsed(started) });
        return;
      }
      let outcome: Outcome;
      const isPrivate = interaction.isChatInputCommand() && interaction.options.getBoolean('private') === true;
      const cancelDefer = deferIfSlow(interaction, isPrivate, (e) => ctx.log.warn('could not defer', { ...base, error: e }));
      try {
        outcome = await handle(interaction);
      } finally {
        cancelDefer();
      }
      ctx.log.info('interaction', { ...base, options: optionLengths(interaction), results: outcome.results ?? null, ms: elapsed(started) });
    } catch (error) {
      await fail(ctx, interaction, error, base, started);
    }
  };

  async function handle(interaction: Interaction): Promise<Outcome> {
    if (interaction.isChatInputCommand()) {
      const command = slash.get(interaction.commandName);
      if (!command) throw new UserError('This command is not known to this version of citebot. It may take a minute for Discord to update the list.');
      return command.execute(interaction, ctx);
    } else if (interaction.isMessageContextMenuCommand()) {
      const command = message.get(interaction.commandName);
      if (!command) throw new UserError('This command is not known to this version of citebot.');
      return command.execute(interaction, ctx);
    } else if (interaction.isButton()) {
      return handleButton(interaction, ctx);
    }
    return {};
  }
}

async function fail(ctx: BotContext, interaction: Interaction, error: unknown, base: Record<string, unknown>, started: number): Promise<void> {
  if (error instanceof DiscordAPIError && GONE.has(Number(error.code))) {
    ctx.log.warn('interaction gone', { ...base, code: error.code, reason: error.code === 10062 ? 'expired' : 'already answered', ms: elapsed(started) });
    return;
  }
  const isUser = error instanceof UserError;
  const ref = isUser ? undefined : newRef();
  if (isUser) ctx.log.info('interaction', { ...base, options: optionLengths(interaction), userError: error.message, ms: elapsed(started) });
  else ctx.log.error('handler failed', { ...base, ref, error, ms: elapsed(started) });
  if (!interaction.isRepliable()) return;
  try {
    await send(interaction, renderNotice(isUser ? error.message : `Something went wrong (ref ${ref}). It has been logged; please try again.`));
  } catch (e) {
    const gone = e instanceof DiscordAPIError && GONE.has(Number(e.code));
    ctx.log[gone ? 'warn' : 'error']('could not report the failure to the user', { ...base, ref, error: e });
  }
}

function optionLengths(interaction: Interaction): Record<string, number> | null {
  if (interaction.isChatInputCommand()) {
    return Object.fromEntries(interaction.options.data.map((o) => [o.name, String(o.value ?? '').length]));
  }
  if (interaction.isMessageContextMenuCommand()) return { message: interaction.targetMessage.content.length };
  return null;
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;
