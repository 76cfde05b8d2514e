// A container engine for the image tests, driven through the docker command line: build the image
// with scripts/image.sh, run it, read its state, stop it. The calls a test makes while the stand-in
// serves the container are asynchronous: the stand-in runs in the test's process, and a synchronous
// `docker stop` would hold it still while the bot waits for its answer to the gateway's close.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './corpus.ts';

const ENGINE_SETUP = join(ROOT, 'test', 'support', 'container-engine.sh');

/**
 * A Docker engine that answers, installed and started first where it is missing and this is root on
 * Debian (test/support/container-engine.sh), or the reason there is none, for the tests to say why
 * they skip.
 */
export function containerEngine(): { docker: string } | { skipped: string } {
  const setup = spawnSync('bash', [ENGINE_SETUP], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (setup.status === 0) return { docker: 'docker' };
  return { skipped: setup.stderr.trim().split('\n').at(-1) || `${ENGINE_SETUP} failed` };
}

export interface RunOptions {
  readonly env?: Record<string, string>;
  /** -v arguments: `host:container[:ro]`. */
  readonly mounts?: readonly string[];
  /** Any other `docker run` flags. */
  readonly flags?: readonly string[];
}

export interface Docker {
  /** Builds the project's image with scripts/image.sh (making the local base first if needed). */
  buildImage(tag: string): void;
  /** Starts a container from the image on the host's network, detached; its id. */
  start(image: string, options?: RunOptions): Promise<string>;
  /** One field of `docker inspect`, e.g. `.State.ExitCode`, as text. */
  inspect(container: string, field: string): Promise<string>;
  /** `docker stop`: SIGTERM, then SIGKILL after 15 s (compose.yaml's stop_grace_period). */
  stop(container: string): Promise<void>;
  /** stdout and stderr, in that order. */
  logs(container: string): Promise<string>;
  /** What changed in the container's own filesystem (`docker diff`: `A /path`, `C /path`); mounts are not in it. */
  diff(container: string): Promise<string[]>;
  remove(container: string): Promise<void>;
}

const run = promisify(execFile);

export function docker(engine: { docker: string }): Docker {
  const cli = async (args: string[]) => (await run(engine.docker, args, { encoding: 'utf8' })).stdout;
  return {
    buildImage(tag) {
      execFileSync('bash', [join(ROOT, 'scripts', 'image.sh'), tag], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    },
    async start(image, options = {}) {
      const env = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
      const mounts = (options.mounts ?? []).flatMap((m) => ['-v', m]);
      return (await cli(['run', '-d', '--network=host', ...env, ...mounts, ...(options.flags ?? []), image])).trim();
    },
    inspect: async (container, field) => (await cli(['inspect', '--format', `{{${field}}}`, container])).trim(),
    stop: async (container) => void (await cli(['stop', '--time=15', container])),
    logs: async (container) => {
      const { stdout, stderr } = await run(engine.docker, ['logs', container], { encoding: 'utf8' });
      return stdout + stderr;
    },
    diff: async (container) => (await cli(['diff', container])).split('\n').filter(Boolean),
    remove: async (container) => void (await run(engine.docker, ['rm', '--force', '--volumes', container]).catch(() => {})),
  };
}

/** Whether docker-compose (v1, Debian's) is installed. */
export function composeAvailable(): boolean {
  return spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
}

/** `docker-compose config` of the compose.yaml in `dir`, parsed; throws with its error if it refuses the file. */
export function composeConfig(dir: string, args: readonly string[] = []): Record<string, unknown> {
  const out = spawnSync('docker-compose', [...args, 'config'], { cwd: dir, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`docker-compose config refused compose.yaml: ${out.stderr.trim()}`);
  return parse(out.stdout) as Record<string, unknown>;
}
