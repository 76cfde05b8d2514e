// Runs the real bot against the Discord stand-in: in this process through startBot (to read its log
// and drive the gateway), or as a child process exactly as `npm start` / `npm run deploy-commands` do.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed, APIMessage } from 'discord.js';
import { readConfig } from '../../src/config.ts';
import { openCorpus } from '../../src/engine.ts';
import type { SearchIndex } from '../../src/search/index.ts';
import type { Command } from '../../src/bot/context.ts';
import { startBot, type RunningBot } from '../../src/bot/start.ts';
import { noIdentifyThrottle, startStandIn } from '../support/discord-standin.ts';
import type { CallbackRecord, SentInteraction, StandIn, StandInOptions } from '../support/discord-standin.ts';
import { CORPUS_DIR, ROOT } from '../support/corpus.ts';
import type { SentPayload } from '../support/payload-check.ts';

/** Long enough to pass config's check; never expected in anything the bot prints. */
export const TOKEN = 'test-token-e2e-0123456789-abcdef';

/** The two articles of the real corpus, as citations start. */
export { CULTURE, NOTES } from '../support/corpus.ts';

/** One JSON log line of the bot. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  event: string;
  [field: string]: unknown;
}

const corpora = new Map<string, SearchIndex>();
function corpus(dir: string): SearchIndex {
  let index = corpora.get(dir);
  if (!index) {
    const opened = openCorpus(dir);
    if (!opened.ok) throw new Error(`the corpus in ${dir} does not load: ${opened.error.map(String).join('; ')}`);
    corpora.set(dir, (index = opened.value));
  }
  return index;
}

export interface BotUnderTest {
  readonly standIn: StandIn;
  readonly bot: RunningBot;
  /** Every log line so far, parsed. */
  readonly logs: LogLine[];
  /** Waits for the first answer (callback) to an interaction; `message` is what it created, if anything. */
  answer(sent: SentInteraction): Promise<{ callback: CallbackRecord; message: APIMessage | undefined; embed: APIEmbed }>;
  /** Waits for a log line. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  close(): Promise<void>;
}

export interface BotUnderTestOptions {
  readonly standIn?: StandInOptions;
  /** Added to DISCORD_TOKEN, DISCORD_API_URL, COOLDOWN_SECONDS=0 and LOG_LEVEL=debug. */
  readonly env?: Record<string, string>;
  /** The commands it answers (default: the real ones), e.g. with one added that throws. */
  readonly commands?: readonly Command[];
  /** The corpus folder (default: the real corpus). */
  readonly corpusDir?: string;
}

/** The bot in this process (startBot with the real commands and corpus unless told otherwise) logged in to a fresh stand-in. */
export async function startBotUnderTest(options: BotUnderTestOptions = {}): Promise<BotUnderTest> {
  const standIn = await startStandIn(options.standIn);
  // Each bot its own feedback store, thrown away with it.
  const dataDir = mkdtempSync(join(tmpdir(), 'citebot-e2e-data-'));
  const config = readConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: standIn.apiUrl,
    COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'debug',
    DATA_DIR: dataDir,
    ...options.env,
  });
  if (!config.ok) throw new Error(config.error.join('; '));
  const logs: LogLine[] = [];
  const bot = await startBot(config.value, corpus(options.corpusDir ?? CORPUS_DIR), {
    writeLog: (line) => logs.push(JSON.parse(line) as LogLine),
    // Re-identifying (after a 4007) would otherwise wait ~5 s for discord.js's identify throttle.
    clientOptions: { ws: noIdentifyThrottle },
    ...(options.commands && { commands: options.commands }),
  });
  const waitForLog = (predicate: (line: LogLine) => boolean, timeoutMs = 3000) =>
    standIn.waitFor(() => logs.find(predicate), timeoutMs, 'a log line');
  await waitForLog((l) => l.event === 'ready', 5000);
  return {
    standIn,
    bot,
    logs,
    waitForLog,
    async answer(sent) {
      const callback = await standIn.waitForCallback(sent.id, 3000);
      const message = standIn.originalFor(sent.token);
      const embed = (callback.data?.['embeds'] as APIEmbed[] | undefined)?.[0] ?? {};
      return { callback, message, embed };
    },
    async close() {
      await bot.stop();
      await standIn.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Every message body the bot sent to the stand-in, whatever the answer was: interaction responses
 * (reply or update), follow-ups and edits through the interaction webhook, and channel messages.
 */
export function sentPayloads(standIn: StandIn): SentPayload[] {
  const out: SentPayload[] = [];
  for (const r of standIn.requests) {
    const body = r.body as Record<string, unknown> | null;
    if (!body) continue;
    if (r.method === 'POST' && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(r.path)) {
      if (body['type'] === 4 || body['type'] === 7) out.push(body['data'] ?? {});
    } else if (r.path.startsWith('/webhooks/') && (r.method === 'POST' || r.method === 'PATCH')) {
      out.push(body);
    } else if (r.method === 'POST' && /^\/channels\/[^/]+\/messages$/.test(r.path)) {
      out.push(body);
    }
  }
  return out;
}

/** A short article of one passage, for tests that add one: `the-quantum-annealer-rental-market#findings-1`. */
export const ANNEALERS_ARTICLE = `---
title: The Quantum Annealer Rental Market
publisher: Compute Letters
---

## Findings

Research labs rented quantum annealers by the hour when their GPU orders slipped.
`;

/** The answer's embed once it is final: a reply, or the edit after a deferral. */
export async function finalEmbed(
  bot: Pick<BotUnderTest, 'standIn'>,
  sent: SentInteraction,
  timeoutMs = 20_000,
): Promise<{ embed: APIEmbed; ephemeral: boolean }> {
  const callback = await bot.standIn.waitForCallback(sent.id, timeoutMs);
  if (callback.type === 4) return { embed: (callback.data?.['embeds'] as APIEmbed[])[0]!, ephemeral: isEphemeral(callback) };
  const message = await bot.standIn.waitFor(
    () => (bot.standIn.originalFor(sent.token)?.embeds.length ? bot.standIn.originalFor(sent.token) : undefined),
    timeoutMs,
    'the deferred answer',
  );
  return { embed: message.embeds[0]!, ephemeral: ((message.flags ?? 0) & 64) !== 0 };
}

/** The citation ids quoted in an embed text (`article-id#section-n` in backticks). */
export function citations(text: string | undefined): string[] {
  return [...(text ?? '').matchAll(/`([a-z0-9-]+#[a-z0-9-]+)`/g)].map((m) => m[1]!);
}

/** Custom ids of the buttons on a message payload, the feedback row aside (see allCustomIds). */
export function customIds(payload: { components?: unknown } | undefined): string[] {
  return allCustomIds(payload).filter((id) => !id.startsWith('fb1:'));
}

/** Every button's custom id, the feedback row's (👍 👎 🗑, `fb1:…`) included. */
export function allCustomIds(payload: { components?: unknown } | undefined): string[] {
  const rows = (payload?.components ?? []) as { components?: { custom_id?: string }[] }[];
  return rows.flatMap((r) => (r.components ?? []).map((c) => c.custom_id ?? ''));
}

export const isEphemeral = (callback: CallbackRecord) => (Number(callback.data?.['flags'] ?? 0) & 64) !== 0;

// ───────── child processes ─────────

export interface Child {
  /** stdout and stderr so far. */
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly pid: number | undefined;
  kill(signal: NodeJS.Signals): void;
  /** Waits until stdout+stderr satisfy `check`. */
  waitForOutput(check: (out: string) => boolean, timeoutMs?: number): Promise<void>;
}

const TSX = join('node_modules', 'tsx', 'dist', 'cli.mjs');

/**
 * Runs a script with tsx, as the npm scripts do (`tsx src/main.ts`), in the project's folder, with
 * no DISCORD_* variables from the outside and a throwaway CACHE_DIR.
 */
export function runScript(script: string, env: Record<string, string>, args: readonly string[] = []): Child {
  return runNode([TSX, script, ...args], env);
}

/** Runs node with these arguments, as runScript does. */
export function runNode(args: readonly string[], env: Record<string, string>): Child {
  const cacheDir = mkdtempSync(join(tmpdir(), 'citebot-e2e-'));
  const outside = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DISCORD_')));
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...outside,
      CORPUS_DIR: 'corpus',
      CACHE_DIR: cacheDir,
      DATA_DIR: join(cacheDir, 'data'),
      DATABASE_URL: '',
      COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const changed = new Set<() => void>();
  proc.stdout.setEncoding('utf8').on('data', (d: string) => ((stdout += d), changed.forEach((f) => f())));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => ((stderr += d), changed.forEach((f) => f())));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => {
      rmSync(cacheDir, { recursive: true, force: true });
      changed.forEach((f) => f());
      resolve({ code, signal });
    }),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    pid: proc.pid,
    kill: (signal) => {
      if (!done) proc.kill(signal);
    },
    waitForOutput(check, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const attempt = () => {
          if (check(stdout + stderr)) finish(resolve);
          else if (done) finish(() => reject(new Error(`the process exited before the expected output:\n${stdout}${stderr}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for output:\n${stdout}${stderr}`))), timeoutMs);
        const finish = (then: () => void) => {
          clearTimeout(timer);
          changed.delete(attempt);
          then();
        };
        changed.add(attempt);
        attempt();
      });
    },
  };
}

/** The JSON log lines a child printed on stdout (other lines are skipped). */
export function jsonLines(out: string): LogLine[] {
  return out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
}

/** The status GET /healthz answers on 127.0.0.1:port, or the error code if nothing answers (ECONNREFUSED). */
export function healthStatus(port: number): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

/** Polls GET /healthz until it answers `wanted`; rejects with the last answer after timeoutMs. */
export async function waitForHealth(port: number, wanted: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: number | string = 'no answer';
  while (Date.now() < deadline) {
    last = await healthStatus(port);
    if (last === wanted) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`GET /healthz answered ${last}, not ${wanted}, for ${timeoutMs} ms`);
}
