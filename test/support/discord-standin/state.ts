// What the stand-in knows and has seen, shared by its REST, gateway, fault and interaction modules:
// the options, the guilds and channels, the message store, the records tests read back, and the
// change signal that wakes waitFor(). Nothing here speaks HTTP or WebSocket.
import { EventEmitter } from 'node:events';
import { ApplicationCommandType, ApplicationIntegrationType, InteractionType, MessageFlags, MessageType } from 'discord-api-types/v10';
import type {
  APIAttachment,
  APIChannel,
  APIEmbed,
  APIInteraction,
  APIMessage,
  APIMessageTopLevelComponent,
  APIThreadChannel,
  APIUser,
  GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import { buildGuild } from './fixtures.ts';
import { DEFAULT_APP_PERMISSIONS, DISCORD_EPOCH, PRIVILEGED_INTENTS, fixedId, isObj, str, validateMessageBody } from './rules.ts';
import type { Json } from './rules.ts';
import type {
  CallbackRecord,
  CloseRecord,
  GatewayReceived,
  GuildInfo,
  GuildSpec,
  IdentifyRecord,
  RestRecord,
  ResumeRecord,
  StandInOptions,
  StoredCommands,
  UploadedFile,
} from './types.ts';

/** StandInOptions with the defaults filled in. */
export type ResolvedOptions = Required<
  Omit<StandInOptions, 'guilds' | 'applicationId' | 'botUserId' | 'botUsername' | 'appPermissions' | 'onRequest' | 'keepAliveTimeoutMs'>
> & {
  appPermissions: bigint;
  onRequest: ((record: RestRecord) => void) | undefined;
};

/** One interaction the stand-in sent, and what the bot has done with it so far. */
export interface InteractionState {
  id: string;
  token: string;
  payload: APIInteraction;
  type: InteractionType;
  commandType: ApplicationCommandType | null;
  channelId: string;
  guildId: string | null;
  user: APIUser;
  createdAt: number;
  callbackType: number | null;
  originalMessageId: string | null;
  followUpIds: string[];
  componentMessageId: string | null;
}

/** A message someone other than the bot writes (default author: the test user). */
export interface MessageInit {
  content: string;
  id?: string;
  author?: APIUser;
  embeds?: APIEmbed[];
}

/** Fields of a new message, as newMessage() takes them. */
export interface NewMessage {
  channelId: string;
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  attachments?: APIAttachment[];
  author?: APIUser;
  type?: MessageType;
  id?: string | undefined;
  interaction?: InteractionState;
  followUp?: boolean;
}

export class StandInState {
  readonly opts: ResolvedOptions;
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly botUser: APIUser;
  /** The user interactions and putMessage() come from unless told otherwise. */
  readonly defaultUser: APIUser = {
    id: fixedId(900),
    username: 'tester',
    discriminator: '0',
    global_name: 'Tester',
    avatar: null,
  };
  readonly guilds: GuildInfo[];
  readonly guildIds: string[];
  /** GUILD_CREATE payloads by guild id. */
  readonly guildData = new Map<string, GatewayGuildCreateDispatchData>();

  /** Every REST request, in order of completion. */
  readonly requests: RestRecord[] = [];
  readonly commands: StoredCommands = { global: [], guilds: new Map() };
  /** Every message the bot created or that a helper put in a channel, by id. Deleted ones are removed. */
  readonly messages = new Map<string, APIMessage>();
  readonly deletedMessageIds: string[] = [];
  /** Channels by id (guild text channels and threads). */
  readonly channels = new Map<string, APIChannel>();
  readonly threads: APIThreadChannel[] = [];
  readonly callbacks: CallbackRecord[] = [];
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  readonly closes: CloseRecord[] = [];
  readonly gatewayReceived: GatewayReceived[] = [];
  /** Heartbeats received (op 1). */
  heartbeats = 0;
  /** Gateway connections accepted so far (open or not). */
  connections = 0;
  /** TCP connections the HTTP server accepted so far (REST and gateway upgrades). */
  httpConnections = 0;

  readonly interactions = new Map<string, InteractionState>();
  readonly interactionsByToken = new Map<string, InteractionState>();

  private readonly events = new EventEmitter();
  private snowflakeIncrement = 0;
  private lastSnowflakeMs = 0;

  constructor(port: number, options: StandInOptions) {
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.opts = {
      shards: options.shards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
      enforceIdentifyLimit: options.enforceIdentifyLimit ?? false,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      rejectTokens: options.rejectTokens ?? [],
      allowedPrivilegedIntents: options.allowedPrivilegedIntents ?? PRIVILEGED_INTENTS,
      ackDeadlineMs: options.ackDeadlineMs ?? 3000,
      appPermissions: options.appPermissions ?? DEFAULT_APP_PERMISSIONS,
      log: options.log ?? false,
      onRequest: options.onRequest,
    };
    this.applicationId = options.applicationId ?? fixedId(1);
    this.botUserId = options.botUserId ?? this.applicationId;
    this.botUser = {
      id: this.botUserId,
      username: options.botUsername ?? 'citebot',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    };
    const specs: GuildSpec[] =
      typeof options.guilds === 'number' ? Array.from({ length: options.guilds }, () => ({})) : (options.guilds ?? [{}]);
    this.guilds = specs.map((spec, i) => {
      const id = spec.id ?? fixedId(1000 + i);
      const info: GuildInfo = { id, name: spec.name ?? `Stand-in Guild ${i + 1}`, textChannelId: fixedId(2000 + i) };
      const { guild, text } = buildGuild(info, spec.channelName ?? 'general', this.botUser, this.defaultUser.id);
      this.channels.set(text.id, text);
      this.guildData.set(id, guild);
      return info;
    });
    this.guildIds = this.guilds.map((g) => g.id);
  }

  // ───────── ids ─────────

  /** A fresh snowflake from the current time (monotonic within this stand-in). */
  snowflake(): string {
    const now = Math.max(Date.now(), this.lastSnowflakeMs);
    if (now === this.lastSnowflakeMs) {
      this.snowflakeIncrement = (this.snowflakeIncrement + 1) & 0xfff;
      if (this.snowflakeIncrement === 0) this.lastSnowflakeMs = now + 1;
    } else {
      this.snowflakeIncrement = 0;
      this.lastSnowflakeMs = now;
    }
    return (((BigInt(this.lastSnowflakeMs) - DISCORD_EPOCH) << 22n) | BigInt(this.snowflakeIncrement)).toString();
  }

  // ───────── lookups ─────────

  /** The message created by the initial response (type 4/5) or updated by 6/7, for an interaction token. */
  originalFor(interactionToken: string): APIMessage | undefined {
    const state = this.interactionsByToken.get(interactionToken);
    return state?.originalMessageId ? this.messages.get(state.originalMessageId) : undefined;
  }

  followUpsFor(interactionToken: string): APIMessage[] {
    const state = this.interactionsByToken.get(interactionToken);
    if (!state) return [];
    return state.followUpIds.map((id) => this.messages.get(id)).filter((m): m is APIMessage => m !== undefined);
  }

  callbacksFor(interactionId: string): CallbackRecord[] {
    return this.callbacks.filter((c) => c.interactionId === interactionId);
  }

  /** Messages in a channel (or thread), oldest first. */
  messagesIn(channelId: string): APIMessage[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId);
  }

  // ───────── waiting ─────────

  /**
   * Resolves with the first truthy value of `check`, re-evaluated whenever the stand-in records something
   * (and every 25 ms, for predicates over outside state). Rejects after timeoutMs.
   */
  waitFor<T>(
    check: () => T | undefined | null | false,
    timeoutMs = 2000,
    what = 'condition',
  ): Promise<Exclude<T, undefined | null | false>> {
    return new Promise((resolve, reject) => {
      let done = false;
      // Only called once the timers below exist: attempt() first runs after they are set.
      const cleanup = () => {
        done = true;
        clearTimeout(timer);
        clearInterval(poll);
        this.events.off('change', attempt);
      };
      function attempt(): void {
        if (done) return;
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch (e) {
          cleanup();
          reject(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        if (value !== undefined && value !== null && value !== false) {
          cleanup();
          resolve(value as Exclude<T, undefined | null | false>);
        }
      }
      const poll = setInterval(attempt, 25);
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`stand-in: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      attempt();
      if (!done) this.events.on('change', attempt);
    });
  }

  waitForCallback(interactionId: string, timeoutMs = 2000): Promise<CallbackRecord> {
    return this.waitFor(
      () => this.callbacks.find((c) => c.interactionId === interactionId),
      timeoutMs,
      `a callback for interaction ${interactionId}`,
    );
  }

  waitForMessage(predicate: (m: APIMessage) => boolean, timeoutMs = 2000): Promise<APIMessage> {
    return this.waitFor(() => [...this.messages.values()].find(predicate), timeoutMs, 'a matching message');
  }

  waitForRequest(predicate: (r: RestRecord) => boolean, timeoutMs = 2000): Promise<RestRecord> {
    return this.waitFor(() => this.requests.find(predicate), timeoutMs, 'a matching REST request');
  }

  // ───────── message store ─────────

  /** Puts a message from someone else (default: the test user) into a channel, so the bot can act on it. */
  putMessage(init: APIMessage | MessageInit, channelId: string): APIMessage {
    if ('channel_id' in init && this.messages.has(init.id)) return this.messages.get(init.id)!;
    const msg: APIMessage =
      'channel_id' in init
        ? init
        : this.newMessage({
            channelId,
            author: init.author ?? this.defaultUser,
            content: init.content,
            embeds: init.embeds ?? [],
            type: MessageType.Default,
            id: init.id,
          });
    this.messages.set(msg.id, msg);
    this.changed();
    return msg;
  }

  /** The message fields of a create/edit body (content, embeds, components, flags) plus its uploaded files. */
  messageFields(
    body: Json,
    files: UploadedFile[],
  ): { content: string; embeds: APIEmbed[]; components: APIMessageTopLevelComponent[]; flags: number; attachments: APIAttachment[] } {
    return {
      content: str(body['content']) ?? '',
      embeds: Array.isArray(body['embeds']) ? (body['embeds'] as APIEmbed[]) : [],
      components: Array.isArray(body['components']) ? (body['components'] as APIMessageTopLevelComponent[]) : [],
      flags: typeof body['flags'] === 'number' ? body['flags'] : 0,
      attachments: this.attachmentsFrom(body, files),
    };
  }

  attachmentsFrom(body: Json, files: UploadedFile[]): APIAttachment[] {
    const meta = Array.isArray(body['attachments']) ? (body['attachments'] as unknown[]) : [];
    return files.map((f, i) => {
      const id = this.snowflake();
      const m = meta[i];
      const filename = isObj(m) && typeof m['filename'] === 'string' ? m['filename'] : f.filename;
      return {
        id,
        filename,
        size: f.size,
        url: `${this.apiUrl}/attachments/${id}/${encodeURIComponent(filename)}`,
        proxy_url: `${this.apiUrl}/attachments/${id}/${encodeURIComponent(filename)}`,
        content_type: f.contentType,
        ...(isObj(m) && typeof m['description'] === 'string' ? { description: m['description'] } : {}),
      };
    });
  }

  /** A new message object (not stored): by the bot unless `author` is given, tied to `interaction` if any. */
  newMessage(init: NewMessage): APIMessage {
    const it = init.interaction;
    const type =
      init.type ??
      (it && !init.followUp && it.type === InteractionType.ApplicationCommand
        ? it.commandType === ApplicationCommandType.ChatInput
          ? MessageType.ChatInputCommand
          : MessageType.ContextMenuCommand
        : MessageType.Default);
    const message: APIMessage = {
      id: init.id ?? this.snowflake(),
      channel_id: init.channelId,
      author: init.author ?? this.botUser,
      content: init.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: init.attachments ?? [],
      embeds: init.embeds ?? [],
      components: init.components ?? [],
      pinned: false,
      type,
      flags: init.flags ?? 0,
    };
    if (it) {
      message.webhook_id = this.applicationId;
      message.application_id = this.applicationId;
      message.interaction_metadata = {
        id: it.id,
        type: it.type,
        user: it.user,
        authorizing_integration_owners: it.guildId
          ? { [ApplicationIntegrationType.GuildInstall]: it.guildId }
          : { [ApplicationIntegrationType.UserInstall]: it.user.id },
        ...(init.followUp && it.originalMessageId ? { original_response_message_id: it.originalMessageId } : {}),
      } as NonNullable<APIMessage['interaction_metadata']>;
    }
    return message;
  }

  /** Applies an edit body to a stored message, checks the result as Discord does, and stores it. */
  editMessage(message: APIMessage, body: Json, files: UploadedFile[]): APIMessage {
    const next: APIMessage = { ...message };
    if ('content' in body) next.content = str(body['content']) ?? '';
    if ('embeds' in body) next.embeds = Array.isArray(body['embeds']) ? (body['embeds'] as APIEmbed[]) : [];
    if ('components' in body)
      next.components = Array.isArray(body['components']) ? (body['components'] as APIMessageTopLevelComponent[]) : [];
    if ('flags' in body && typeof body['flags'] === 'number') next.flags = ((message.flags ?? 0) & MessageFlags.Ephemeral) | body['flags'];
    if ('attachments' in body || files.length > 0) {
      const keep = Array.isArray(body['attachments'])
        ? message.attachments.filter((a) => (body['attachments'] as unknown[]).some((x) => isObj(x) && x['id'] === a.id))
        : message.attachments;
      next.attachments = [...keep, ...this.attachmentsFrom({}, files)];
    }
    next.flags = (next.flags ?? 0) & ~MessageFlags.Loading;
    validateMessageBody(
      { content: next.content, embeds: next.embeds, components: next.components, flags: next.flags },
      [],
      true,
      next.attachments.length,
    );
    next.edited_timestamp = new Date().toISOString();
    this.messages.set(next.id, next);
    this.changed();
    return next;
  }

  deleteMessage(id: string): void {
    this.messages.delete(id);
    this.deletedMessageIds.push(id);
    this.changed();
  }

  // ───────── guilds and channels ─────────

  guildInfo(guildId: string | undefined): GuildInfo {
    const g = guildId === undefined ? this.guilds[0] : this.guilds.find((x) => x.id === guildId);
    if (!g) throw new Error(`stand-in: unknown guild ${guildId ?? '(none configured)'}`);
    return g;
  }

  guildOfChannel(channelId: string): string | undefined {
    const c = this.channels.get(channelId);
    return c && 'guild_id' in c ? c.guild_id : undefined;
  }

  // ───────── signals ─────────

  /** Wakes every waitFor(): call after recording anything. */
  changed(): void {
    this.events.emit('change');
  }

  /** Stops waking waiters (the stand-in is closed). */
  quiet(): void {
    this.events.removeAllListeners();
  }

  log(line: string): void {
    if (this.opts.log) process.stderr.write(`[stand-in] ${line}\n`);
  }
}
