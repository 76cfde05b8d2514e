import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/args.ts';

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

  it('refuses an unknown flag with the usage and exit 2, before measuring anything', () => {
    const out = spawnSync('npx', ['tsx', 'bench/run.ts', '--sizez', '100'], { encoding: 'utf8', timeout: 60_000 });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("bench: Unknown option '--sizez'");
    expect(out.stderr).toContain('usage: npm run bench');
    expect(out.stderr).not.toContain('articles…');
  });

  it('prints the usage for --help and exits 0 without running the benchmark', () => {
    const out = spawnSync('npx', ['tsx', 'bench/run.ts', '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('--sizes N,N,…');
    expect(out.stderr).not.toContain('articles…');
  });
});

describe('parseBenchArgs', () => {
  it('reads the sizes, including the 100,000-article row', () => {
    expect(parseBenchArgs(['--sizes', '1000,100000', '--json'])).toEqual({
      ok: true,
      value: { quick: false, json: true, reload: false, tenants: false, sizes: [1000, 100000] },
    });
  });

  it('leaves the sizes to each benchmark when none are given', () => {
    expect(parseBenchArgs(['--quick'])).toEqual({
      ok: true,
      value: { quick: true, json: false, reload: false, tenants: false, sizes: undefined },
    });
  });

  it('names a size that is not a number of articles', () => {
    expect(parseBenchArgs(['--sizes', '1000,lots'])).toEqual({
      ok: false,
      error: 'bench: --sizes: "lots" is not a number of articles (2 or more)',
    });
    expect(parseBenchArgs(['--sizes', '1'])).toEqual({ ok: false, error: 'bench: --sizes: "1" is not a number of articles (2 or more)' });
  });

  it('refuses a word that is not a flag', () => {
    expect(parseBenchArgs(['quick']).ok).toBe(false);
  });
});
