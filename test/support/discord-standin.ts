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
//
// The parts, in discord-standin/: state.ts (what it knows and has recorded, the message store, waitFor's
// signal), rest.ts + rest-*.ts (REST routes), gateway.ts (sockets, sessions, dispatch), faults.ts
// (failures a test asks for), interactions.ts (what users do), rules.ts (Discord's checks and errors),
// fixtures.ts (guild and application objects), types.ts (options and records). This class only wires
// them together and is the one thing tests import.
//
// Extending it: a new thing a user does (say, a message mentioning the bot) builds its message with
// state.newMessage/putMessage and sends it with gateway.dispatch(GatewayDispatchEvents.MessageCreate, …,
// { guildId }), in a module beside interactions.ts, with a one-line method here. A new REST route (say,
// files served from the attachment URLs state.attachmentsFrom hands out) is a rest-*.ts module called
// from Rest.route (or from Rest.handle, for paths outside /api). A new failure goes in faults.ts.
import { Attachments } from './discord-standin/attachments.ts';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { APIChannel, APIMessage, APIThreadChannel, APIUser } from 'discord-api-types/v10';
import { Faults } from './discord-standin/faults.ts';
import { Gateway } from './discord-standin/gateway.ts';
import { Interactions } from './discord-standin/interactions.ts';
import { UserMessages, type PostOptions } from './discord-standin/messages.ts';
import { Rest, parseQuery } from './discord-standin/rest.ts';
import { StandInState } from './discord-standin/state.ts';
import type { MessageInit } from './discord-standin/state.ts';
import type {
  CallbackRecord,
  CloseRecord,
  GatewayReceived,
  GuildInfo,
  IdentifyRecord,
  InteractionContextOptions,
  InteractionInit,
  OptionsInit,
  RestRecord,
  ResumeRecord,
  SentInteraction,
  SlashCommandOptions,
  StandInOptions,
  StoredCommands,
} from './discord-standin/types.ts';

export { shardForGuild } from './discord-standin/rules.ts';
export type * from './discord-standin/types.ts';

export class StandIn {
  readonly port: number;
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly botUser: APIUser;
  readonly guilds: GuildInfo[];
  readonly guildIds: string[];

  /** Every REST request, in order of completion. */
  readonly requests: RestRecord[];
  readonly commands: StoredCommands;
  /** Every message the bot created or that a helper put in a channel, by id. Deleted ones are removed. */
  readonly messages: Map<string, APIMessage>;
  readonly deletedMessageIds: string[];
  /** Channels by id (guild text channels and threads). */
  readonly channels: Map<string, APIChannel>;
  readonly threads: APIThreadChannel[];
  readonly callbacks: CallbackRecord[];
  readonly identifies: IdentifyRecord[];
  readonly resumes: ResumeRecord[];
  readonly closes: CloseRecord[];
  readonly gatewayReceived: GatewayReceived[];

  /** Files users attached to commands, served at their urls as Discord's CDN would. */
  readonly attachments: Attachments;

  private readonly state: StandInState;
  private readonly gateway: Gateway;
  private readonly faults: Faults;
  private readonly users: Interactions;
  private readonly posts: UserMessages;
  private closed = false;

  /** Use startStandIn(). */
  constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    port: number,
    options: StandInOptions,
  ) {
    const state = new StandInState(port, options);
    this.state = state;
    this.gateway = new Gateway(state);
    this.faults = new Faults(this.gateway);
    this.users = new Interactions(state, this.gateway);
    this.posts = new UserMessages(state, this.gateway);
    const rest = new Rest(state, this.gateway, this.faults);

    this.port = port;
    this.apiUrl = state.apiUrl;
    this.gatewayUrl = state.gatewayUrl;
    this.applicationId = state.applicationId;
    this.botUserId = state.botUserId;
    this.botUser = state.botUser;
    this.guilds = state.guilds;
    this.guildIds = state.guildIds;
    this.requests = state.requests;
    this.commands = state.commands;
    this.messages = state.messages;
    this.deletedMessageIds = state.deletedMessageIds;
    this.channels = state.channels;
    this.threads = state.threads;
    this.callbacks = state.callbacks;
    this.identifies = state.identifies;
    this.resumes = state.resumes;
    this.closes = state.closes;
    this.gatewayReceived = state.gatewayReceived;

    server.on('connection', () => state.httpConnections++);
    const attachments = new Attachments(state);
    this.attachments = attachments;
    server.on('request', (req, res) => attachments.serve(req, res) || void rest.handle(req, res));
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/api')) {
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => this.gateway.accept(ws, parseQuery(url.searchParams)));
    });
  }

  // ───────── counters ─────────

  /** Heartbeats received (op 1). */
  get heartbeats(): number {
    return this.state.heartbeats;
  }

  /** Gateway connections accepted so far (open or not). */
  get connections(): number {
    return this.state.connections;
  }

  /** TCP connections the HTTP server accepted so far (REST and gateway upgrades). */
  get httpConnections(): number {
    return this.state.httpConnections;
  }

  /** Number of gateway sockets open right now. */
  get openConnections(): number {
    return this.gateway.openConnections;
  }

  /** Shard ids with a READY (or RESUMED) session on an open socket. */
  get readyShards(): number[] {
    return this.gateway.readyShards;
  }

  // ───────── ids and lookups ─────────

  /** A fresh snowflake from the current time (monotonic within this stand-in). */
  snowflake(): string {
    return this.state.snowflake();
  }

  /** The message created by the initial response (type 4/5) or updated by 6/7, for an interaction token. */
  originalFor(interactionToken: string): APIMessage | undefined {
    return this.state.originalFor(interactionToken);
  }

  followUpsFor(interactionToken: string): APIMessage[] {
    return this.state.followUpsFor(interactionToken);
  }

  callbacksFor(interactionId: string): CallbackRecord[] {
    return this.state.callbacksFor(interactionId);
  }

  /** Messages in a channel (or thread), oldest first. */
  messagesIn(channelId: string): APIMessage[] {
    return this.state.messagesIn(channelId);
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
    return this.state.waitFor(check, timeoutMs, what);
  }

  waitForCallback(interactionId: string, timeoutMs = 2000): Promise<CallbackRecord> {
    return this.state.waitForCallback(interactionId, timeoutMs);
  }

  waitForMessage(predicate: (m: APIMessage) => boolean, timeoutMs = 2000): Promise<APIMessage> {
    return this.state.waitForMessage(predicate, timeoutMs);
  }

  waitForRequest(predicate: (r: RestRecord) => boolean, timeoutMs = 2000): Promise<RestRecord> {
    return this.state.waitForRequest(predicate, timeoutMs);
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
    this.faults.failNext(method, path, status, body, headers);
  }

  /** Closes every gateway socket with `code` (4000 resumable, 4004 auth failed, 4007 invalid seq …); resolves once they are closed. */
  closeGateway(code: number, reason = ''): Promise<void> {
    return this.faults.closeGateway(code, reason);
  }

  /** Holds back READY and RESUMED (IDENTIFY and RESUME get no answer) until releaseSessions(). */
  holdSessions(): void {
    this.faults.holdSessions();
  }

  /** Answers what holdSessions() held back, in order. */
  releaseSessions(): void {
    this.faults.releaseSessions();
  }

  /** Sends op 7 RECONNECT to every socket (the client resumes). */
  requestReconnect(): void {
    this.faults.requestReconnect();
  }

  /** Sends op 9 INVALID_SESSION (d = resumable) to every socket and forgets the sessions if not resumable. */
  invalidateSessions(resumable = false): void {
    this.faults.invalidateSessions(resumable);
  }

  /** Dispatches any event to the shard owning guildId (or to `shard`, default 0). Returns the shard used. */
  dispatch(event: string, data: unknown, target: { guildId?: string; shard?: number } = {}): number {
    return this.gateway.dispatch(event, data, target);
  }

  // ───────── what users do ─────────

  /** Builds a full INTERACTION_CREATE payload and dispatches it to the shard owning the guild. */
  sendInteraction(init: InteractionInit): SentInteraction {
    return this.users.sendInteraction(init);
  }

  /** A chat-input command, e.g. slashCommand('ask', { question: 'why?' }). */
  slashCommand(name: string, options: OptionsInit = {}, ctx: SlashCommandOptions = {}): SentInteraction {
    return this.users.slashCommand(name, options, ctx);
  }

  /** An autocomplete request; `focused` names the option being typed (its value is sent as a string). */
  autocomplete(name: string, options: OptionsInit, focused: string, ctx: SlashCommandOptions = {}): SentInteraction {
    return this.users.autocomplete(name, options, focused, ctx);
  }

  /** A message context-menu command on `target` (a stored message, or a partial one that gets stored). */
  messageContextMenu(name: string, target: APIMessage | MessageInit, ctx: InteractionContextOptions = {}): SentInteraction {
    return this.users.messageContextMenu(name, target, ctx);
  }

  /** A button press on `message` (usually one the bot sent: standIn.messages.get(id)). */
  button(customId: string, message: APIMessage, ctx: InteractionContextOptions = {}): SentInteraction {
    return this.users.button(customId, message, ctx);
  }

  /** A string-select choice on `message`. */
  stringSelect(customId: string, values: string[], message: APIMessage, ctx: InteractionContextOptions = {}): SentInteraction {
    return this.users.stringSelect(customId, values, message, ctx);
  }

  /** Puts a message from someone else (default: the test user) into a channel, so the bot can act on it. */
  putMessage(init: APIMessage | MessageInit, channelId: string): APIMessage {
    return this.state.putMessage(init, channelId);
  }

  /** Someone posts a message (default: the test user, in the first text channel): MESSAGE_CREATE as Discord would deliver it to this bot's intents. */
  postMessage(content: string, options: PostOptions = {}): APIMessage {
    return this.posts.post(content, options);
  }

  // ───────── lifecycle ─────────

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.gateway.terminateAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.state.quiet();
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
