// Faults a test asks for: the next matching REST call fails with a chosen status (429s with Discord's
// rate-limit headers), and the gateway closes, asks to reconnect or invalidates sessions. Add new kinds
// of fault here, so the REST and gateway modules stay about Discord's normal behaviour.
import { GatewayOpcodes } from 'discord-api-types/v10';
import type { Gateway } from './gateway.ts';
import { isObj } from './rules.ts';
import type { Reply } from './rest.ts';

interface RestFault {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export class Faults {
  private readonly rest: RestFault[] = [];

  constructor(private readonly gateway: Gateway) {}

  /** The reply of the first queued fault matching this call, removed from the queue; undefined if none. */
  takeRestFault(method: string, path: string): Reply | undefined {
    const index = this.rest.findIndex((f) => (f.method === '*' || f.method === method) && f.path.test(path));
    if (index < 0) return undefined;
    const fault = this.rest.splice(index, 1)[0]!;
    return { status: fault.status, body: fault.body, headers: fault.headers };
  }

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
    this.rest.push({
      method: method.toUpperCase(),
      path: typeof path === 'string' ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : path,
      status,
      body: resolvedBody ?? (status >= 500 ? { message: 'Internal Server Error', code: 0 } : { message: `${status}`, code: 0 }),
      headers: resolvedHeaders ?? {},
    });
  }

  /** Closes every gateway socket with `code` (4000 resumable, 4004 auth failed, 4007 invalid seq …); resolves once they are closed. */
  async closeGateway(code: number, reason = ''): Promise<void> {
    const conns = [...this.gateway.conns];
    for (const c of conns) {
      c.closeInitiatedBy ??= 'server';
      c.socket.close(code, reason);
    }
    await Promise.all(
      conns.map((c) => Promise.race([c.closed, new Promise<void>((r) => setTimeout(() => (c.socket.terminate(), r()), 2000).unref())])),
    );
  }

  /** Holds back the gateway's answer to IDENTIFY and RESUME (a slow Discord) until releaseSessions(). */
  holdSessions(): void {
    this.gateway.holdSessions();
  }

  releaseSessions(): void {
    this.gateway.releaseSessions();
  }

  /** Sends op 7 RECONNECT to every socket (the client resumes). */
  requestReconnect(): void {
    for (const c of this.gateway.conns) this.gateway.send(c, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
  }

  /** Sends op 9 INVALID_SESSION (d = resumable) to every socket and forgets the sessions if not resumable. */
  invalidateSessions(resumable = false): void {
    for (const c of this.gateway.conns) {
      if (!resumable && c.session) this.gateway.sessions.delete(c.session.id);
      this.gateway.send(c, { op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
    }
  }
}
