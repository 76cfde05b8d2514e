import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run bench', () => {
  it('runs at its smallest size and prints one well-formed JSON document', () => {
    const out = spawnSync('npx', ['tsx', 'bench/run.ts', '--sizes', '2', '--json'], { encoding: 'utf8', timeout: 120_000 });
    expect(out.status).toBe(0);
    const doc = JSON.parse(out.stdout) as { machine: { cpus: number }; scales: Record<string, number>[] };
    expect(doc.machine.cpus).toBeGreaterThan(0);
    expect(doc.scales).toHaveLength(1);
    const s = doc.scales[0]!;
    expect(s.articles).toBe(2);
    for (const key of [
      'passages',
      'loadMs',
      'buildMs',
      'startCachedMs',
      'rssMB',
      'askP50Ms',
      'askP99Ms',
      'compareP50Ms',
      'rawP50Ms',
      'rawP99Ms',
    ]) {
      expect(typeof s[key], key).toBe('number');
      expect(Number.isFinite(s[key]), key).toBe(true);
    }
  });
});
