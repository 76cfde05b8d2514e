// The people on the other side: interactions as Discord builds them (slash commands, autocomplete,
// message context menus, buttons, selects) from a guild member or a DM, dispatched to the right shard
// and remembered so the REST side can check the bot's answers against them.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  InteractionContextType,
  InteractionType,
  Locale,
} from 'discord-api-types/v10';
import type {
  APIApplicationCommandInteractionDataOption,
  APIInteraction,
  APIInteractionGuildMember,
  APIMessage,
  APIUser,
  GuildMemberFlags,
} from 'discord-api-types/v10';
import type { Gateway } from './gateway.ts';
import { DEFAULT_MEMBER_PERMISSIONS, DISCORD_EPOCH, FIXED_MS, fixedId, isObj } from './rules.ts';
import type { Json } from './rules.ts';
import type { InteractionState, MessageInit, StandInState } from './state.ts';
import type { InteractionContextOptions, InteractionInit, OptionsInit, SentInteraction, SlashCommandOptions } from './types.ts';

export class Interactions {
  constructor(
    private readonly state: StandInState,
    private readonly gateway: Gateway,
  ) {}

  /** Builds a full INTERACTION_CREATE payload and dispatches it to the shard owning the guild. */
  sendInteraction(init: InteractionInit): SentInteraction {
    const dm = init.dm === true;
    const guild = dm ? undefined : this.state.guildInfo(init.guildId);
    const channelId = init.channelId ?? (dm ? fixedId(3000) : guild!.textChannelId);
    const user: APIUser =
      init.userId === undefined && init.username === undefined
        ? this.state.defaultUser
        : {
            ...this.state.defaultUser,
            id: init.userId ?? this.state.defaultUser.id,
            username: init.username ?? this.state.defaultUser.username,
            global_name: init.username ?? null,
          };
    const id = this.state.snowflake();
    const token = `standin-interaction-token.${id}.${Math.random().toString(36).slice(2)}`;
    const stored = this.state.channels.get(channelId);
    const channel: Json = stored
      ? { ...stored }
      : dm
        ? { id: channelId, type: ChannelType.DM, last_message_id: null, flags: 0, recipients: [user] }
        : {
            id: channelId,
            type: ChannelType.GuildText,
            guild_id: guild!.id,
            name: 'unknown',
            nsfw: false,
            position: 0,
            permission_overwrites: [],
            parent_id: null,
            flags: 0,
          };
    const member: APIInteractionGuildMember | undefined = dm
      ? undefined
      : {
          user,
          roles: [],
          premium_since: null,
          permissions: String(init.memberPermissions ?? DEFAULT_MEMBER_PERMISSIONS),
          pending: false,
          nick: null,
          mute: false,
          deaf: false,
          joined_at: new Date(Number(FIXED_MS + DISCORD_EPOCH)).toISOString(),
          flags: 0 as GuildMemberFlags,
          avatar: null,
        };
    const payload: Json = {
      id,
      application_id: this.state.applicationId,
      type: init.type,
      token,
      version: 1,
      channel,
      channel_id: channelId,
      app_permissions: String(init.appPermissions ?? this.state.opts.appPermissions),
      locale: init.locale ?? Locale.EnglishUS,
      entitlements: [],
      authorizing_integration_owners: dm
        ? { [ApplicationIntegrationType.UserInstall]: user.id }
        : { [ApplicationIntegrationType.GuildInstall]: guild!.id },
      context: dm ? InteractionContextType.BotDM : InteractionContextType.Guild,
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (init.data !== undefined) payload['data'] = init.data;
    if (init.message) payload['message'] = init.message;
    if (dm) payload['user'] = user;
    else {
      payload['guild_id'] = guild!.id;
      payload['guild'] = { id: guild!.id, locale: Locale.EnglishUS, features: [] };
      payload['guild_locale'] = Locale.EnglishUS;
      payload['member'] = member;
    }
    const apiPayload = payload as unknown as APIInteraction;
    const data = isObj(init.data) ? init.data : undefined;
    const state: InteractionState = {
      id,
      token,
      payload: apiPayload,
      type: init.type,
      commandType:
        init.type === InteractionType.ApplicationCommand
          ? ((data?.['type'] as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput)
          : null,
      channelId,
      guildId: guild?.id ?? null,
      user,
      createdAt: Date.now(),
      callbackType: null,
      originalMessageId: null,
      followUpIds: [],
      componentMessageId: init.message?.id ?? null,
    };
    const conn = this.gateway.connFor(guild?.id, dm ? 0 : undefined);
    this.state.interactions.set(id, state);
    this.state.interactionsByToken.set(token, state);
    this.gateway.dispatchTo(conn, GatewayDispatchEvents.InteractionCreate, apiPayload);
    return { id, token, payload: apiPayload, shard: conn.session!.shard[0] };
  }

  /** A chat-input command, e.g. slashCommand('ask', { question: 'why?' }). */
  slashCommand(name: string, options: OptionsInit = {}, ctx: SlashCommandOptions = {}): SentInteraction {
    let opts = this.toOptions(options);
    if (ctx.subcommand) opts = [{ type: ApplicationCommandOptionType.Subcommand, name: ctx.subcommand, options: opts as never }];
    if (ctx.subcommandGroup)
      opts = [{ type: ApplicationCommandOptionType.SubcommandGroup, name: ctx.subcommandGroup, options: opts as never }];
    return this.sendInteraction({
      ...ctx,
      type: InteractionType.ApplicationCommand,
      data: {
        id: this.commandId(name, ApplicationCommandType.ChatInput, ctx.guildId),
        name,
        type: ApplicationCommandType.ChatInput,
        options: opts,
        ...(ctx.attachments && { resolved: { attachments: Object.fromEntries(ctx.attachments.map((a) => [a.id, a])) } }),
        ...this.guildIdIfGuildCommand(name, ctx.guildId),
      },
    });
  }

  /** An autocomplete request; `focused` names the option being typed (its value is sent as a string). */
  autocomplete(name: string, options: OptionsInit, focused: string, ctx: SlashCommandOptions = {}): SentInteraction {
    let opts = this.toOptions(options).map((o) =>
      o.name === focused
        ? ({ ...o, type: o.type, value: String('value' in o ? o.value : ''), focused: true } as APIApplicationCommandInteractionDataOption)
        : o,
    );
    if (!opts.some((o) => o.name === focused))
      opts.push({ type: ApplicationCommandOptionType.String, name: focused, value: '', focused: true });
    if (ctx.subcommand) opts = [{ type: ApplicationCommandOptionType.Subcommand, name: ctx.subcommand, options: opts as never }];
    if (ctx.subcommandGroup)
      opts = [{ type: ApplicationCommandOptionType.SubcommandGroup, name: ctx.subcommandGroup, options: opts as never }];
    return this.sendInteraction({
      ...ctx,
      type: InteractionType.ApplicationCommandAutocomplete,
      data: {
        id: this.commandId(name, ApplicationCommandType.ChatInput, ctx.guildId),
        name,
        type: ApplicationCommandType.ChatInput,
        options: opts,
        ...this.guildIdIfGuildCommand(name, ctx.guildId),
      },
    });
  }

  /** A message context-menu command on `target` (a stored message, or a partial one that gets stored). */
  messageContextMenu(name: string, target: APIMessage | MessageInit, ctx: InteractionContextOptions = {}): SentInteraction {
    const channelId = ctx.channelId ?? ('channel_id' in target ? target.channel_id : this.state.guildInfo(ctx.guildId).textChannelId);
    const message = this.state.putMessage(target, channelId);
    return this.sendInteraction({
      ...ctx,
      channelId,
      type: InteractionType.ApplicationCommand,
      data: {
        id: this.commandId(name, ApplicationCommandType.Message, ctx.guildId),
        name,
        type: ApplicationCommandType.Message,
        target_id: message.id,
        resolved: { messages: { [message.id]: message } },
        ...this.guildIdIfGuildCommand(name, ctx.guildId),
      },
    });
  }

  /** A button press on `message` (usually one the bot sent: standIn.messages.get(id)). */
  button(customId: string, message: APIMessage, ctx: InteractionContextOptions = {}): SentInteraction {
    const stored = this.state.putMessage(message, message.channel_id);
    return this.sendInteraction({
      ...ctx,
      channelId: ctx.channelId ?? stored.channel_id,
      type: InteractionType.MessageComponent,
      data: { custom_id: customId, component_type: ComponentType.Button },
      message: stored,
    });
  }

  /** A string-select choice on `message`. */
  stringSelect(customId: string, values: string[], message: APIMessage, ctx: InteractionContextOptions = {}): SentInteraction {
    const stored = this.state.putMessage(message, message.channel_id);
    return this.sendInteraction({
      ...ctx,
      channelId: ctx.channelId ?? stored.channel_id,
      type: InteractionType.MessageComponent,
      data: { custom_id: customId, component_type: ComponentType.StringSelect, values },
      message: stored,
    });
  }

  private commandId(name: string, type: ApplicationCommandType, guildId: string | undefined): string {
    const g = guildId ?? this.state.guilds[0]?.id;
    const found =
      (g ? this.state.commands.guilds.get(g) : undefined)?.find((c) => c.name === name && c.type === type) ??
      this.state.commands.global.find((c) => c.name === name && c.type === type);
    return found?.id ?? fixedId(5000, Math.abs([...name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, type)) % 4096);
  }

  private guildIdIfGuildCommand(name: string, guildId: string | undefined): Json {
    const g = guildId ?? this.state.guilds[0]?.id;
    return g && this.state.commands.guilds.get(g)?.some((c) => c.name === name) ? { guild_id: g } : {};
  }

  private toOptions(options: OptionsInit): APIApplicationCommandInteractionDataOption[] {
    if (Array.isArray(options)) return options;
    const out: APIApplicationCommandInteractionDataOption[] = [];
    for (const [name, value] of Object.entries(options)) {
      if (value === undefined) continue;
      if (typeof value === 'string') out.push({ type: ApplicationCommandOptionType.String, name, value });
      else if (typeof value === 'boolean') out.push({ type: ApplicationCommandOptionType.Boolean, name, value });
      else if (Number.isInteger(value)) out.push({ type: ApplicationCommandOptionType.Integer, name, value });
      else out.push({ type: ApplicationCommandOptionType.Number, name, value });
    }
    return out;
  }
}
