import { Client, Events, GatewayCloseCodes, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { Agent } from 'undici';
import { commandsFor } from '../../commands/index.ts';
import type { Config } from '../config.ts';
import type { SearchIndex } from '../search/index.ts';
import type { Command } from './command.ts';
import { openStore, type Store } from '../store/index.ts';
import { createCooldown } from './cooldown.ts';
import { createDispatcher } from './dispatch.ts';
import { gatewayReady, startHealthServer, type HealthServer } from './health.ts';
import { sharedIdentify } from './identify.ts';
import { startLiveCorpus } from '../reload/front-end.ts';
import { createLogger, type Logger } from './log.ts';
import { createMessageHandler } from './messages.ts';

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

/** REST connections to Discord at most; measured with `npm run load`: enough for 1,600 interactions a second. */
const REST_CONNECTIONS = 64;

export interface RunningBot {
  readonly client: Client;
  readonly log: Logger;
  /** Closes the gateway normally and stops. */
  stop(): Promise<void>;
}

/** Seams for tests; `npm start` passes none. */
export interface StartOptions {
  /** Where log lines go (default: stdout, one JSON object a line). */
  readonly writeLog?: (line: string) => void;
  /** Merged over citebot's own client options, e.g. a test's `ws` identify throttle. */
  readonly clientOptions?: Partial<ClientOptions>;
  /** The commands to answer (default: every command in commands/index.ts), so a test can add one that throws or is slow. */
  readonly commands?: readonly Command[];
  /** Where feedback goes (default: the store DATA_DIR or DATABASE_URL names, opened here and closed by stop()). */
  readonly store?: Store;
}

/**
 * Logs in with the Guilds and Guild Messages intents (no privileged intents), answers
 * interactions, and stops cleanly on SIGINT/SIGTERM. A rejected token is one
 * clear line and exit code 1, never a retry loop.
 */
export async function startBot(config: Config, index: SearchIndex, options: StartOptions = {}): Promise<RunningBot> {
  const log = createLogger(config.logLevel, [config.discordToken], options.writeLog);
  const restAgent = new Agent({ connections: REST_CONNECTIONS });
  // Hosts sharing a PostgreSQL take turns to identify, within Discord's limit (max_concurrency).
  const identify = config.databaseUrl ? sharedIdentify(config.databaseUrl, log) : undefined;
  const client = new Client({
    // Guild Messages: messages that mention the bot arrive with their text, without the privileged Message Content intent.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    // undici opens a new connection for every request that finds the others busy: under a burst
    // that was hundreds of connections (each a TLS handshake against Discord) and, past 2,000
    // interactions a second, a storm that sank the bot (npm run load). A fixed pool queues instead.
    rest: { api: config.discordApiUrl, agent: restAgent },
    // Internal sharding: one process holds the corpus once and runs its shards' gateway connections,
    // every shard (SHARDS) or, with several hosts, the ids given out of the total (SHARD_COUNT, SHARD_IDS).
    ...(config.shards === 'auto' && { shards: 'auto' as const }),
    ...(typeof config.shards === 'object' && { shardCount: config.shards.count, shards: [...config.shards.ids] }),
    // The second lock: even a payload that forgot would ping no one.
    allowedMentions: { parse: [], repliedUser: false },
    ...(identify && { ws: { buildIdentifyThrottler: identify.build } }),
    ...options.clientOptions,
  });
  // No writable DATA_DIR (or no PostgreSQL): one line, and the bot runs recording nothing.
  const store = options.store ?? (await openStore(config, { warn: (line) => console.error(line) }));
  // The corpus reloads while the bot runs (folder watch, SIGHUP, /reload): each interaction reads the index of the moment.
  const corpus = startLiveCorpus(config, index, (line, level) => log[level]('corpus', { change: line }));
  const ctx = {
    get index() {
      return corpus.live.current();
    },
    config,
    log,
    store,
    corpus: corpus.admin,
  };
  const cooldown = createCooldown(config.cooldownSeconds);
  const dispatch = createDispatcher(ctx, options.commands ?? commandsFor(config), cooldown);
  client.on(Events.InteractionCreate, (interaction) => void dispatch(interaction));
  const onMessage = createMessageHandler(ctx, cooldown);
  client.on(Events.MessageCreate, (message) => void onMessage(message));
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
      await corpus.close();
      await client.destroy();
      await identify?.close();
      // Let replies already on their way arrive (a user would otherwise see "did not respond"),
      // but do not hang on a request that never ends.
      const drained = restAgent.close().then(() => true);
      const timeout = new Promise<false>((resolve) => setTimeout(resolve, DRAIN_MS, false).unref());
      if (!(await Promise.race([drained, timeout]))) await restAgent.destroy();
      if (!options.store) await store.close();
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
