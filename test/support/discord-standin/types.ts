// The stand-in's public types: its options and the records tests read back.
import type {
  APIApplicationCommand,
  APIAttachment,
  APIApplicationCommandInteractionDataOption,
  APIInteraction,
  APIMessage,
  InteractionType,
  Locale,
} from 'discord-api-types/v10';

export interface GuildSpec {
  id?: string;
  name?: string;
  /** Name of the one text channel every guild gets (default "general"). */
  channelName?: string;
}

export interface StandInOptions {
  /** Recommended shard count returned by GET /gateway/bot (default 1). */
  shards?: number;
  /** session_start_limit.max_concurrency (default 1). discord.js waits ~5 s between identifies in one bucket. */
  maxConcurrency?: number;
  /**
   * Hold IDENTIFY to Discord's limit, as several hosts of one bot must: a second one within 5 s in the
   * same bucket (shard id % maxConcurrency), from any connection, gets Opcode 9 Invalid Session
   * instead of READY (default false: tests that re-identify at once turn discord.js's own wait off).
   */
  enforceIdentifyLimit?: boolean;
  /** HELLO heartbeat_interval in ms (default 41250). */
  heartbeatIntervalMs?: number;
  /** Guilds the bot is in: a count (default 1) or specs. */
  guilds?: number | GuildSpec[];
  /** Tokens that REST answers with 401 and the gateway closes with 4004. */
  rejectTokens?: string[];
  /** Privileged intents the "developer portal" allows (default: all). Others close with 4014. */
  allowedPrivilegedIntents?: number;
  applicationId?: string;
  /** Defaults to the application id (true of every bot made since 2018). */
  botUserId?: string;
  botUsername?: string;
  /** Discord rejects the first callback after 3 s with 10062; default 3000, Infinity to disable. */
  ackDeadlineMs?: number;
  /** Permissions of the bot in interactions (app_permissions). */
  appPermissions?: bigint;
  /** Print every REST request and gateway payload to stderr. */
  log?: boolean;
  /**
   * Called with each REST request's record right after it is answered, e.g. so a load driver can time
   * answers as they happen instead of polling `requests`. It runs inside the request handler: keep it cheap.
   */
  onRequest?: (record: RestRecord) => void;
  /**
   * How long an idle REST connection stays open, in ms (default 1000). Node announces it as a Keep-Alive
   * hint, and undici (discord.js's HTTP client) reuses a connection only if the hint is over 2 s: at the
   * default every REST call opens a new connection. Discord keeps them open: give 60000 to measure that.
   */
  keepAliveTimeoutMs?: number;
}

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface RestRecord {
  method: string;
  /** Path after /api/v10, e.g. /applications/123/commands */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body (payload_json for multipart), or null. */
  body: unknown;
  files: UploadedFile[];
  headers: Record<string, string>;
  status: number;
  /** The JSON the stand-in answered with (undefined for 204). */
  response: unknown;
  at: number;
}

export interface IdentifyRecord {
  connection: number;
  token: string;
  intents: number;
  shard: [number, number];
  properties: unknown;
  compress: boolean;
  largeThreshold: number | undefined;
  presence: unknown;
  at: number;
  /** True when it came too soon after another in its bucket and got Opcode 9 (enforceIdentifyLimit). */
  tooSoon: boolean;
}

export interface ResumeRecord {
  connection: number;
  token: string;
  sessionId: string;
  seq: number | null;
  accepted: boolean;
  at: number;
}

export interface CloseRecord {
  connection: number;
  code: number;
  reason: string;
  shard: [number, number] | null;
  /** 'client' when the client sent the first close frame (e.g. client.destroy() → 1000). */
  initiatedBy: 'client' | 'server';
  at: number;
}

export interface GatewayReceived {
  connection: number;
  op: number;
  d: unknown;
  at: number;
}

export interface CallbackRecord {
  interactionId: string;
  token: string;
  /** InteractionResponseType: 4 reply, 5 deferred, 6 deferred update, 7 update, 8 autocomplete, 9 modal. */
  type: number;
  /** body.data as sent (e.g. content, embeds, allowed_mentions, flags, choices). */
  data: Record<string, unknown> | undefined;
  body: Record<string, unknown>;
  withResponse: boolean;
  files: UploadedFile[];
  /** The message this callback created or updated, if any. */
  messageId: string | null;
  at: number;
}

export interface SentInteraction {
  id: string;
  token: string;
  payload: APIInteraction;
  shard: number;
}

export interface InteractionContextOptions {
  userId?: string;
  username?: string;
  guildId?: string;
  channelId?: string;
  /** Send it as a DM interaction (no guild, user instead of member). */
  dm?: boolean;
  locale?: Locale;
  /** Member permissions (default: a normal member's). */
  memberPermissions?: bigint;
  appPermissions?: bigint;
}

export type OptionValue = string | number | boolean;
/** Either name → value (string→String, integer→Integer, other number→Number, boolean→Boolean) or raw options. */
export type OptionsInit = Record<string, OptionValue | undefined> | APIApplicationCommandInteractionDataOption[];

export interface SlashCommandOptions extends InteractionContextOptions {
  subcommand?: string;
  subcommandGroup?: string;
  /** Files attached to the command (standIn.attachments.add), sent as Discord does in `resolved`. */
  attachments?: APIAttachment[];
}

export interface InteractionInit extends InteractionContextOptions {
  type: InteractionType;
  data?: unknown;
  message?: APIMessage;
}

export interface GuildInfo {
  id: string;
  name: string;
  textChannelId: string;
}

export interface StoredCommands {
  global: APIApplicationCommand[];
  guilds: Map<string, APIApplicationCommand[]>;
}
