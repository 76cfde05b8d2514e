import { Events, GatewayCloseCodes, type Client } from 'discord.js';
import type { Config } from '../config.ts';
import type { SearchIndex } from '../search/index.ts';
import { gatewayReady, startHealthServer, type HealthServer } from './health.ts';
import type { Logger } from './log.ts';
import { wireBot, type WireOptions } from './wire.ts';

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
  const { client, restAgent } = wired;
  const { log } = wired.services;
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
    if (!stopping) log.info('gateway reconnecting', { shard });
  });
  client.on(Events.ShardResume, (shard, replayed) => log.info('gateway resumed', { shard, replayed }));
  const onRejection = (error: unknown) => log.error('unhandled rejection', { error });
  const onSignal = () => void stop().then(() => process.exit(0));
  process.on('unhandledRejection', onRejection);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let stopping: Promise<void> | undefined;
  // Leaves the process as it found it (no listeners left behind), so a host that starts the bot
  // again, as the tests do, does not collect handlers.
  const stop = () =>
    (stopping ??= (async () => {
      log.info('stopping');
      process.off('unhandledRejection', onRejection);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await client.destroy();
      await wired.identify?.close();
      // Let replies already on their way arrive (a user would otherwise see "did not respond"),
      // but do not hang on a request that never ends.
      const drained = restAgent.close().then(() => true);
      const timeout = new Promise<false>((resolve) => setTimeout(resolve, DRAIN_MS, false).unref());
      if (!(await Promise.race([drained, timeout]))) await restAgent.destroy();
      await wired.close();
      await health?.close();
    })());

  // Up before login, so a probe sees 503 while the bot connects, then 200 once every shard is ready.
  let health: HealthServer | undefined;
  if (config.healthPort !== undefined) {
    try {
      health = await startHealthServer(config.healthPort, () => !stopping && gatewayReady(client));
      log.info('health endpoint listening', { port: health.port });
    } catch (error) {
      console.error(
        `citebot: cannot serve the health check on port ${config.healthPort} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check HEALTH_PORT.`,
      );
      await stop();
      process.exit(1);
    }
  }

  const sayTokenRejected = () =>
    console.error(
      'citebot: Discord rejected the token (DISCORD_TOKEN). Check it in the Developer Portal → your application → Bot, and reset it if needed.',
    );
  // REST refuses a bad token (401) before the gateway is tried; the gateway refuses one with 4004 at
  // IDENTIFY (login then fails with a bare "Authentication failed") or when it is reset while running
  // (the shard then stops for good and the bot would sit there deaf). Either way: one line, exit 1.
  let loggedIn = false;
  let gatewayRejectedToken = false;
  client.on(Events.ShardDisconnect, ({ code }, shard) => {
    if (stopping) return;
    if (code === TOKEN_REJECTED) {
      gatewayRejectedToken = true;
      if (loggedIn) {
        sayTokenRejected();
        void stop().then(() => process.exit(1));
      }
      return;
    }
    // Any other close that discord.js does not come back from (bad shard, sharding required, bad
    // intents): a bot that stays up without its gateway answers no one, so say why and exit.
    log.error('gateway closed for good', { shard, code });
    console.error(
      `citebot: Discord closed the gateway for good (code ${code}${FATAL_CLOSES[code] ? `: ${FATAL_CLOSES[code]}` : ''}); stopping.`,
    );
    void stop().then(() => process.exit(1));
  });

  try {
    await client.login(config.discordToken);
    loggedIn = true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'TokenInvalid' || (error as { status?: number }).status === 401 || gatewayRejectedToken) {
      sayTokenRejected();
    } else {
      log.error('login failed', { error });
    }
    await client.destroy().catch(() => {});
    process.exit(1);
  }
  return { client, log, stop };
}
