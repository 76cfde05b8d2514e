// HEALTH_PORT: GET /healthz answers 200 while the bot's gateway is ready and 503 while it is not,
// with the real client against the stand-in holding back READY and RESUMED to make "not ready" last.
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.ts';
import { startBot, type RunningBot } from '../../src/bot/start.ts';
import { realIndex } from '../support/corpus.ts';
import { noIdentifyThrottle, startStandIn, type StandIn } from '../support/discord-standin.ts';
import { healthStatus, TOKEN, waitForHealth, type LogLine } from './harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** The bot logging in to a stand-in that holds back READY, with its health endpoint on a port the system picks. */
async function startHeld(env: Record<string, string> = { HEALTH_PORT: '0' }) {
  const standIn = await startStandIn();
  cleanups.push(() => standIn.close());
  standIn.holdSessions();
  const config = readConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, COOLDOWN_SECONDS: '0', ...env });
  if (!config.ok) throw new Error(config.error.join('; '));
  const logs: LogLine[] = [];
  const starting = startBot(config.value, realIndex(), {
    writeLog: (line) => logs.push(JSON.parse(line) as LogLine),
    clientOptions: { ws: noIdentifyThrottle },
  });
  let bot: RunningBot | undefined;
  cleanups.push(async () => {
    standIn.releaseSessions();
    await (bot ?? (await starting)).stop();
  });
  void starting.then((b) => (bot = b));
  return { standIn, starting, logs };
}

async function listeningPort(standIn: StandIn, logs: LogLine[]): Promise<number> {
  const line = await standIn.waitFor(() => logs.find((l) => l.event === 'health endpoint listening'), 5000, 'the health endpoint');
  return line['port'] as number;
}

describe('GET /healthz', () => {
  it('answers 503 while the bot is logging in and 200 once the gateway is ready', async () => {
    const { standIn, starting, logs } = await startHeld();
    const port = await listeningPort(standIn, logs);
    await standIn.waitFor(() => standIn.gatewayReceived.some((p) => p.op === 2), 5000, 'an IDENTIFY');
    expect(await healthStatus(port)).toBe(503);
    standIn.releaseSessions();
    await starting;
    await waitForHealth(port, 200);
  });

  it('answers 503 while the gateway reconnects, 200 again once the session is resumed, and nothing after stop', async () => {
    const { standIn, starting, logs } = await startHeld();
    const port = await listeningPort(standIn, logs);
    standIn.releaseSessions();
    const bot = await starting;
    await waitForHealth(port, 200);

    standIn.holdSessions();
    await standIn.closeGateway(4000, 'resumable');
    await standIn.waitFor(() => standIn.gatewayReceived.some((p) => p.op === 6), 5000, 'a RESUME');
    expect(await healthStatus(port)).toBe(503);
    standIn.releaseSessions();
    await waitForHealth(port, 200);
    expect(standIn.resumes.at(-1)?.accepted).toBe(true);

    await bot.stop();
    expect(await healthStatus(port)).toBe('ECONNREFUSED');
  });

  it('is not served without HEALTH_PORT', async () => {
    const { standIn, starting, logs } = await startHeld({});
    standIn.releaseSessions();
    await starting;
    await standIn.waitFor(() => logs.some((l) => l.event === 'ready'), 5000, 'ready');
    expect(logs.some((l) => l.event === 'health endpoint listening')).toBe(false);
  });
});
