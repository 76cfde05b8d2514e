// A Discord stand-in on 127.0.0.1: enough of REST v10 and Gateway v10 (JSON, no compression) for the
// real discord.js v14 client to log in, receive interactions and answer them, so end-to-end tests run
// without any network. One HTTP server serves REST under /api and the gateway WebSocket upgrade.
//
//   const standIn = await startStandIn();
//   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standIn.apiUrl } });
//   await client.login('any-string');
//   const { id } = standIn.slashCommand('ask', { question: 'why?' });
//   const cb = await standIn.waitForCallback(id);
//
// It checks what Discord checks where a bot can get it wrong (2000-character content, embed limits,
// acknowledging twice, acknowledging late, empty messages, command shapes) and answers with
// Discord-shaped errors, so a test sees the same DiscordAPIError the bot would see in production.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { EventEmitter } from 'node:events';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  GatewayOpcodes,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  ThreadAutoArchiveDuration,
} from 'discord-api-types/v10';
import type {
  APIApplication,
  ApplicationFlags,
  ChannelFlags,
  GuildMemberFlags,
  RoleFlags,
  APIApplicationCommand,
  APIApplicationCommandInteractionDataOption,
  APIAttachment,
  APIChannel,
  APIEmbed,
  APIGuild,
  APIGuildMember,
  APIInteraction,
  APIInteractionGuildMember,
  APIMessage,
  APIMessageTopLevelComponent,
  APIRole,
  APITextChannel,
  APIThreadChannel,
  APIUnavailableGuild,
  APIUser,
  GatewayGuildCreateDispatchData,
  GatewayReadyDispatchData,
} from 'discord-api-types/v10';

// ───────────────────────────── public types ─────────────────────────────

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

interface Fault {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

interface Session {
  id: string;
  token: string;
  shard: [number, number];
  seq: number;
}

interface Conn {
  id: number;
  socket: WebSocket;
  query: Record<string, string>;
  session: Session | null;
  ready: boolean;
  closeInitiatedBy: 'client' | 'server' | null;
  closed: Promise<void>;
}

interface InteractionState {
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

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Json = Record<string, unknown>;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(typeof body['message'] === 'string' ? body['message'] : `HTTP ${status}`);
  }
}

// ───────────────────────────── ids, errors, limits ─────────────────────────────

const DISCORD_EPOCH = 1420070400000n;
// Fixed entities get ids at 2024-01-01 so runs are reproducible; the offset is a multiple of 720720
// (lcm of 1..16), so with consecutive guild ids guild i lands on shard i % n for any n ≤ 16.
const FIXED_MS = (() => {
  const off = 1704067200000n - DISCORD_EPOCH;
  return off - (off % 720720n);
})();
const fixedId = (msOffset: number, increment = 0): string =>
  (((FIXED_MS + BigInt(msOffset)) << 22n) | BigInt(increment)).toString();

export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
const INTERACTION_TTL_MS = 15 * 60_000;

const DEFAULT_MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions;
const DEFAULT_APP_PERMISSIONS = DEFAULT_MEMBER_PERMISSIONS | PermissionFlagsBits.ManageThreads | PermissionFlagsBits.ManageMessages;

const err = {
  notFound: (): Json => ({ message: '404: Not Found', code: 0 }),
  unauthorized: (): Json => ({ message: '401: Unauthorized', code: 0 }),
  unknownChannel: (): Json => ({ message: 'Unknown Channel', code: 10003 }),
  unknownGuild: (): Json => ({ message: 'Unknown Guild', code: 10004 }),
  unknownMessage: (): Json => ({ message: 'Unknown Message', code: 10008 }),
  unknownWebhook: (): Json => ({ message: 'Unknown Webhook', code: 10015 }),
  unknownCommand: (): Json => ({ message: 'Unknown application command', code: 10063 }),
  unknownInteraction: (): Json => ({ message: 'Unknown interaction', code: 10062 }),
  alreadyAcknowledged: (): Json => ({ message: 'Interaction has already been acknowledged.', code: 40060 }),
  emptyMessage: (): Json => ({ message: 'Cannot send an empty message', code: 50006 }),
  wrongChannelType: (): Json => ({ message: 'Cannot execute action on this channel type', code: 50024 }),
  threadExists: (): Json => ({ message: 'A thread has already been created for this message', code: 160004 }),
  invalidForm: (errors: Json): Json => ({ message: 'Invalid Form Body', code: 50035, errors }),
};

/** Discord's nested form-error shape for one field path like ['data','content']. */
function formError(path: (string | number)[], code: string, message: string): Json {
  let node: Json = { _errors: [{ code, message }] };
  for (let i = path.length - 1; i >= 0; i--) node = { [String(path[i])]: node };
  return node;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const len = (v: unknown): number => (typeof v === 'string' ? [...v].length : 0);

/** Checks a message body the way Discord does; throws HttpError 400. `where` prefixes error paths. */
function validateMessageBody(body: Json, where: string[], requireContent: boolean, files: number): void {
  const content = body['content'];
  if (content !== undefined && content !== null && typeof content !== 'string') {
    throw new HttpError(400, err.invalidForm(formError([...where, 'content'], 'STRING_TYPE_CONVERT', 'Could not interpret value as string.')));
  }
  if (len(content) > 2000) {
    throw new HttpError(400, err.invalidForm(formError([...where, 'content'], 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.')));
  }
  const embeds = body['embeds'];
  if (embeds !== undefined && embeds !== null) {
    if (!Array.isArray(embeds)) throw new HttpError(400, err.invalidForm(formError([...where, 'embeds'], 'LIST_TYPE_CONVERT', 'Must be a list.')));
    if (embeds.length > 10) {
      throw new HttpError(400, err.invalidForm(formError([...where, 'embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.')));
    }
    let total = 0;
    embeds.forEach((e: unknown, i: number) => {
      if (!isObj(e)) throw new HttpError(400, err.invalidForm(formError([...where, 'embeds', i], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType')));
      const at = [...where, 'embeds', i];
      const check = (v: unknown, max: number, path: (string | number)[]) => {
        if (len(v) > max) throw new HttpError(400, err.invalidForm(formError([...at, ...path], 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`)));
        total += len(v);
      };
      check(e['title'], 256, ['title']);
      check(e['description'], 4096, ['description']);
      if (isObj(e['footer'])) check(e['footer']['text'], 2048, ['footer', 'text']);
      if (isObj(e['author'])) check(e['author']['name'], 256, ['author', 'name']);
      const fields = e['fields'];
      if (Array.isArray(fields)) {
        if (fields.length > 25) throw new HttpError(400, err.invalidForm(formError([...at, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.')));
        fields.forEach((f: unknown, j: number) => {
          if (!isObj(f)) return;
          if (len(f['name']) === 0 || len(f['value']) === 0) {
            throw new HttpError(400, err.invalidForm(formError([...at, 'fields', j, len(f['name']) === 0 ? 'name' : 'value'], 'BASE_TYPE_REQUIRED', 'This field is required')));
          }
          check(f['name'], 256, ['fields', j, 'name']);
          check(f['value'], 1024, ['fields', j, 'value']);
        });
      }
    });
    if (total > 6000) {
      throw new HttpError(400, err.invalidForm(formError([...where, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000')));
    }
  }
  const components = body['components'];
  if (Array.isArray(components) && components.length > 5 && !((Number(body['flags'] ?? 0) & MessageFlags.IsComponentsV2) !== 0)) {
    throw new HttpError(400, err.invalidForm(formError([...where, 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.')));
  }
  if (requireContent) {
    const hasContent = len(content) > 0;
    const hasEmbeds = Array.isArray(embeds) && embeds.length > 0;
    const hasComponents = Array.isArray(components) && components.length > 0;
    const hasPoll = isObj(body['poll']);
    const hasSticker = Array.isArray(body['sticker_ids']) && body['sticker_ids'].length > 0;
    if (!hasContent && !hasEmbeds && !hasComponents && !hasPoll && !hasSticker && files === 0) throw new HttpError(400, err.emptyMessage());
  }
}

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Validates one application command the way Discord's bulk overwrite does (the parts a bot can get wrong). */
function validateCommand(cmd: unknown, index: number): void {
  const at = (...p: (string | number)[]) => [index, ...p];
  if (!isObj(cmd)) throw new HttpError(400, err.invalidForm(formError(at(), 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType')));
  const type = cmd['type'] ?? ApplicationCommandType.ChatInput;
  const name = str(cmd['name']) ?? '';
  const chatInput = type === ApplicationCommandType.ChatInput;
  if (chatInput ? !NAME_RE.test(name) || name !== name.toLowerCase() : len(name) < 1 || len(name) > 32) {
    throw new HttpError(400, err.invalidForm(formError(at('name'), 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid')));
  }
  const description = cmd['description'];
  if (chatInput) {
    if (len(description) < 1 || len(description) > 100) {
      throw new HttpError(400, err.invalidForm(formError(at('description'), 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.')));
    }
  } else if (len(description) > 0) {
    throw new HttpError(400, err.invalidForm(formError(at('description'), 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have description')));
  }
  const validateOptions = (options: unknown, path: (string | number)[]) => {
    if (options === undefined || options === null) return;
    if (!Array.isArray(options)) throw new HttpError(400, err.invalidForm(formError([...path], 'LIST_TYPE_CONVERT', 'Must be a list.')));
    if (!chatInput && options.length > 0) {
      throw new HttpError(400, err.invalidForm(formError([...path], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Context menu commands cannot have options')));
    }
    if (options.length > 25) throw new HttpError(400, err.invalidForm(formError([...path], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.')));
    const seen = new Set<string>();
    let sawOptional = false;
    options.forEach((o: unknown, i: number) => {
      if (!isObj(o)) throw new HttpError(400, err.invalidForm(formError([...path, i], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType')));
      const oname = str(o['name']) ?? '';
      if (!NAME_RE.test(oname) || oname !== oname.toLowerCase()) {
        throw new HttpError(400, err.invalidForm(formError([...path, i, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid')));
      }
      if (seen.has(oname)) throw new HttpError(400, err.invalidForm(formError([...path], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique')));
      seen.add(oname);
      if (len(o['description']) < 1 || len(o['description']) > 100) {
        throw new HttpError(400, err.invalidForm(formError([...path, i, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.')));
      }
      const otype = o['type'];
      const nested = otype === ApplicationCommandOptionType.Subcommand || otype === ApplicationCommandOptionType.SubcommandGroup;
      if (!nested) {
        if (o['required'] === true && sawOptional) {
          throw new HttpError(400, err.invalidForm(formError([...path], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options')));
        }
        if (o['required'] !== true) sawOptional = true;
      }
      const choices = o['choices'];
      if (Array.isArray(choices)) {
        if (choices.length > 25) throw new HttpError(400, err.invalidForm(formError([...path, i, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.')));
        if (o['autocomplete'] === true && choices.length > 0) {
          throw new HttpError(400, err.invalidForm(formError([...path, i, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE', 'Autocomplete cannot be set on options with choices')));
        }
      }
      if (nested) validateOptions(o['options'], [...path, i, 'options']);
    });
  };
  validateOptions(cmd['options'], at('options'));
}

function parseQuery(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of search) out[k] = v;
  return out;
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: null, files: [] };
  const ct = contentType ?? '';
  if (ct.startsWith('multipart/form-data')) {
    // The platform's Request knows how to parse multipart; good enough for discord.js's FormData.
    const form = await new Request('http://standin.invalid/', { method: 'POST', headers: { 'content-type': ct }, body: raw }).formData();
    let body: unknown = null;
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
        else {
          body = isObj(body) ? body : {};
          (body as Json)[field] = value;
        }
      } else {
        const data = Buffer.from(await value.arrayBuffer());
        files.push({ field, filename: value.name, contentType: value.type, size: data.length, data });
      }
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  try {
    return { body: JSON.parse(text), files: [] };
  } catch {
    throw new HttpError(400, { message: '400: Bad Request', code: 50109 });
  }
}

// ───────────────────────────── the stand-in ─────────────────────────────

export class StandIn {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly botUser: APIUser;
  readonly guilds: GuildInfo[];
  readonly guildIds: string[];
  readonly port: number;

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

  private readonly opts: Required<Omit<StandInOptions, 'guilds' | 'applicationId' | 'botUserId' | 'botUsername' | 'appPermissions' | 'onRequest' | 'keepAliveTimeoutMs'>> & {
    appPermissions: bigint;
    onRequest: ((record: RestRecord) => void) | undefined;
  };
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly events = new EventEmitter();
  private readonly conns = new Set<Conn>();
  private readonly sessions = new Map<string, Session>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly faults: Fault[] = [];
  private readonly guildData = new Map<string, GatewayGuildCreateDispatchData>();
  private snowflakeIncrement = 0;
  private lastSnowflakeMs = 0;
  private connSeq = 0;
  private closed = false;
  private readonly defaultUser: APIUser = {
    id: fixedId(900),
    username: 'tester',
    discriminator: '0',
    global_name: 'Tester',
    avatar: null,
  };

  /** Use startStandIn(). */
  constructor(server: Server, wss: WebSocketServer, port: number, options: StandInOptions) {
    this.server = server;
    this.wss = wss;
    this.port = port;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.opts = {
      shards: options.shards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
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
      this.guildData.set(id, this.buildGuild(info, spec.channelName ?? 'general'));
      return info;
    });
    this.guildIds = this.guilds.map((g) => g.id);

    server.on('connection', () => this.httpConnections++);
    server.on('request', (req, res) => void this.onHttp(req, res));
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/api')) {
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, parseQuery(url.searchParams)));
    });
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

  /** Number of gateway sockets open right now. */
  get openConnections(): number {
    return this.conns.size;
  }

  /** Shard ids with a READY (or RESUMED) session on an open socket. */
  get readyShards(): number[] {
    return [...this.conns].filter((c) => c.ready && c.session).map((c) => c.session!.shard[0]).sort((a, b) => a - b);
  }

  // ───────── waiting ─────────

  /**
   * Resolves with the first truthy value of `check`, re-evaluated whenever the stand-in records something
   * (and every 25 ms, for predicates over outside state). Rejects after timeoutMs.
   */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 2000, what = 'condition'): Promise<Exclude<T, undefined | null | false>> {
    return new Promise((resolve, reject) => {
      let done = false;
      let timer: NodeJS.Timeout | undefined;
      let poll: NodeJS.Timeout | undefined;
      const cleanup = () => {
        done = true;
        if (timer) clearTimeout(timer);
        if (poll) clearInterval(poll);
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
      attempt();
      if (done) return;
      this.events.on('change', attempt);
      poll = setInterval(attempt, 25);
      timer = setTimeout(() => {
        cleanup();
        reject(new Error(`stand-in: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
    });
  }

  waitForCallback(interactionId: string, timeoutMs = 2000): Promise<CallbackRecord> {
    return this.waitFor(() => this.callbacks.find((c) => c.interactionId === interactionId), timeoutMs, `a callback for interaction ${interactionId}`);
  }

  waitForMessage(predicate: (m: APIMessage) => boolean, timeoutMs = 2000): Promise<APIMessage> {
    return this.waitFor(() => [...this.messages.values()].find(predicate), timeoutMs, 'a matching message');
  }

  waitForRequest(predicate: (r: RestRecord) => boolean, timeoutMs = 2000): Promise<RestRecord> {
    return this.waitFor(() => this.requests.find(predicate), timeoutMs, 'a matching REST request');
  }

  /** Waits until `count` shards are READY on open sockets. */
  waitForReadyShards(count: number, timeoutMs = 5000): Promise<number[]> {
    return this.waitFor(() => (this.readyShards.length >= count ? this.readyShards : undefined), timeoutMs, `${count} ready shard(s)`);
  }

  // ───────── faults and gateway control ─────────

  /**
   * The next REST call matching method ('*' for any) and path (relative to /api/v10) fails with status/body.
   * A 429 gets Retry-After and X-RateLimit-* headers from body.retry_after (seconds) unless headers are given.
   */
  failNext(method: string, path: RegExp | string, status: number, body?: unknown, headers?: Record<string, string>): void {
    let resolvedBody = body;
    let resolvedHeaders = headers;
    if (status === 429) {
      const retryAfter = isObj(body) && typeof body['retry_after'] === 'number' ? body['retry_after'] : 0.05;
      const global = isObj(body) && body['global'] === true;
      resolvedBody = body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global };
      resolvedHeaders = headers ?? {
        'Retry-After': String(retryAfter),
        'X-RateLimit-Limit': '5',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset-After': String(retryAfter),
        'X-RateLimit-Bucket': 'standin-bucket',
        'X-RateLimit-Scope': global ? 'global' : 'user',
        ...(global ? { 'X-RateLimit-Global': 'true' } : {}),
      };
    }
    this.faults.push({
      method: method.toUpperCase(),
      path: typeof path === 'string' ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : path,
      status,
      body: resolvedBody ?? (status >= 500 ? { message: 'Internal Server Error', code: 0 } : { message: `${status}`, code: 0 }),
      headers: resolvedHeaders ?? {},
    });
  }

  /** Closes every gateway socket with `code` (4000 resumable, 4004 auth failed, 4007 invalid seq …); resolves once they are closed. */
  async closeGateway(code: number, reason = ''): Promise<void> {
    const conns = [...this.conns];
    for (const c of conns) {
      c.closeInitiatedBy ??= 'server';
      c.socket.close(code, reason);
    }
    await Promise.all(
      conns.map((c) =>
        Promise.race([
          c.closed,
          new Promise<void>((r) => setTimeout(() => (c.socket.terminate(), r()), 2000).unref()),
        ]),
      ),
    );
  }

  /** Sends op 7 RECONNECT to every socket (the client resumes). */
  requestReconnect(): void {
    for (const c of this.conns) this.send(c, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
  }

  /** Sends op 9 INVALID_SESSION (d = resumable) to every socket and forgets the sessions if not resumable. */
  invalidateSessions(resumable = false): void {
    for (const c of this.conns) {
      if (!resumable && c.session) this.sessions.delete(c.session.id);
      this.send(c, { op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  /** Dispatches any event to the shard owning guildId (or to `shard`, default 0). Returns the shard used. */
  dispatch(event: string, data: unknown, target: { guildId?: string; shard?: number } = {}): number {
    const conn = this.connFor(target.guildId, target.shard);
    this.dispatchTo(conn, event, data);
    return conn.session!.shard[0];
  }

  // ───────── interactions ─────────

  /** Builds a full INTERACTION_CREATE payload and dispatches it to the shard owning the guild. */
  sendInteraction(init: InteractionInit): SentInteraction {
    const dm = init.dm === true;
    const guild = dm ? undefined : this.guildInfo(init.guildId);
    const channelId = init.channelId ?? (dm ? fixedId(3000) : guild!.textChannelId);
    const user: APIUser =
      init.userId === undefined && init.username === undefined
        ? this.defaultUser
        : { ...this.defaultUser, id: init.userId ?? this.defaultUser.id, username: init.username ?? this.defaultUser.username, global_name: init.username ?? null };
    const id = this.snowflake();
    const token = `standin-interaction-token.${id}.${Math.random().toString(36).slice(2)}`;
    const stored = this.channels.get(channelId);
    const channel: Json = stored
      ? { ...stored }
      : dm
        ? { id: channelId, type: ChannelType.DM, last_message_id: null, flags: 0, recipients: [user] }
        : { id: channelId, type: ChannelType.GuildText, guild_id: guild!.id, name: 'unknown', nsfw: false, position: 0, permission_overwrites: [], parent_id: null, flags: 0 };
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
      application_id: this.applicationId,
      type: init.type,
      token,
      version: 1,
      channel,
      channel_id: channelId,
      app_permissions: String(init.appPermissions ?? this.opts.appPermissions),
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
      commandType: init.type === InteractionType.ApplicationCommand ? ((data?.['type'] as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput) : null,
      channelId,
      guildId: guild?.id ?? null,
      user,
      createdAt: Date.now(),
      callbackType: null,
      originalMessageId: null,
      followUpIds: [],
      componentMessageId: init.message?.id ?? null,
    };
    const conn = this.connFor(guild?.id, dm ? 0 : undefined);
    this.interactions.set(id, state);
    this.interactionsByToken.set(token, state);
    this.dispatchTo(conn, GatewayDispatchEvents.InteractionCreate, apiPayload);
    return { id, token, payload: apiPayload, shard: conn.session!.shard[0] };
  }

  /** A chat-input command, e.g. slashCommand('ask', { question: 'why?' }). */
  slashCommand(name: string, options: OptionsInit = {}, ctx: SlashCommandOptions = {}): SentInteraction {
    let opts = this.toOptions(options);
    if (ctx.subcommand) opts = [{ type: ApplicationCommandOptionType.Subcommand, name: ctx.subcommand, options: opts as never }];
    if (ctx.subcommandGroup) opts = [{ type: ApplicationCommandOptionType.SubcommandGroup, name: ctx.subcommandGroup, options: opts as never }];
    return this.sendInteraction({
      ...ctx,
      type: InteractionType.ApplicationCommand,
      data: { id: this.commandId(name, ApplicationCommandType.ChatInput, ctx.guildId), name, type: ApplicationCommandType.ChatInput, options: opts, ...this.guildIdIfGuildCommand(name, ctx.guildId) },
    });
  }

  /** An autocomplete request; `focused` names the option being typed (its value is sent as a string). */
  autocomplete(name: string, options: OptionsInit, focused: string, ctx: SlashCommandOptions = {}): SentInteraction {
    let opts = this.toOptions(options).map((o) =>
      o.name === focused ? ({ ...o, type: o.type, value: String('value' in o ? o.value : ''), focused: true } as APIApplicationCommandInteractionDataOption) : o,
    );
    if (!opts.some((o) => o.name === focused)) opts.push({ type: ApplicationCommandOptionType.String, name: focused, value: '', focused: true });
    if (ctx.subcommand) opts = [{ type: ApplicationCommandOptionType.Subcommand, name: ctx.subcommand, options: opts as never }];
    if (ctx.subcommandGroup) opts = [{ type: ApplicationCommandOptionType.SubcommandGroup, name: ctx.subcommandGroup, options: opts as never }];
    return this.sendInteraction({
      ...ctx,
      type: InteractionType.ApplicationCommandAutocomplete,
      data: { id: this.commandId(name, ApplicationCommandType.ChatInput, ctx.guildId), name, type: ApplicationCommandType.ChatInput, options: opts, ...this.guildIdIfGuildCommand(name, ctx.guildId) },
    });
  }

  /** A message context-menu command on `target` (a stored message, or a partial one that gets stored). */
  messageContextMenu(name: string, target: APIMessage | { content: string; id?: string; author?: APIUser; embeds?: APIEmbed[] }, ctx: InteractionContextOptions = {}): SentInteraction {
    const channelId = ctx.channelId ?? ('channel_id' in target ? target.channel_id : this.guildInfo(ctx.guildId).textChannelId);
    const message = this.putMessage(target, channelId);
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
    const stored = this.putMessage(message, message.channel_id);
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
    const stored = this.putMessage(message, message.channel_id);
    return this.sendInteraction({
      ...ctx,
      channelId: ctx.channelId ?? stored.channel_id,
      type: InteractionType.MessageComponent,
      data: { custom_id: customId, component_type: ComponentType.StringSelect, values },
      message: stored,
    });
  }

  /** Puts a message from someone else (default: the test user) into a channel, so the bot can act on it. */
  putMessage(init: APIMessage | { content: string; id?: string; author?: APIUser; embeds?: APIEmbed[] }, channelId: string): APIMessage {
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

  // ───────── lifecycle ─────────

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const c of this.conns) c.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.events.removeAllListeners();
  }

  // ───────────────────────────── gateway ─────────────────────────────

  private onConnection(socket: WebSocket, query: Record<string, string>): void {
    let markClosed!: () => void;
    const conn: Conn = {
      id: ++this.connSeq,
      socket,
      query,
      session: null,
      ready: false,
      closeInitiatedBy: null,
      closed: new Promise<void>((r) => (markClosed = r)),
    };
    this.connections++;
    this.conns.add(conn);
    this.log(`gateway #${conn.id} connected ?${new URLSearchParams(query).toString()}`);
    socket.on('message', (data: RawData, isBinary: boolean) => this.onGatewayMessage(conn, data, isBinary));
    socket.on('close', (code: number, reason: Buffer) => {
      this.conns.delete(conn);
      conn.ready = false;
      this.closes.push({
        connection: conn.id,
        code,
        reason: reason.toString('utf8'),
        shard: conn.session?.shard ?? null,
        initiatedBy: conn.closeInitiatedBy ?? 'client',
        at: Date.now(),
      });
      this.log(`gateway #${conn.id} closed ${code} by ${conn.closeInitiatedBy ?? 'client'}`);
      markClosed();
      this.changed();
    });
    socket.on('error', () => {});
    if (query['v'] !== undefined && query['v'] !== '10') {
      conn.closeInitiatedBy = 'server';
      socket.close(4012, 'Invalid API version');
      return;
    }
    if (query['encoding'] !== undefined && query['encoding'] !== 'json') {
      conn.closeInitiatedBy = 'server';
      socket.close(4002, 'Only JSON encoding is supported by the stand-in');
      return;
    }
    if (query['compress'] !== undefined) {
      conn.closeInitiatedBy = 'server';
      socket.close(4002, 'Transport compression is not supported by the stand-in');
      return;
    }
    this.send(conn, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.opts.heartbeatIntervalMs }, s: null, t: null });
    this.changed();
  }

  private onGatewayMessage(conn: Conn, data: RawData, isBinary: boolean): void {
    let payload: unknown;
    try {
      if (isBinary) throw new Error('binary');
      payload = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8'));
    } catch {
      this.serverClose(conn, 4002, 'Error while decoding payload.');
      return;
    }
    if (!isObj(payload) || typeof payload['op'] !== 'number') {
      this.serverClose(conn, 4002, 'Error while decoding payload.');
      return;
    }
    const op = payload['op'];
    const d = payload['d'];
    this.gatewayReceived.push({ connection: conn.id, op, d, at: Date.now() });
    this.log(`gateway #${conn.id} ← op ${op}`);
    switch (op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeats++;
        this.send(conn, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        break;
      case GatewayOpcodes.Identify:
        this.onIdentify(conn, d);
        break;
      case GatewayOpcodes.Resume:
        this.onResume(conn, d);
        break;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!conn.session) this.serverClose(conn, 4003, 'Not authenticated.');
        break;
      default:
        this.serverClose(conn, 4001, 'Unknown opcode.');
    }
    this.changed();
  }

  private onIdentify(conn: Conn, d: unknown): void {
    if (conn.session) {
      this.serverClose(conn, 4005, 'Already authenticated.');
      return;
    }
    if (!isObj(d) || typeof d['token'] !== 'string') {
      this.serverClose(conn, 4002, 'Error while decoding payload.');
      return;
    }
    const rawShard = d['shard'];
    const shard: [number, number] =
      Array.isArray(rawShard) && typeof rawShard[0] === 'number' && typeof rawShard[1] === 'number' ? [rawShard[0], rawShard[1]] : [0, 1];
    const intents = typeof d['intents'] === 'number' ? d['intents'] : NaN;
    this.identifies.push({
      connection: conn.id,
      token: d['token'],
      intents,
      shard,
      properties: d['properties'],
      compress: d['compress'] === true,
      largeThreshold: typeof d['large_threshold'] === 'number' ? d['large_threshold'] : undefined,
      presence: d['presence'],
      at: Date.now(),
    });
    if (this.opts.rejectTokens.includes(d['token'].replace(/^Bot\s+/i, ''))) {
      this.serverClose(conn, 4004, 'Authentication failed.');
      return;
    }
    if (shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1]) {
      this.serverClose(conn, 4010, 'Invalid shard.');
      return;
    }
    if (!Number.isInteger(intents) || intents < 0) {
      this.serverClose(conn, 4013, 'Invalid intent(s).');
      return;
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.opts.allowedPrivilegedIntents) !== 0) {
      this.serverClose(conn, 4014, 'Disallowed intent(s).');
      return;
    }
    const session: Session = { id: `standin-session-${conn.id}-${Math.random().toString(36).slice(2)}`, token: d['token'], shard, seq: 0 };
    this.sessions.set(session.id, session);
    conn.session = session;
    const shardGuilds = this.guilds.filter((g) => shardForGuild(g.id, shard[1]) === shard[0]);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...this.botUser, verified: true, mfa_enabled: false, email: null } as APIUser,
      guilds: shardGuilds.map((g): APIUnavailableGuild => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: this.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    conn.ready = true;
    this.dispatchTo(conn, GatewayDispatchEvents.Ready, ready);
    for (const g of shardGuilds) this.dispatchTo(conn, GatewayDispatchEvents.GuildCreate, this.guildData.get(g.id));
  }

  private onResume(conn: Conn, d: unknown): void {
    if (!isObj(d) || typeof d['token'] !== 'string' || typeof d['session_id'] !== 'string') {
      this.serverClose(conn, 4002, 'Error while decoding payload.');
      return;
    }
    const session = this.sessions.get(d['session_id']);
    const accepted = session !== undefined && session.token === d['token'] && !this.opts.rejectTokens.includes(d['token']);
    this.resumes.push({
      connection: conn.id,
      token: d['token'],
      sessionId: d['session_id'],
      seq: typeof d['seq'] === 'number' ? d['seq'] : null,
      accepted,
      at: Date.now(),
    });
    if (!accepted) {
      this.send(conn, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    // One socket per session: an older socket still open for it is replaced.
    for (const other of this.conns) if (other !== conn && other.session === session) other.session = null;
    conn.session = session;
    conn.ready = true;
    this.dispatchTo(conn, GatewayDispatchEvents.Resumed, {});
  }

  private send(conn: Conn, payload: Json): void {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    conn.socket.send(JSON.stringify(payload));
  }

  private dispatchTo(conn: Conn, event: string, data: unknown): void {
    const session = conn.session;
    if (!session) throw new Error('stand-in: dispatch on a socket without a session');
    session.seq++;
    this.log(`gateway #${conn.id} → ${event} s=${session.seq}`);
    this.send(conn, { op: GatewayOpcodes.Dispatch, t: event, s: session.seq, d: data });
  }

  private serverClose(conn: Conn, code: number, reason: string): void {
    conn.closeInitiatedBy ??= 'server';
    conn.socket.close(code, reason);
  }

  private connFor(guildId: string | undefined, shard?: number): Conn {
    const ready = [...this.conns].filter((c) => c.ready && c.session);
    if (ready.length === 0) throw new Error('stand-in: no gateway session is ready (is the client logged in?)');
    const count = ready[0]!.session!.shard[1];
    const wanted = guildId !== undefined ? shardForGuild(guildId, count) : (shard ?? 0);
    const conn = ready.find((c) => c.session!.shard[0] === wanted);
    if (!conn) throw new Error(`stand-in: shard ${wanted} (of ${count}) is not connected`);
    return conn;
  }

  // ───────────────────────────── REST ─────────────────────────────

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = headersOf(req);
    const query = parseQuery(url.searchParams);
    const m = /^\/api(?:\/v(\d+))?(\/.*)?$/.exec(url.pathname);
    // discord.js percent-encodes route parts (@me → %40me); tests and faults see the decoded path.
    const path = (m?.[2] ?? url.pathname)
      .split('/')
      .map((part) => {
        try {
          return decodeURIComponent(part);
        } catch {
          return part;
        }
      })
      .join('/');
    let body: unknown = null;
    let files: UploadedFile[] = [];
    let reply: Reply;
    try {
      const raw = await readBody(req);
      ({ body, files } = await parseBody(raw, headers['content-type']));
      if (!m || (m[1] !== undefined && m[1] !== '10')) reply = { status: 404, body: err.notFound() };
      else reply = this.route(method, path, query, body, files, headers);
    } catch (e) {
      if (e instanceof HttpError) reply = { status: e.status, body: e.body };
      else {
        const message = e instanceof Error ? e.message : String(e);
        reply = { status: 500, body: { message: `stand-in bug: ${message}`, code: 0 } };
      }
    }
    const record: RestRecord = { method, path, query, body, files, headers, status: reply.status, response: reply.body, at: Date.now() };
    this.log(`REST ${method} ${path} → ${reply.status}`);
    const out: Record<string, string> = { ...(reply.headers ?? {}) };
    if (reply.body !== undefined) out['Content-Type'] = 'application/json';
    res.writeHead(reply.status, out);
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    this.requests.push(record);
    this.opts.onRequest?.(record);
    this.changed();
  }

  private route(method: string, path: string, query: Record<string, string>, body: unknown, files: UploadedFile[], headers: Record<string, string>): Reply {
    const faultIndex = this.faults.findIndex((f) => (f.method === '*' || f.method === method) && f.path.test(path));
    if (faultIndex >= 0) {
      const fault = this.faults.splice(faultIndex, 1)[0]!;
      return { status: fault.status, body: fault.body, headers: fault.headers };
    }
    const seg = path.split('/').filter((s) => s.length > 0);
    const is = (...pattern: string[]) => seg.length === pattern.length && pattern.every((p, i) => p === '*' || p === seg[i]);
    const json = (status: number, b: unknown): Reply => ({ status, body: b });
    const b = isObj(body) ? body : {};

    // Routes the client calls without a bot token.
    if (method === 'POST' && is('interactions', '*', '*', 'callback')) return this.interactionCallback(seg[1]!, seg[2]!, b, query, files);
    if (seg[0] === 'webhooks' && seg.length >= 3) return this.webhookRoute(method, seg, b, query, files);
    if (method === 'GET' && is('gateway')) return json(200, { url: this.gatewayUrl });

    const auth = headers['authorization'];
    const token = auth?.startsWith('Bot ') ? auth.slice(4) : undefined;
    if (token === undefined || this.opts.rejectTokens.includes(token)) return json(401, err.unauthorized());

    if (method === 'GET' && is('gateway', 'bot')) {
      return json(200, {
        url: this.gatewayUrl,
        shards: this.opts.shards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: this.opts.maxConcurrency },
      });
    }
    if (method === 'GET' && is('users', '@me')) return json(200, this.botUser);
    if (method === 'GET' && (is('applications', '@me') || is('oauth2', 'applications', '@me'))) return json(200, this.application());

    if (seg[0] === 'applications' && seg[1] !== undefined && seg[1] !== '@me') {
      if (seg[1] !== this.applicationId) return json(403, { message: 'Missing Access', code: 50001 });
      if (seg[2] === 'commands') return this.commandsRoute(method, null, seg.slice(3), body);
      if (seg[2] === 'guilds' && seg[3] !== undefined && seg[4] === 'commands') {
        if (!this.guildData.has(seg[3])) return json(403, { message: 'Missing Access', code: 50001 });
        return this.commandsRoute(method, seg[3], seg.slice(5), body);
      }
    }

    if (seg[0] === 'guilds' && seg[1] !== undefined) {
      const g = this.guildData.get(seg[1]);
      if (!g) return json(404, err.unknownGuild());
      if (method === 'GET' && seg.length === 2) {
        const { channels: _c, threads: _t, members: _m, presences: _p, voice_states: _v, ...rest } = g;
        return json(200, rest);
      }
      if (method === 'GET' && is('guilds', '*', 'channels')) return json(200, g.channels);
    }

    if (seg[0] === 'channels' && seg[1] !== undefined) return this.channelRoute(method, seg, b, files);

    return json(404, err.notFound());
  }

  // ───────── commands ─────────

  private commandsRoute(method: string, guildId: string | null, rest: string[], body: unknown): Reply {
    const list = () => (guildId === null ? this.commands.global : (this.commands.guilds.get(guildId) ?? []));
    const save = (cmds: APIApplicationCommand[]) => {
      if (guildId === null) this.commands.global.splice(0, this.commands.global.length, ...cmds);
      else this.commands.guilds.set(guildId, cmds);
      this.changed();
    };
    const build = (raw: Json, existing: APIApplicationCommand | undefined): APIApplicationCommand => {
      const type = (raw['type'] as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
      const cmd = {
        ...raw,
        id: existing?.id ?? this.snowflake(),
        application_id: this.applicationId,
        version: this.snowflake(),
        type,
        name: str(raw['name']) ?? '',
        description: str(raw['description']) ?? '',
        default_member_permissions: (raw['default_member_permissions'] as string | null | undefined) ?? null,
        nsfw: raw['nsfw'] === true,
        integration_types: (raw['integration_types'] as ApplicationIntegrationType[] | undefined) ?? [ApplicationIntegrationType.GuildInstall],
        contexts: (raw['contexts'] as InteractionContextType[] | null | undefined) ?? null,
      } as APIApplicationCommand;
      if (guildId !== null) cmd.guild_id = guildId;
      return cmd;
    };
    if (rest.length === 0) {
      if (method === 'GET') return { status: 200, body: list() };
      if (method === 'PUT') {
        if (!Array.isArray(body)) throw new HttpError(400, err.invalidForm({ _errors: [{ code: 'LIST_TYPE_CONVERT', message: 'Must be a list.' }] }));
        if (body.length > 100) throw new HttpError(400, err.invalidForm({ _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' }] }));
        body.forEach((c: unknown, i: number) => validateCommand(c, i));
        const keys = new Set<string>();
        for (const c of body as Json[]) {
          const key = `${String(c['type'] ?? 1)}:${String(c['name'])}`;
          if (keys.has(key)) throw new HttpError(400, err.invalidForm(formError([], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`)));
          keys.add(key);
        }
        const old = list();
        const cmds = (body as Json[]).map((c) => build(c, old.find((o) => o.name === c['name'] && o.type === ((c['type'] as number | undefined) ?? 1))));
        save(cmds);
        return { status: 200, body: cmds };
      }
      if (method === 'POST') {
        validateCommand(body, 0);
        const raw = body as Json;
        const old = list();
        const existing = old.find((o) => o.name === raw['name'] && o.type === ((raw['type'] as number | undefined) ?? 1));
        const cmd = build(raw, existing);
        save(existing ? old.map((o) => (o === existing ? cmd : o)) : [...old, cmd]);
        return { status: existing ? 200 : 201, body: cmd };
      }
    } else if (rest.length === 1) {
      const existing = list().find((c) => c.id === rest[0]);
      if (!existing) return { status: 404, body: err.unknownCommand() };
      if (method === 'GET') return { status: 200, body: existing };
      if (method === 'DELETE') {
        save(list().filter((c) => c !== existing));
        return { status: 204 };
      }
      if (method === 'PATCH') {
        const merged = { ...existing, ...(isObj(body) ? body : {}) };
        validateCommand(merged, 0);
        const cmd = build(merged, existing);
        save(list().map((c) => (c === existing ? cmd : c)));
        return { status: 200, body: cmd };
      }
    }
    return { status: 404, body: err.notFound() };
  }

  // ───────── interaction callback ─────────

  private interactionCallback(id: string, token: string, body: Json, query: Record<string, string>, files: UploadedFile[]): Reply {
    const state = this.interactions.get(id);
    if (!state || state.token !== token) return { status: 404, body: err.unknownInteraction() };
    if (state.callbackType !== null) return { status: 400, body: err.alreadyAcknowledged() };
    if (Date.now() - state.createdAt > this.opts.ackDeadlineMs) return { status: 404, body: err.unknownInteraction() };
    const type = body['type'];
    const data = isObj(body['data']) ? body['data'] : undefined;
    const isComponent = state.type === InteractionType.MessageComponent || (state.type === InteractionType.ModalSubmit && state.componentMessageId !== null);
    const allowed: number[] =
      state.type === InteractionType.ApplicationCommandAutocomplete
        ? [InteractionResponseType.ApplicationCommandAutocompleteResult]
        : [
            InteractionResponseType.ChannelMessageWithSource,
            InteractionResponseType.DeferredChannelMessageWithSource,
            ...(isComponent ? [InteractionResponseType.DeferredMessageUpdate, InteractionResponseType.UpdateMessage] : []),
            ...(state.type !== InteractionType.ModalSubmit ? [InteractionResponseType.Modal] : []),
          ];
    if (typeof type !== 'number' || !allowed.includes(type)) {
      throw new HttpError(400, err.invalidForm(formError(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', 'Interaction response type is not valid for this interaction')));
    }
    let message: APIMessage | null = null;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource: {
        validateMessageBody(data ?? {}, ['data'], true, files.length);
        message = this.newMessage({ ...this.messageFields(data ?? {}, files), channelId: state.channelId, interaction: state });
        this.messages.set(message.id, message);
        state.originalMessageId = message.id;
        break;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const flags = (Number(data?.['flags'] ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading;
        message = this.newMessage({ channelId: state.channelId, interaction: state, flags, content: '' });
        this.messages.set(message.id, message);
        state.originalMessageId = message.id;
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate: {
        state.originalMessageId = state.componentMessageId;
        message = state.componentMessageId ? (this.messages.get(state.componentMessageId) ?? null) : null;
        break;
      }
      case InteractionResponseType.UpdateMessage: {
        validateMessageBody(data ?? {}, ['data'], false, files.length);
        const target = state.componentMessageId ? this.messages.get(state.componentMessageId) : undefined;
        if (target) {
          message = this.editMessage(target, data ?? {}, files);
          state.originalMessageId = message.id;
        }
        break;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        const choices = data?.['choices'];
        if (!Array.isArray(choices)) throw new HttpError(400, err.invalidForm(formError(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required')));
        if (choices.length > 25) throw new HttpError(400, err.invalidForm(formError(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.')));
        choices.forEach((c: unknown, i: number) => {
          if (!isObj(c) || len(c['name']) < 1 || len(c['name']) > 100) {
            throw new HttpError(400, err.invalidForm(formError(['data', 'choices', i, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.')));
          }
          if (typeof c['value'] === 'string' && len(c['value']) > 100) {
            throw new HttpError(400, err.invalidForm(formError(['data', 'choices', i, 'value'], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.')));
          }
        });
        break;
      }
      case InteractionResponseType.Modal: {
        if (!data || len(data['custom_id']) < 1 || len(data['title']) < 1) {
          throw new HttpError(400, err.invalidForm(formError(['data'], 'BASE_TYPE_REQUIRED', 'This field is required')));
        }
        break;
      }
    }
    state.callbackType = type;
    const withResponse = query['with_response'] === 'true';
    this.callbacks.push({ interactionId: id, token, type, data, body, withResponse, files, messageId: message?.id ?? null, at: Date.now() });
    this.changed();
    if (!withResponse) return { status: 204 };
    const interaction: Json = { id, type: state.type };
    if (message) {
      interaction['response_message_id'] = message.id;
      interaction['response_message_loading'] = type === InteractionResponseType.DeferredChannelMessageWithSource;
      interaction['response_message_ephemeral'] = ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
    }
    const resource: Json = { type };
    if (message && type !== InteractionResponseType.DeferredMessageUpdate) resource['message'] = message;
    return { status: 200, body: { interaction, resource } };
  }

  // ───────── webhooks (interaction token) ─────────

  private webhookRoute(method: string, seg: string[], body: Json, query: Record<string, string>, files: UploadedFile[]): Reply {
    const [, appId, token, messagesSeg, messageRef] = seg;
    const state = token !== undefined ? this.interactionsByToken.get(token) : undefined;
    if (appId !== this.applicationId || !state || Date.now() - state.createdAt > INTERACTION_TTL_MS) return { status: 404, body: err.unknownWebhook() };
    if (seg.length === 3 && method === 'POST') {
      if (state.callbackType === null) return { status: 404, body: err.unknownWebhook() };
      validateMessageBody(body, [], true, files.length);
      const message = this.newMessage({ ...this.messageFields(body, files), channelId: query['thread_id'] ?? state.channelId, interaction: state, followUp: true });
      this.messages.set(message.id, message);
      state.followUpIds.push(message.id);
      this.changed();
      return query['wait'] === 'true' ? { status: 200, body: message } : { status: 204 };
    }
    if (seg.length === 5 && messagesSeg === 'messages' && messageRef !== undefined) {
      const id = messageRef === '@original' ? state.originalMessageId : messageRef;
      const message = id !== null && (id === state.originalMessageId || state.followUpIds.includes(id)) ? this.messages.get(id) : undefined;
      if (!message) return { status: 404, body: err.unknownMessage() };
      if (method === 'GET') return { status: 200, body: message };
      if (method === 'PATCH') {
        const edited = this.editMessage(message, body, files);
        return { status: 200, body: edited };
      }
      if (method === 'DELETE') {
        this.deleteMessage(message.id);
        return { status: 204 };
      }
    }
    return { status: 404, body: err.notFound() };
  }

  // ───────── channels, messages, threads ─────────

  private channelRoute(method: string, seg: string[], body: Json, files: UploadedFile[]): Reply {
    const channel = this.channels.get(seg[1]!);
    if (!channel) return { status: 404, body: err.unknownChannel() };
    if (seg.length === 2 && method === 'GET') return { status: 200, body: channel };
    if (seg[2] === 'messages' && seg.length === 3 && method === 'POST') {
      validateMessageBody(body, [], true, files.length);
      const ref = isObj(body['message_reference']) ? body['message_reference'] : undefined;
      const message = this.newMessage({ ...this.messageFields(body, files), channelId: channel.id, type: ref ? MessageType.Reply : MessageType.Default });
      if (ref && typeof ref['message_id'] === 'string') {
        message.message_reference = { message_id: ref['message_id'], channel_id: channel.id, guild_id: this.guildOfChannel(channel.id) };
        message.referenced_message = this.messages.get(ref['message_id']) ?? null;
      }
      this.messages.set(message.id, message);
      this.changed();
      return { status: 200, body: message };
    }
    if (seg[2] === 'messages' && seg[3] !== undefined) {
      const message = this.messages.get(seg[3]);
      if (!message || message.channel_id !== channel.id) return { status: 404, body: err.unknownMessage() };
      if (seg.length === 4) {
        if (method === 'GET') return { status: 200, body: message };
        if (method === 'PATCH') {
          if (message.author.id !== this.botUserId) return { status: 403, body: { message: 'Cannot edit a message authored by another user', code: 50005 } };
          return { status: 200, body: this.editMessage(message, body, files) };
        }
        if (method === 'DELETE') {
          this.deleteMessage(message.id);
          return { status: 204 };
        }
      }
      if (seg.length === 5 && seg[4] === 'threads' && method === 'POST') {
        if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) return { status: 400, body: err.wrongChannelType() };
        if (message.thread) return { status: 400, body: err.threadExists() };
        const thread = this.createThread(channel, body, message.id, channel.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread);
        message.thread = thread;
        // As Discord does: later copies of the message (e.g. in a button press) say it has a thread.
        message.flags = (message.flags ?? 0) | MessageFlags.HasThread;
        return { status: 201, body: thread };
      }
    }
    if (seg[2] === 'threads' && seg.length === 3 && method === 'POST') {
      if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) return { status: 400, body: err.wrongChannelType() };
      const type = body['type'] === ChannelType.PublicThread || body['type'] === ChannelType.AnnouncementThread ? body['type'] : ChannelType.PrivateThread;
      return { status: 201, body: this.createThread(channel, body, this.snowflake(), type) };
    }
    return { status: 404, body: err.notFound() };
  }

  private createThread(parent: APIChannel, body: Json, id: string, type: ChannelType.PublicThread | ChannelType.PrivateThread | ChannelType.AnnouncementThread): APIThreadChannel {
    const name = str(body['name']) ?? '';
    if (len(name) < 1 || len(name) > 100) throw new HttpError(400, err.invalidForm(formError(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.')));
    const archive = body['auto_archive_duration'];
    const autoArchive = archive === 60 || archive === 1440 || archive === 4320 || archive === 10080 ? archive : ThreadAutoArchiveDuration.OneDay;
    const guildId = this.guildOfChannel(parent.id);
    const now = new Date().toISOString();
    const thread = {
      id,
      type,
      guild_id: guildId,
      parent_id: parent.id,
      name,
      owner_id: this.botUserId,
      last_message_id: null,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      rate_limit_per_user: typeof body['rate_limit_per_user'] === 'number' ? body['rate_limit_per_user'] : 0,
      flags: 0,
      thread_metadata: { archived: false, auto_archive_duration: autoArchive, archive_timestamp: now, locked: false, create_timestamp: now, ...(type === ChannelType.PrivateThread ? { invitable: body['invitable'] !== false } : {}) },
      member: { id, user_id: this.botUserId, join_timestamp: now, flags: 0 },
      applied_tags: [],
    } as unknown as APIThreadChannel;
    this.channels.set(id, thread);
    this.threads.push(thread);
    try {
      this.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true }, { guildId });
    } catch {
      // no gateway session: REST alone still works
    }
    this.changed();
    return thread;
  }

  // ───────── message store ─────────

  private messageFields(body: Json, files: UploadedFile[]): { content: string; embeds: APIEmbed[]; components: APIMessageTopLevelComponent[]; flags: number; attachments: APIAttachment[] } {
    return {
      content: str(body['content']) ?? '',
      embeds: Array.isArray(body['embeds']) ? (body['embeds'] as APIEmbed[]) : [],
      components: Array.isArray(body['components']) ? (body['components'] as APIMessageTopLevelComponent[]) : [],
      flags: typeof body['flags'] === 'number' ? body['flags'] : 0,
      attachments: this.attachmentsFrom(body, files),
    };
  }

  private attachmentsFrom(body: Json, files: UploadedFile[]): APIAttachment[] {
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

  private newMessage(init: {
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
  }): APIMessage {
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
        authorizing_integration_owners: it.guildId ? { [ApplicationIntegrationType.GuildInstall]: it.guildId } : { [ApplicationIntegrationType.UserInstall]: it.user.id },
        ...(init.followUp && it.originalMessageId ? { original_response_message_id: it.originalMessageId } : {}),
      } as APIMessage['interaction_metadata'];
    }
    return message;
  }

  private editMessage(message: APIMessage, body: Json, files: UploadedFile[]): APIMessage {
    const next: APIMessage = { ...message };
    if ('content' in body) next.content = str(body['content']) ?? '';
    if ('embeds' in body) next.embeds = Array.isArray(body['embeds']) ? (body['embeds'] as APIEmbed[]) : [];
    if ('components' in body) next.components = Array.isArray(body['components']) ? (body['components'] as APIMessageTopLevelComponent[]) : [];
    if ('flags' in body && typeof body['flags'] === 'number') next.flags = ((message.flags ?? 0) & MessageFlags.Ephemeral) | body['flags'];
    if ('attachments' in body || files.length > 0) {
      const keep = Array.isArray(body['attachments'])
        ? message.attachments.filter((a) => (body['attachments'] as unknown[]).some((x) => isObj(x) && x['id'] === a.id))
        : message.attachments;
      next.attachments = [...keep, ...this.attachmentsFrom({}, files)];
    }
    next.flags = (next.flags ?? 0) & ~MessageFlags.Loading;
    validateMessageBody({ content: next.content, embeds: next.embeds, components: next.components, flags: next.flags }, [], true, next.attachments.length);
    next.edited_timestamp = new Date().toISOString();
    this.messages.set(next.id, next);
    this.changed();
    return next;
  }

  private deleteMessage(id: string): void {
    this.messages.delete(id);
    this.deletedMessageIds.push(id);
    this.changed();
  }

  // ───────── fixtures ─────────

  private application(): APIApplication {
    return {
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: 'Stand-in application',
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      team: null,
      flags: 0,
      flags_new: '0',
      bot: this.botUser,
      summary: '',
      owner: { ...this.defaultUser },
      approximate_guild_count: this.guilds.length,
    } as unknown as APIApplication;
  }

  private buildGuild(info: GuildInfo, channelName: string): GatewayGuildCreateDispatchData {
    const everyone: APIRole = {
      id: info.id,
      name: '@everyone',
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      position: 0,
      permissions: String(DEFAULT_MEMBER_PERMISSIONS),
      managed: false,
      mentionable: false,
      flags: 0 as RoleFlags,
    };
    const text: APITextChannel = {
      id: info.textChannelId,
      type: ChannelType.GuildText,
      guild_id: info.id,
      name: channelName,
      position: 0,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      default_auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
      flags: 0 as ChannelFlags,
    };
    this.channels.set(text.id, text);
    const joined = new Date(Number(FIXED_MS + DISCORD_EPOCH)).toISOString();
    const botMember: APIGuildMember = {
      user: this.botUser,
      roles: [],
      joined_at: joined,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      nick: null,
      avatar: null,
      premium_since: null,
      pending: false,
    };
    const guild: APIGuild = {
      id: info.id,
      name: info.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.defaultUser.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: GuildVerificationLevel.None,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.Disabled,
      roles: [everyone],
      emojis: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: GuildPremiumTier.None,
      preferred_locale: Locale.EnglishUS,
      public_updates_channel_id: null,
      nsfw_level: GuildNSFWLevel.Default,
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
      stickers: [],
      max_members: 500000,
    };
    return {
      ...guild,
      joined_at: joined,
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [botMember],
      channels: [text],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ───────── helpers ─────────

  private guildInfo(guildId: string | undefined): GuildInfo {
    const g = guildId === undefined ? this.guilds[0] : this.guilds.find((x) => x.id === guildId);
    if (!g) throw new Error(`stand-in: unknown guild ${guildId ?? '(none configured)'}`);
    return g;
  }

  private guildOfChannel(channelId: string): string | undefined {
    const c = this.channels.get(channelId);
    return c && 'guild_id' in c ? c.guild_id : undefined;
  }

  private commandId(name: string, type: ApplicationCommandType, guildId: string | undefined): string {
    const g = guildId ?? this.guilds[0]?.id;
    const found = (g ? this.commands.guilds.get(g) : undefined)?.find((c) => c.name === name && c.type === type) ?? this.commands.global.find((c) => c.name === name && c.type === type);
    return found?.id ?? fixedId(5000, Math.abs([...name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, type)) % 4096);
  }

  private guildIdIfGuildCommand(name: string, guildId: string | undefined): Json {
    const g = guildId ?? this.guilds[0]?.id;
    return g && this.commands.guilds.get(g)?.some((c) => c.name === name) ? { guild_id: g } : {};
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

  private changed(): void {
    this.events.emit('change');
  }

  private log(line: string): void {
    if (this.opts.log) process.stderr.write(`[stand-in] ${line}\n`);
  }
}

/**
 * Client `ws` options that skip discord.js's identify throttle (it waits ~5–6.5 s before a shard may identify
 * again in the same max_concurrency bucket), for tests that make the client re-identify:
 * `new Client({ ..., ws: noIdentifyThrottle })`.
 */
export const noIdentifyThrottle = {
  buildIdentifyThrottler: () => ({ waitForIdentify: async (): Promise<void> => {} }),
};

/** Starts the stand-in on 127.0.0.1 with an ephemeral port. Call close() when done. */
export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const server = createServer();
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 1000;
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return new StandIn(server, wss, port, options);
}
