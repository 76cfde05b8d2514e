import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Result {
  sent: number;
  answered: number;
  answeredTwice: number;
  expired: number;
  lost: number;
  p99Ms: number | null;
}
interface Report {
  burst: { result: Result; cost: Record<string, number | null> };
  rates: { rate: number; seconds: number; result: Result }[];
  highestRateUnderGoal: number | null;
}

describe('npm run load', () => {
  // Speed is never asserted: only that the run completes and accounts for every interaction. The stand-in's
  // 3 s acknowledgement deadline is off, so a slow machine cannot turn a late answer into a missing one.
  it('drives the bot as a child process and prints one JSON document with every burst interaction answered once', () => {
    const out = spawnSync(
      process.execPath,
      [join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'bench/load.ts', '--quick', '--json', '--no-ack-deadline'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(out.status, out.stderr).toBe(0);
    const report = JSON.parse(out.stdout) as Report;

    const burst = report.burst.result;
    expect(burst.sent).toBe(200);
    expect(burst.answered).toBe(200);
    expect(burst.answeredTwice).toBe(0);
    expect(burst.lost).toBe(0);
    expect(burst.expired).toBe(0);

    expect(report.rates.map((r) => [r.rate, r.seconds, r.result.sent])).toEqual([
      [100, 2, 200],
      [200, 2, 400],
    ]);
    for (const r of report.rates) expect(r.result.answeredTwice).toBe(0);
    expect(report.highestRateUnderGoal === null || typeof report.highestRateUnderGoal === 'number').toBe(true);
  }, 120_000);
});
