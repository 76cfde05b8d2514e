// The bot under load: one child process started exactly as `npm start` starts it (tsx src/main.ts),
// logged in to the stand-in. Its stdout goes to a file, not a pipe: the driver then never has to read
// 20,000 log lines while it measures, and the bot writes its log as it would to a file or journal.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Long enough for config's check; the stand-in accepts any token. */
const TOKEN = 'load-test-token-0123456789-abcdef';
const TSX = join('node_modules', 'tsx', 'dist', 'cli.mjs');

export interface BotOptions {
  /** The stand-in's REST base, e.g. http://127.0.0.1:1234/api. */
  readonly apiUrl: string;
  /** LOG_LEVEL: info (npm start's default) logs one line per interaction; warn logs none. */
  readonly logLevel: 'info' | 'warn';
  /** If set, the bot writes a V8 CPU profile (bot-<pid>.cpuprofile) here when it exits (see cpu-profile.mjs). */
  readonly cpuProfileDir?: string | undefined;
}

export interface BotProcess {
  readonly pid: number;
  /** Where the bot's stdout (its JSON log) and stderr go. */
  readonly stdoutPath: string;
  readonly stderrPath: string;
  /** User + system CPU time in ms of the process and its descendants (tsx runs the bot in a child of its own); null off Linux. */
  readonly cpuMs: () => number | null;
  /** Resolves once stdout contains `text`; rejects if the bot exits first or after timeoutMs. */
  waitForStdout(text: string, timeoutMs: number): Promise<void>;
  /** SIGTERM (the bot closes the gateway and exits 0), SIGKILL after 10 s; resolves with the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Removes the temporary folder (log files and cache). */
  cleanUp(): void;
}

export function startBot(options: BotOptions): BotProcess {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-load-'));
  const stdoutPath = join(dir, 'stdout.log');
  const stderrPath = join(dir, 'stderr.log');
  const out = openSync(stdoutPath, 'w');
  const err = openSync(stderrPath, 'w');
  const outside = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DISCORD_')));
  const profile = options.cpuProfileDir
    ? {
        NODE_OPTIONS: `--import=${pathToFileURL(join(import.meta.dirname, 'cpu-profile.mjs')).href}`,
        CITEBOT_CPU_PROFILE_DIR: resolve(options.cpuProfileDir),
      }
    : {};
  const proc = spawn(process.execPath, [TSX, 'src/main.ts'], {
    env: {
      ...outside,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: options.apiUrl,
      COOLDOWN_SECONDS: '0',
      LOG_LEVEL: options.logLevel,
      CORPUS_DIR: 'corpus',
      CACHE_DIR: join(dir, 'cache'),
      // The bot records every answer it shows, as in production, in a store thrown away with the run.
      DATA_DIR: join(dir, 'data'),
      DATABASE_URL: '',
      ...profile,
    },
    stdio: ['ignore', out, err],
  });
  // The child has its own copies of the descriptors.
  closeSync(out);
  closeSync(err);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve((exit = { code, signal }))),
  );
  const pid = proc.pid ?? -1;

  return {
    pid,
    stdoutPath,
    stderrPath,
    cpuMs: () => treeCpuMs(pid),
    async waitForStdout(text, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      // Polled: this only runs while the bot starts, before anything is measured.
      while (!readFileSync(stdoutPath, 'utf8').includes(text)) {
        if (exit)
          throw new Error(`the bot exited (${exit.code ?? exit.signal}) before printing ${text}:\n${readFileSync(stderrPath, 'utf8')}`);
        if (Date.now() > deadline)
          throw new Error(`the bot did not print ${text} within ${timeoutMs} ms:\n${readFileSync(stderrPath, 'utf8')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (!exit) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    cleanUp: () => rmSync(dir, { recursive: true, force: true }),
  };
}

// Linux counts CPU time in clock ticks of 1/100 s (USER_HZ), whatever the kernel's HZ.
const TICK_MS = 10;

/** CPU ms of `pid` and all its descendants, from /proc; null where /proc is not there. */
function treeCpuMs(pid: number): number | null {
  try {
    let total = 0;
    const stack = [pid];
    while (stack.length > 0) {
      const p = stack.pop()!;
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) in parentheses: state is field 3, utime 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      for (const child of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(' ')) if (child.trim()) stack.push(Number(child));
    }
    return total;
  } catch {
    return null;
  }
}
