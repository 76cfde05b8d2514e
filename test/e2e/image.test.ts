// The container image, twice. Built by scripts/image.sh and run by a real engine against the stand-in
// where one can run (test/support/container-engine.sh installs and starts one as root on Debian):
// /ask answered, the health check passing, a clean stop on SIGTERM, nothing written outside /cache
// and /data. And everywhere: its start command (the Dockerfile's CMD and ENV) as a plain process.
import { chmodSync, chownSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, NOTES, ROOT, tempDir } from '../support/corpus.ts';
import { startStandIn, type StandIn } from '../support/discord-standin.ts';
import { composeAvailable, composeConfig, containerEngine, docker, type Docker } from '../support/container.ts';
import { freePort } from '../support/postgres.ts';
import { citations, jsonLines, runNode, TOKEN, waitForHealth, type Child } from './harness.ts';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** The exec-form CMD of the Dockerfile's last stage, e.g. ["node", "--import", "tsx", "src/main.ts"]. */
function imageCommand(): string[] {
  const cmd = [...dockerfile.matchAll(/^CMD (\[.*\])$/gm)].at(-1)?.[1];
  if (!cmd) throw new Error('Dockerfile: no exec-form CMD');
  return JSON.parse(cmd) as string[];
}

/** The ENV the image sets (NAME=value pairs, continued lines joined). */
function imageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [, body] of dockerfile.replace(/\\\n\s*/g, ' ').matchAll(/^ENV (.*)$/gm)) {
    for (const [, name, value] of body!.matchAll(/(\w+)=(\S+)/g)) env[name!] = value!;
  }
  return env;
}

// A corpus the process cannot write to, as the image mounts it (:ro).
const corpus = join(tempDir('citebot-image-'), 'corpus');
cpSync(CORPUS_DIR, corpus, { recursive: true });
chmodSync(corpus, 0o555);
afterAll(() => chmodSync(corpus, 0o755));
const cache = tempDir('citebot-image-cache-');
const data = tempDir('citebot-image-data-');

let standIn: StandIn | undefined;
let child: Child | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await child?.exited;
  await standIn?.close();
});

describe('the container image', () => {
  it('runs node itself (signals reach it through tini, not npm) with tsx, which --omit=dev keeps', () => {
    const [program, ...args] = imageCommand();
    expect(program).toBe('node');
    expect(args).toContain('tsx');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toContain('tsx');
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('starts the bot with its start command and environment, answers /healthz, and stops cleanly on SIGTERM', async () => {
    standIn = await startStandIn();
    const env = imageEnv();
    expect(env).toMatchObject({ CORPUS_DIR: '/corpus', CACHE_DIR: '/cache', DATA_DIR: '/data', NODE_ENV: 'production' });
    const [, ...args] = imageCommand();
    child = runNode(args, {
      ...env,
      // The image's paths are mounts; here they are folders of the same kind.
      CORPUS_DIR: corpus,
      CACHE_DIR: cache,
      DATA_DIR: data,
      HEALTH_PORT: '0',
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: standIn.apiUrl,
    });
    const running = child;
    await running.waitForOutput((out) => jsonLines(out).some((l) => l.event === 'ready'), 30_000);
    const port = jsonLines(running.stdout()).find((l) => l.event === 'health endpoint listening')?.['port'] as number;
    await waitForHealth(port, 200);
    running.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(jsonLines(running.stdout()).map((l) => l.event)).toContain('stopping');
    expect(running.stdout() + running.stderr()).not.toContain(TOKEN);
  });
});

// ───────── built and run by a container engine ─────────

const engine = containerEngine();
if ('skipped' in engine) console.warn(`\n*** image tests SKIPPED: ${engine.skipped} ***\n`);
const IMAGE = 'citebot:test';
// The image's user (node, uid 1000) writes the mounted folders, as it would its volumes.
const NODE_UID = 1000;

/** A folder the image's user may write, mounted at /cache or /data. */
function writableByImage(prefix: string): string {
  const dir = tempDir(prefix);
  chownSync(dir, NODE_UID, NODE_UID);
  return dir;
}

/** The restart policy compose.yaml gives the bot. */
function composeRestart(): string {
  const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<string, { restart?: string }>;
  };
  const restart = compose.services['citebot']?.restart;
  if (!restart) throw new Error('compose.yaml: the citebot service has no restart policy');
  return restart;
}

describe.skipIf('skipped' in engine)(
  `the image built by scripts/image.sh${'skipped' in engine ? ` (skipped: ${engine.skipped})` : ''}`,
  () => {
    let run: Docker;
    beforeAll(() => {
      run = docker(engine as { docker: string });
      // The first build makes the local base (debootstrap) and installs the dependencies: minutes.
      run.buildImage(IMAGE);
    }, 20 * 60_000);

    it('answers /ask, passes its health check, stops cleanly on SIGTERM, and writes nowhere but /cache and /data', async () => {
      standIn = await startStandIn();
      const cache = writableByImage('citebot-image-cache-');
      const data = writableByImage('citebot-image-data-');
      const container = await run.start(IMAGE, {
        env: { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, HEALTH_PORT: String(await freePort()) },
        mounts: [`${corpus}:/corpus:ro`, `${cache}:/cache`, `${data}:/data`],
        // The image's own HEALTHCHECK command, run every second instead of every 30.
        flags: ['--health-interval=1s', '--health-start-period=1s'],
      });
      try {
        await waitUntil(async () => (await run.inspect(container, '.State.Health.Status')) === 'healthy', 60_000, 'a healthy container');
        const sent = standIn.slashCommand('ask', { question: 'Which chips are used for inference?' });
        const callback = await standIn.waitForCallback(sent.id, 10_000);
        const embed = (callback.data?.['embeds'] as { description?: string }[] | undefined)?.[0];
        expect(citations(embed?.description)).toEqual([`${NOTES}#summary-1`]);

        await run.stop(container);
        expect(await run.inspect(container, '.State.ExitCode')).toBe('0');
        const output = await run.logs(container);
        expect(jsonLines(output).map((l) => l.event)).toEqual(expect.arrayContaining(['ready', 'interaction', 'stopping']));
        expect(output).not.toContain(TOKEN);
        // Changes to the container's own filesystem (the mounts are not in it): none.
        expect(await run.diff(container)).toEqual([]);
        expect(readdirSync(cache)).toContain('index.bin');
        expect(readdirSync(data)).toContain('citebot.db');
      } finally {
        await run.remove(container);
      }
    });

    it('without a token, says so and exits 0, which the restart policy of compose.yaml does not restart', async () => {
      const container = await run.start(IMAGE, { mounts: [`${corpus}:/corpus:ro`], flags: [`--restart=${composeRestart()}`] });
      try {
        await waitUntil(async () => (await run.inspect(container, '.State.Status')) === 'exited', 60_000, 'the container to exit');
        // Had the policy restarted it, it would be running again or counting restarts.
        await new Promise((r) => setTimeout(r, 1500));
        expect(await run.inspect(container, '.State.Status')).toBe('exited');
        expect(await run.inspect(container, '.State.ExitCode')).toBe('0');
        expect(await run.inspect(container, '.RestartCount')).toBe('0');
        expect(await run.logs(container)).toContain('No DISCORD_TOKEN set');
      } finally {
        await run.remove(container);
      }
    });
  },
);

/** Polls `check` every 250 ms until it holds; rejects naming what was awaited after timeoutMs. */
async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!composeAvailable())('compose.yaml', () => {
  it('is accepted by docker-compose, with two hosts splitting two shards over one PostgreSQL', () => {
    const dir = tempDir('citebot-compose-');
    cpSync(join(ROOT, 'compose.yaml'), join(dir, 'compose.yaml'));
    writeFileSync(join(dir, '.env'), '');
    const services = composeConfig(dir, ['--profile', 'hosts']).services as Record<string, { environment?: Record<string, string> }>;
    expect(Object.keys(services).sort()).toEqual(['citebot', 'host-a', 'host-b', 'postgres']);
    const shardsOf = (name: string) => {
      const env = services[name]!.environment!;
      return { count: env['SHARD_COUNT'], ids: env['SHARD_IDS'], database: env['DATABASE_URL'] };
    };
    expect(shardsOf('host-a')).toMatchObject({ count: '2', ids: '0' });
    expect(shardsOf('host-a').database).toMatch(/^postgres:\/\/citebot:[^@]+@postgres:5432\/citebot$/);
    expect(shardsOf('host-b')).toEqual({ ...shardsOf('host-a'), ids: '1' });
  });
});
