// The REST half of the stand-in: REST v10 under /api on the shared HTTP server. It parses each request
// (JSON or multipart with files), applies a queued fault if one matches, checks the bot token where
// Discord does, routes to the module for that part of the API, and records request and answer.
// A new route goes in route() below, its handler in its own rest-*.ts module.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from './faults.ts';
import { application } from './fixtures.ts';
import type { Gateway } from './gateway.ts';
import { channelRoute } from './rest-channels.ts';
import { commandsRoute } from './rest-commands.ts';
import { interactionCallback, webhookRoute } from './rest-interactions.ts';
import { HttpError, err, isObj } from './rules.ts';
import type { Json } from './rules.ts';
import type { StandInState } from './state.ts';
import type { RestRecord, UploadedFile } from './types.ts';

/** What a route answers: status, JSON body (none for 204) and extra headers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class Rest {
  constructor(
    private readonly state: StandInState,
    private readonly gateway: Gateway,
    private readonly faults: Faults,
  ) {}

  /** Answers one HTTP request (the server's "request" event), records it and wakes waiters. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
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
    this.state.log(`REST ${method} ${path} → ${reply.status}`);
    const out: Record<string, string> = { ...(reply.headers ?? {}) };
    if (reply.body !== undefined) out['Content-Type'] = 'application/json';
    res.writeHead(reply.status, out);
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    this.state.requests.push(record);
    this.state.opts.onRequest?.(record);
    this.state.changed();
  }

  private route(
    method: string,
    path: string,
    query: Record<string, string>,
    body: unknown,
    files: UploadedFile[],
    headers: Record<string, string>,
  ): Reply {
    const fault = this.faults.takeRestFault(method, path);
    if (fault) return fault;
    const seg = path.split('/').filter((s) => s.length > 0);
    const is = (...pattern: string[]) => seg.length === pattern.length && pattern.every((p, i) => p === '*' || p === seg[i]);
    const json = (status: number, b: unknown): Reply => ({ status, body: b });
    const b = isObj(body) ? body : {};

    // Routes the client calls without a bot token.
    if (method === 'POST' && is('interactions', '*', '*', 'callback'))
      return interactionCallback(this.state, seg[1]!, seg[2]!, b, query, files);
    if (seg[0] === 'webhooks' && seg.length >= 3) return webhookRoute(this.state, method, seg, b, query, files);
    if (method === 'GET' && is('gateway')) return json(200, { url: this.state.gatewayUrl });

    const auth = headers['authorization'];
    const token = auth?.startsWith('Bot ') ? auth.slice(4) : undefined;
    if (token === undefined || this.state.opts.rejectTokens.includes(token)) return json(401, err.unauthorized());

    if (method === 'GET' && is('gateway', 'bot')) {
      return json(200, {
        url: this.state.gatewayUrl,
        shards: this.state.opts.shards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: this.state.opts.maxConcurrency },
      });
    }
    if (method === 'GET' && is('users', '@me')) return json(200, this.state.botUser);
    if (method === 'GET' && (is('applications', '@me') || is('oauth2', 'applications', '@me')))
      return json(200, application(this.state.applicationId, this.state.botUser, this.state.defaultUser, this.state.guilds.length));

    if (seg[0] === 'applications' && seg[1] !== undefined && seg[1] !== '@me') {
      if (seg[1] !== this.state.applicationId) return json(403, { message: 'Missing Access', code: 50001 });
      if (seg[2] === 'commands') return commandsRoute(this.state, method, null, seg.slice(3), body);
      if (seg[2] === 'guilds' && seg[3] !== undefined && seg[4] === 'commands') {
        if (!this.state.guildData.has(seg[3])) return json(403, { message: 'Missing Access', code: 50001 });
        return commandsRoute(this.state, method, seg[3], seg.slice(5), body);
      }
    }

    if (seg[0] === 'guilds' && seg[1] !== undefined) {
      const g = this.state.guildData.get(seg[1]);
      if (!g) return json(404, err.unknownGuild());
      if (method === 'GET' && seg.length === 2) {
        const { channels: _c, threads: _t, members: _m, presences: _p, voice_states: _v, ...rest } = g;
        return json(200, rest);
      }
      if (method === 'GET' && is('guilds', '*', 'channels')) return json(200, g.channels);
    }

    if (seg[0] === 'channels' && seg[1] !== undefined) return channelRoute(this.state, this.gateway, method, seg, b, files);

    return json(404, err.notFound());
  }
}

export function parseQuery(search: URLSearchParams): Record<string, string> {
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
