import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { Agent } from 'undici';
import { commandsFor } from '../../commands/index.ts';
import { prepareIndex } from '../answers/prepare.ts';
import type { Config } from '../config.ts';
import { startLiveCorpus } from '../reload/front-end.ts';
import type { SearchIndex } from '../search/index.ts';
import { listenForChanges } from '../store/changes.ts';
import { openStore, type Store } from '../store/index.ts';
import { serverCorpora } from '../tenancy/corpora.ts';
import { cachedScopes } from '../tenancy/scopes.ts';
import type { BotServices, Command } from './context.ts';
import { createCooldown } from './cooldown.ts';
import { createDispatcher } from './dispatch.ts';
import { sharedIdentify } from './identify.ts';
import { createLogger } from './log.ts';
import { createMessageHandler } from './messages.ts';

/** REST connections to Discord at most; measured with `npm run load`: enough for 1,600 interactions a second. */
const REST_CONNECTIONS = 64;

/** Seams for tests; `npm start` passes none. */
export interface WireOptions {
  /** Where log lines go (default: stdout, one JSON object a line). */
  readonly writeLog?: (line: string) => void;
  /** Merged over citebot's own client options, e.g. a test's `ws` identify throttle. */
  readonly clientOptions?: Partial<ClientOptions>;
  /** The commands to answer (default: every command in commands/index.ts), so a test can add one that throws or is slow. */
  readonly commands?: readonly Command[];
  /** Where feedback and servers' articles go (default: the store DATA_DIR or DATABASE_URL names, opened here and closed by close()). */
  readonly store?: Store;
}

/** A bot wired and not yet logged in: its client with every handler on, and what the handlers use. */
export interface WiredBot {
  readonly client: Client;
  readonly services: BotServices;
  readonly restAgent: Agent;
  /** The identify queue shared with other hosts on the PostgreSQL store (DATABASE_URL); close it after the client. */
  readonly identify?: { close(): Promise<void> } | undefined;
  /** Stops the corpus's watch and the servers' builds, and closes a store opened here (not the client). */
  close(): Promise<void>;
}

/**
 * Builds the bot without starting it: the client (Guilds and Guild Messages
 * intents, no privileged ones; no pings), the store, the live base corpus,
 * every server's corpus and scopes, and the handlers of interactions and
 * mentions. No process listeners, no exits: startBot adds the lifecycle.
 */
export async function wireBot(config: Config, index: SearchIndex, options: WireOptions = {}): Promise<WiredBot> {
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
  // The base corpus reloads while the bot runs (folder watch, SIGHUP, /reload).
  // A reload (/reload, SIGHUP, the folder watch) also reads servers' articles and scopes again: without
  // PostgreSQL's announcements, it is how the operator's CLI changes reach a running bot.
  const corpus = startLiveCorpus(
    config,
    index,
    (line, level) => log[level]('corpus', { change: line }),
    () => {
      corpora.mayHaveMissed();
      scopes.forgetAll();
    },
  );
  // The tables answers read of the whole corpus, made in the background while the bot connects (a reload
  // makes them before it swaps): otherwise the first question needing each one waits for it.
  void prepareIndex(index);
  const corpora = await serverCorpora({
    base: corpus.live,
    store,
    budget: config.serverIndexes,
    warn: (event, fields) => log.warn(event, fields),
  });
  const scopes = cachedScopes(store);
  // Hosts sharing PostgreSQL hear of each other's (and the CLI's) changes to a server's articles and scopes.
  const changes =
    config.databaseUrl && store.backend === 'postgres'
      ? listenForChanges({
          url: config.databaseUrl,
          own: store.origin,
          changed: (guildId) => {
            corpora.changed(guildId);
            scopes.forget(guildId);
          },
          resumed: () => {
            corpora.mayHaveMissed();
            scopes.forgetAll();
          },
          log: (level, event, fields) => log[level](event, fields),
        })
      : undefined;
  const services: BotServices = { config, log, store, corpora, scopes, corpus: corpus.admin };
  const cooldown = createCooldown(config.cooldownSeconds);
  const dispatch = createDispatcher(services, options.commands ?? commandsFor(config), cooldown);
  client.on(Events.InteractionCreate, (interaction) => void dispatch(interaction));
  const onMessage = createMessageHandler(services, cooldown);
  client.on(Events.MessageCreate, (message) => void onMessage(message));
  return {
    client,
    services,
    restAgent,
    identify,
    close: async () => {
      await changes?.close();
      await corpora.close();
      await corpus.close();
      if (!options.store) await store.close();
    },
  };
}
