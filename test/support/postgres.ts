// A real PostgreSQL server for tests: Debian's postgresql package (installed by
// test/support/install-postgres.sh, which .ci/run calls), a throwaway cluster in a
// temporary folder, listening on 127.0.0.1 on a free port, stopped afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  /** A new, empty database on the server; its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server for a while, as an outage does (every connection is cut), keeping its data; `up` starts it again on the same port. */
  down(): void;
  up(): void;
  stop(): void;
}

const INSTALL = fileURLToPath(new URL('./install-postgres.sh', import.meta.url));

/** The folder of initdb and pg_ctl: Debian's newest version, else whatever is on PATH. */
function findBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return which.status === 0 ? join(which.stdout.trim(), '..') : undefined;
}

/** A TCP port free on 127.0.0.1 right now. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * Starts a PostgreSQL server, installing Debian's package first where it is
 * missing and this is root on Debian. Returns the reason instead where no
 * server can be had, for the tests to say why they skip.
 */
export async function startPostgres(): Promise<PostgresServer | { skipped: string }> {
  // Installed but failing to start is a failure, not a skip: it throws.
  let bin = findBin();
  if (!bin) {
    spawnSync('bash', [INSTALL], { stdio: ['ignore', 'ignore', 'inherit'] });
    bin = findBin();
  }
  if (!bin)
    return {
      skipped: 'PostgreSQL is not installed and could not be installed here (run test/support/install-postgres.sh as root on Debian)',
    };

  const dir = mkdtempSync(join(tmpdir(), 'citebot-pg-'));
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user the package made.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : join(bin, cmd), asRoot ? ['-u', 'postgres', '--', join(bin, cmd), ...args] : args, { stdio: 'pipe' });
  try {
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(dir, uid, gid);
    }
    const data = join(dir, 'data');
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
    start();
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
      url,
      async createDatabase(name) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
      },
      down: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
      up: start,
      stop() {
        try {
          run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').at(-1);
    throw new Error(`PostgreSQL is installed but could not be started: ${stderr ?? (error as Error).message}`, { cause: error });
  }
}
