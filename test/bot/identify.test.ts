import { describe, expect, it } from 'vitest';
import { sharedIdentify } from '../../src/bot/identify.ts';
import { createLogger } from '../../src/bot/log.ts';

type Manager = Parameters<ReturnType<typeof sharedIdentify>['build']>[0];

/** What the throttler asks of discord.js's gateway manager: GET /gateway/bot's session start limit. */
const manager = (maxConcurrency: number) =>
  ({
    fetchGatewayInformation: () => Promise.resolve({ session_start_limit: { max_concurrency: maxConcurrency } }),
  }) as unknown as Manager;

describe('sharedIdentify', () => {
  it('lets identifies go, with one warning, when PostgreSQL cannot be reached', async () => {
    const lines: string[] = [];
    // Port 1 on this machine: nothing listens, the connection is refused at once.
    const identify = sharedIdentify(
      'postgres://citebot@127.0.0.1:1/citebot',
      createLogger('info', [], (l) => lines.push(l)),
    );
    const throttler = await identify.build(manager(16));
    const signal = new AbortController().signal;
    await throttler.waitForIdentify(0, signal);
    await throttler.waitForIdentify(1, signal);
    await identify.close();
    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['level'] === 'warn');
    expect(warnings).toEqual([expect.objectContaining({ event: 'identify lock unavailable', code: 'ECONNREFUSED' })]);
  });
});
