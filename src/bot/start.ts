import { Events, GatewayCloseCodes, type Client } from 'discord.js';
import type { Config } from '../config.ts';
import type { SearchIndex } from '../search/index.ts';
import { gatewayReady, startHealthServer, type HealthServer } from './health.ts';
import type { Logger } from './log.ts';
import { wireBot, type WiredBot, type WireOptions } from './wire.ts';

/** How long stop() waits for replies already on their way. */
const DRAIN_MS = 3_000;

/** What an operator can do about the gateway closes discord.js does not reconnect after. */
const FATAL_CLOSES: Record<number, string> = {
  [GatewayCloseCodes.InvalidShard]: 'invalid shard; check SHARDS, or SHARD_COUNT and SHARD_IDS',
  [GatewayCloseCodes.ShardingRequired]: 'sharding required; set SHARDS=auto',
  [GatewayCloseCodes.InvalidAPIVersion]: 'API version no longer supported; update discord.js',
  [GatewayCloseCodes.InvalidIntents]: 'invalid intents',
  [GatewayCloseCodes.DisallowedIntents]: 'intents not enabled for this application',
};

/** The close code of a reset or invalid token; typed as the plain number a close event carries. */
const TOKEN_REJECTED: number = GatewayCloseCodes.AuthenticationFailed;

export interface RunningBot {
  readonly client: Client;
  readonly log: Logger;
  /** Closes the gateway normally and stops. */
  stop(): Promise<void>;
}

/** Seams for tests; `npm start` passes none (see WireOptions). */
export type StartOptions = WireOptions;

/**
 * Logs in with the Guilds and Guild Messages intents (no privileged intents), answers
 * interactions, and stops cleanly on SIGINT/SIGTERM. A rejected token is one
 * clear line and exit code 1, never a retry loop.
 */
export async function startBot(config: Config, index: SearchIndex, options: StartOptions = {}): Promise<RunningBot> {
  const wired = await wireBot(config, index, options);
  const { client } = wired;
  const { log } = wired.services;
  let stopping: Promise<void> | undefined;
  // Declared before stop(), which a health port that cannot be listened on calls before it is set.
  let health: HealthServer | undefined;
  const isStopping = () => stopping !== undefined;
  logGateway(client, log, index, isStopping);
  const onRejection = (error: unknown) => log.error('unhandled rejection', { error });
  const onSignal = () => void stop().then(() => process.exit(0));
  process.on('unhandledRejection', onRejection);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // Leaves the process as it found it (no listeners left behind), so a host that starts the bot
  // again, as the tests do, does not collect handlers.
  const stop = () =>
    (stopping ??= (async () => {
      log.info('stopping');
      process.off('unhandledRejection', onRejection);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await closeWired(wired);
      await health?.close();
    })());
  // Up before login, so a probe sees 503 while the bot connects, then 200 once every shard is ready.
  if (config.healthPort !== undefined) health = await healthOrExit(config.healthPort, client, log, isStopping, stop);
  const closes = exitOnFatalCloses(client, log, isStopping, stop);
  try {
    await client.login(config.discordToken);
    closes.loggedIn = true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'TokenInvalid' || (error as { status?: number }).status === 401 || closes.tokenRejected) sayTokenRejected();
    else log.error('login failed', { error });
    await client.destroy().catch(() => {});
    process.exit(1);
  }
  return { client, log, stop };
}

/** Logs the gateway's life: ready (with which shards this host runs), errors, reconnects. */
function logGateway(client: Client, log: Logger, index: SearchIndex, isStopping: () => boolean): void {
  client.once(Events.ClientReady, (c) => {
    log.info('ready', {
      user: c.user.tag,
      guilds: c.guilds.cache.size,
      shards: c.ws.shards.size,
      // Which of SHARD_COUNT this host runs: with several hosts, the operator's check that they split them.
      shardIds: [...c.ws.shards.keys()],
      articles: index.corpus.articles.length,
      passages: index.corpus.passages.length,
      // performance.now() counts from the process start.
      startupMs: Math.round(performance.now()),
    });
  });
  client.on(Events.Error, (error) => log.error('client error', { error }));
  client.on(Events.ShardError, (error, shard) => log.warn('gateway error', { shard, error }));
  client.on(Events.ShardReconnecting, (shard) => {
    if (!isStopping()) log.info('gateway reconnecting', { shard });
  });
  client.on(Events.ShardResume, (shard, replayed) => log.info('gateway resumed', { shard, replayed }));
}

/** Closes the gateway, then lets replies already on their way arrive, without hanging on one that never ends. */
async function closeWired(wired: WiredBot): Promise<void> {
  await wired.client.destroy();
  await wired.identify?.close();
  // A user would otherwise see "did not respond".
  const drained = wired.restAgent.close().then(() => true);
  const timeout = new Promise<false>((resolve) => setTimeout(resolve, DRAIN_MS, false).unref());
  if (!(await Promise.race([drained, timeout]))) await wired.restAgent.destroy();
  await wired.close();
}

/** The health endpoint: 200 once every shard is ready. A port it cannot listen on is one line and exit 1. */
async function healthOrExit(
  port: number,
  client: Client,
  log: Logger,
  isStopping: () => boolean,
  stop: () => Promise<void>,
): Promise<HealthServer> {
  try {
    const health = await startHealthServer(port, () => !isStopping() && gatewayReady(client));
    log.info('health endpoint listening', { port: health.port });
    return health;
  } catch (error) {
    console.error(
      `citebot: cannot serve the health check on port ${port} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check HEALTH_PORT.`,
    );
    await stop();
    return process.exit(1);
  }
}

const sayTokenRejected = () =>
  console.error(
    'citebot: Discord rejected the token (DISCORD_TOKEN). Check it in the Developer Portal → your application → Bot, and reset it if needed.',
  );

/**
 * REST refuses a bad token (401) before the gateway is tried; the gateway refuses one with 4004 at
 * IDENTIFY (login then fails with a bare "Authentication failed": `tokenRejected` says why) or when
 * it is reset while running (the shard then stops for good and the bot would sit there deaf).
 * Either way: one line, exit 1. So does any other close discord.js does not come back from.
 */
function exitOnFatalCloses(client: Client, log: Logger, isStopping: () => boolean, stop: () => Promise<void>) {
  const state = { loggedIn: false, tokenRejected: false };
  client.on(Events.ShardDisconnect, ({ code }, shard) => {
    if (isStopping()) return;
    if (code === TOKEN_REJECTED) {
      state.tokenRejected = true;
      if (state.loggedIn) {
        sayTokenRejected();
        void stop().then(() => process.exit(1));
      }
      return;
    }
    // Bad shard, sharding required, bad intents: a bot that stays up without its gateway answers no one, so say why and exit.
    log.error('gateway closed for good', { shard, code });
    console.error(
      `citebot: Discord closed the gateway for good (code ${code}${FATAL_CLOSES[code] ? `: ${FATAL_CLOSES[code]}` : ''}); stopping.`,
    );
    void stop().then(() => process.exit(1));
  });
  return state;
}
