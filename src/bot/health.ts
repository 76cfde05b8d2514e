import { Status, type Client } from 'discord.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The health endpoint while it listens. */
export interface HealthServer {
  /** The port it listens on (the one asked for, or the one the system chose for 0). */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /healthz` on `port` (all interfaces), for a container's health check or a load
 * balancer: 200 while `isReady()` says the bot can answer, 503 otherwise (logging in, reconnecting
 * to the gateway, stopping). Anything else is 404. The body is one word, for people reading it.
 */
export async function startHealthServer(port: number, isReady: () => boolean): Promise<HealthServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://health.invalid').pathname;
    if (path !== '/healthz' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const ready = isReady();
    res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end(ready ? 'ready\n' : 'not ready\n');
  });
  // A probe that keeps its connection open must not hold up the bot's stop.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Whether the client is logged in and every shard's gateway connection is ready (not connecting, resuming or gone). */
export function gatewayReady(client: Client): boolean {
  return client.isReady() && client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready);
}
