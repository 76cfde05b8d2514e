// The gateway half of the stand-in: Gateway v10 over WebSocket (JSON, no compression). HELLO, heartbeats,
// IDENTIFY → READY + GUILD_CREATE per shard, RESUME, and the close codes Discord uses for each mistake.
// To send the client a new kind of event (e.g. MESSAGE_CREATE), build its payload elsewhere and call
// dispatch(event, data, { guildId }): the shard owning the guild gets it.
import { GatewayDispatchEvents, GatewayOpcodes } from 'discord-api-types/v10';
import type { APIUnavailableGuild, ApplicationFlags, GatewayReadyDispatchData } from 'discord-api-types/v10';
import type { RawData, WebSocket } from 'ws';
import { PRIVILEGED_INTENTS, isObj, shardForGuild } from './rules.ts';
import type { Json } from './rules.ts';
import type { StandInState } from './state.ts';

export interface Session {
  id: string;
  token: string;
  shard: [number, number];
  seq: number;
}

/** One gateway socket. */
export interface Conn {
  id: number;
  socket: WebSocket;
  query: Record<string, string>;
  session: Session | null;
  ready: boolean;
  closeInitiatedBy: 'client' | 'server' | null;
  closed: Promise<void>;
}

/** Discord's identify window: max_concurrency identifies per this many ms. */
const IDENTIFY_WINDOW_MS = 5_000;

/** The opcode a payload names, undefined when Discord has no such opcode. */
const opcode = (op: number): GatewayOpcodes | undefined => (op in GatewayOpcodes ? op : undefined);

export class Gateway {
  /** Open sockets. */
  readonly conns = new Set<Conn>();
  /** Sessions a client may resume, by id. */
  readonly sessions = new Map<string, Session>();
  private connSeq = 0;
  /** When each identify bucket last let an IDENTIFY through (enforceIdentifyLimit). */
  private readonly lastIdentify = new Map<number, number>();
  /** IDENTIFY and RESUME answers held back by a fault, given on release; null when not holding. */
  private held: (() => void)[] | null = null;

  constructor(private readonly state: StandInState) {}

  /** Number of gateway sockets open right now. */
  get openConnections(): number {
    return this.conns.size;
  }

  /** Shard ids with a READY (or RESUMED) session on an open socket. */
  get readyShards(): number[] {
    return [...this.conns]
      .filter((c) => c.ready && c.session)
      .map((c) => c.session!.shard[0])
      .sort((a, b) => a - b);
  }

  /** Dispatches any event to the shard owning guildId (or to `shard`, default 0). Returns the shard used. */
  dispatch(event: string, data: unknown, target: { guildId?: string | undefined; shard?: number | undefined } = {}): number {
    const conn = this.connFor(target.guildId, target.shard);
    this.dispatchTo(conn, event, data);
    return conn.session!.shard[0];
  }

  /** From now on, IDENTIFY and RESUME get no answer (no READY, no RESUMED) until releaseSessions(). */
  holdSessions(): void {
    this.held ??= [];
  }

  /** Answers the IDENTIFY and RESUME payloads held back, in order, and stops holding. */
  releaseSessions(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const answer of held) answer();
    this.state.changed();
  }

  private answerSession(answer: () => void): void {
    if (this.held) this.held.push(answer);
    else answer();
  }

  /** Ends every socket at once (the stand-in is closing). */
  terminateAll(): void {
    for (const c of this.conns) c.socket.terminate();
  }

  /** Takes a new gateway socket: checks its query, says HELLO, then handles what the client sends. */
  accept(socket: WebSocket, query: Record<string, string>): void {
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
    this.state.connections++;
    this.conns.add(conn);
    this.state.log(`gateway #${conn.id} connected ?${new URLSearchParams(query).toString()}`);
    socket.on('message', (data: RawData, isBinary: boolean) => this.onGatewayMessage(conn, data, isBinary));
    socket.on('close', (code: number, reason: Buffer) => {
      this.conns.delete(conn);
      conn.ready = false;
      this.state.closes.push({
        connection: conn.id,
        code,
        reason: reason.toString('utf8'),
        shard: conn.session?.shard ?? null,
        initiatedBy: conn.closeInitiatedBy ?? 'client',
        at: Date.now(),
      });
      this.state.log(`gateway #${conn.id} closed ${code} by ${conn.closeInitiatedBy ?? 'client'}`);
      markClosed();
      this.state.changed();
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
    this.send(conn, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.state.opts.heartbeatIntervalMs }, s: null, t: null });
    this.state.changed();
  }

  private onGatewayMessage(conn: Conn, data: RawData, isBinary: boolean): void {
    let payload: unknown;
    try {
      if (isBinary) throw new Error('binary');
      payload = JSON.parse(
        Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Array.isArray(data)
            ? Buffer.concat(data).toString('utf8')
            : Buffer.from(data).toString('utf8'),
      );
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
    this.state.gatewayReceived.push({ connection: conn.id, op, d, at: Date.now() });
    this.state.log(`gateway #${conn.id} ← op ${op}`);
    switch (opcode(op)) {
      case GatewayOpcodes.Heartbeat:
        this.state.heartbeats++;
        this.send(conn, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        break;
      case GatewayOpcodes.Identify:
        this.answerSession(() => this.onIdentify(conn, d));
        break;
      case GatewayOpcodes.Resume:
        this.answerSession(() => this.onResume(conn, d));
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
    this.state.changed();
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
    const tooSoon = this.identifyTooSoon(shard[0]);
    this.state.identifies.push({
      connection: conn.id,
      token: d['token'],
      intents,
      shard,
      properties: d['properties'],
      compress: d['compress'] === true,
      largeThreshold: typeof d['large_threshold'] === 'number' ? d['large_threshold'] : undefined,
      presence: d['presence'],
      at: Date.now(),
      tooSoon,
    });
    if (tooSoon) {
      this.send(conn, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (this.state.opts.rejectTokens.includes(d['token'].replace(/^Bot\s+/i, ''))) {
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
    if ((intents & PRIVILEGED_INTENTS & ~this.state.opts.allowedPrivilegedIntents) !== 0) {
      this.serverClose(conn, 4014, 'Disallowed intent(s).');
      return;
    }
    const session: Session = { id: `standin-session-${conn.id}-${Math.random().toString(36).slice(2)}`, token: d['token'], shard, seq: 0 };
    this.sessions.set(session.id, session);
    conn.session = session;
    const shardGuilds = this.state.guilds.filter((g) => shardForGuild(g.id, shard[1]) === shard[0]);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...this.state.botUser, verified: true, mfa_enabled: false, email: null },
      guilds: shardGuilds.map((g): APIUnavailableGuild => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.state.gatewayUrl,
      shard,
      application: { id: this.state.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    conn.ready = true;
    this.dispatchTo(conn, GatewayDispatchEvents.Ready, ready);
    for (const g of shardGuilds) this.dispatchTo(conn, GatewayDispatchEvents.GuildCreate, this.state.guildData.get(g.id));
  }

  /**
   * Whether an IDENTIFY for this shard breaks Discord's limit (enforceIdentifyLimit): max_concurrency
   * identifies per 5 s, one in each bucket (shard id % max_concurrency), across every connection.
   */
  private identifyTooSoon(shardId: number): boolean {
    if (!this.state.opts.enforceIdentifyLimit) return false;
    const bucket = shardId % this.state.opts.maxConcurrency;
    const now = Date.now();
    if (now - (this.lastIdentify.get(bucket) ?? -Infinity) < IDENTIFY_WINDOW_MS) return true;
    this.lastIdentify.set(bucket, now);
    return false;
  }

  private onResume(conn: Conn, d: unknown): void {
    if (!isObj(d) || typeof d['token'] !== 'string' || typeof d['session_id'] !== 'string') {
      this.serverClose(conn, 4002, 'Error while decoding payload.');
      return;
    }
    const session = this.sessions.get(d['session_id']);
    const accepted = session !== undefined && session.token === d['token'] && !this.state.opts.rejectTokens.includes(d['token']);
    this.state.resumes.push({
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

  send(conn: Conn, payload: Json): void {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    conn.socket.send(JSON.stringify(payload));
  }

  dispatchTo(conn: Conn, event: string, data: unknown): void {
    const session = conn.session;
    if (!session) throw new Error('stand-in: dispatch on a socket without a session');
    session.seq++;
    this.state.log(`gateway #${conn.id} → ${event} s=${session.seq}`);
    this.send(conn, { op: GatewayOpcodes.Dispatch, t: event, s: session.seq, d: data });
  }

  private serverClose(conn: Conn, code: number, reason: string): void {
    conn.closeInitiatedBy ??= 'server';
    conn.socket.close(code, reason);
  }

  /** The ready socket of the shard owning guildId (or of `shard`, default 0); throws if none. */
  connFor(guildId: string | undefined, shard?: number): Conn {
    const ready = [...this.conns].filter((c) => c.ready && c.session);
    if (ready.length === 0) throw new Error('stand-in: no gateway session is ready (is the client logged in?)');
    const count = ready[0]!.session!.shard[1];
    const wanted = guildId !== undefined ? shardForGuild(guildId, count) : (shard ?? 0);
    const conn = ready.find((c) => c.session!.shard[0] === wanted);
    if (!conn) throw new Error(`stand-in: shard ${wanted} (of ${count}) is not connected`);
    return conn;
  }
}
