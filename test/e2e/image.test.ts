// The container image's start command, run as a plain process (no Docker engine runs here): the CMD
// and ENV of the Dockerfile, against the stand-in, from a read-only copy of the corpus.
import { chmodSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CORPUS_DIR, ROOT, tempDir } from '../support/corpus.ts';
import { startStandIn, type StandIn } from '../support/discord-standin.ts';
import { jsonLines, runNode, TOKEN, waitForHealth, type Child } from './harness.ts';

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
    expect(env).toMatchObject({ CORPUS_DIR: '/corpus', CACHE_DIR: '/cache', NODE_ENV: 'production' });
    const [, ...args] = imageCommand();
    child = runNode(args, {
      ...env,
      // The image's paths are mounts; here they are folders of the same kind.
      CORPUS_DIR: corpus,
      CACHE_DIR: cache,
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
