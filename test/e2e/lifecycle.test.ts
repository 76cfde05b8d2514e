// `npm start` with a token, as a child process against the stand-in: how it logs in, says it is
// ready, answers, stops on SIGTERM, and what it does with a token Discord rejects.
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandIn } from '../support/discord-standin.ts';
import type { StandIn, StandInOptions } from '../support/discord-standin.ts';
import { jsonLines, runScript, TOKEN, type Child } from './harness.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function standInFor(options: StandInOptions = {}): Promise<StandIn> {
  const standIn = await startStandIn(options);
  cleanups.push(() => standIn.close());
  return standIn;
}

function npmStart(standIn: StandIn, env: Record<string, string> = {}): Child {
  const child = runScript('src/main.ts', { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, ...env });
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await child.exited;
  });
  return child;
}

/** Guilds and Guild Messages: no privileged intent (conversation.test.ts checks each IDENTIFY too). */
const INTENTS = (1 << 0) | (1 << 9);

describe('npm start with a token', () => {
  it('logs in with the Guilds and Guild Messages intents only, says it is ready once, answers, and stops cleanly on SIGTERM', async () => {
    const standIn = await standInFor();
    const child = npmStart(standIn);
    await child.waitForOutput((out) => out.includes('"event":"ready"'));

    expect(standIn.identifies.map((i) => i.intents)).toEqual([INTENTS]);
    const ready = jsonLines(child.stdout()).filter((l) => l.event === 'ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({
      level: 'info',
      user: 'citebot',
      guilds: 1,
      articles: 2,
      passages: expect.any(Number) as unknown,
      startupMs: expect.any(Number) as unknown,
    });
    expect(ready[0]!['passages']).toBeGreaterThan(10);

    const sent = standIn.slashCommand('help');
    const callback = await standIn.waitForCallback(sent.id, 3000);
    expect(callback.type).toBe(4);

    child.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(standIn.closes.map((c) => [c.code, c.initiatedBy])).toEqual([[1000, 'client']]);
    expect(child.stdout() + child.stderr()).not.toContain(TOKEN);
  });

  it('says which health port it cannot listen on and exits with 1 before it logs in', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    cleanups.push(() => new Promise((resolve) => taken.close(resolve)));
    const { port } = taken.address() as AddressInfo;
    const standIn = await standInFor();
    const child = npmStart(standIn, { HEALTH_PORT: String(port) });
    const exit = await child.exited;

    expect(exit.code).toBe(1);
    expect(child.stderr()).toContain(`citebot: cannot serve the health check on port ${port} (EADDRINUSE); check HEALTH_PORT.`);
    expect(standIn.identifies).toHaveLength(0);
  });

  it('says once that Discord rejected the token and exits with 1 when REST refuses it', async () => {
    const standIn = await standInFor({ rejectTokens: [TOKEN] });
    const child = npmStart(standIn);
    const exit = await child.exited;

    expect(exit.code).toBe(1);
    const said = (child.stdout() + child.stderr()).split('\n').filter((l) => l.includes('Discord rejected the token'));
    expect(said).toHaveLength(1);
    expect(standIn.requests.filter((r) => r.path === '/gateway/bot')).toHaveLength(1);
    expect(standIn.identifies).toHaveLength(0);
    expect(child.stdout() + child.stderr()).not.toContain(TOKEN);
  });

  it('says once that Discord rejected the token and exits with 1 when the gateway closes with 4004', async () => {
    const standIn = await standInFor({ rejectTokens: [TOKEN] });
    // REST lets the token through this once; the gateway's IDENTIFY is what refuses it.
    standIn.failNext('GET', '/gateway/bot', 200, {
      url: standIn.gatewayUrl,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
    });
    const child = npmStart(standIn);
    const exit = await child.exited;

    expect(exit.code).toBe(1);
    expect(standIn.closes.map((c) => c.code)).toEqual([4004]);
    expect(standIn.identifies).toHaveLength(1);
    const said = (child.stdout() + child.stderr()).split('\n').filter((l) => l.includes('Discord rejected the token'));
    expect(said).toHaveLength(1);
    expect(child.stdout() + child.stderr()).not.toContain(TOKEN);
  });

  it('says once that Discord rejected the token and exits with 1 when the token is refused while it runs', async () => {
    const standIn = await standInFor();
    const child = npmStart(standIn);
    await child.waitForOutput((out) => out.includes('"event":"ready"'));

    await standIn.closeGateway(4004, 'Authentication failed.');
    const exit = await child.exited;

    expect(exit.code).toBe(1);
    expect(standIn.identifies).toHaveLength(1);
    expect(standIn.connections).toBe(1);
    const said = (child.stdout() + child.stderr()).split('\n').filter((l) => l.includes('Discord rejected the token'));
    expect(said).toHaveLength(1);
    expect(child.stdout() + child.stderr()).not.toContain(TOKEN);
  });

  it('says why and exits with 1 when Discord closes the gateway for good for another reason (4011)', async () => {
    const standIn = await standInFor();
    const child = npmStart(standIn);
    await child.waitForOutput((out) => out.includes('"event":"ready"'));

    await standIn.closeGateway(4011, 'Sharding required.');
    const exit = await child.exited;

    expect(exit.code).toBe(1);
    expect(standIn.connections).toBe(1);
    const said = (child.stdout() + child.stderr()).split('\n').filter((l) => l.startsWith('citebot: Discord closed the gateway for good'));
    expect(said).toEqual(['citebot: Discord closed the gateway for good (code 4011: sharding required; set SHARDS=auto); stopping.']);
  });
});
