import type { Channel } from 'discord.js';
import type { CommandContext } from '../command.ts';
import type { Config } from '../config.ts';
import type { CorpusAdmin } from '../reload/admin.ts';
import type { SearchIndex } from '../search/index.ts';
import type { ChannelScope, Store } from '../store/index.ts';
import type { ServerCorpora, ServerCorpus } from '../tenancy/corpora.ts';
import type { Scopes } from '../tenancy/scopes.ts';
import type { Logger } from './log.ts';

export type { Command, MessageCommand, SlashCommand } from '../command.ts';

/** What the bot holds for every interaction: the configuration, the log, the store, every server's corpus and scopes. */
export interface BotServices {
  readonly config: Config;
  readonly log: Logger;
  readonly store: Store;
  readonly corpora: ServerCorpora;
  readonly scopes: Scopes;
  /** The base corpus, for /reload and /quote's "removed"; absent, they say they need the running bot. */
  readonly corpus?: CorpusAdmin;
}

/**
 * What a handler may use: the services, and what this one interaction answers
 * from, chosen once where it arrived (see serve) and never read again.
 */
export interface BotContext extends BotServices {
  readonly index: SearchIndex;
  readonly server: ServerCorpus;
  /** The channel scopes belong to (a thread's parent), and its scope. */
  readonly channelId: string | null;
  readonly scope: ChannelScope | null;
}

/** Where an interaction or a message arrived. */
export interface Arrival {
  readonly guildId: string | null;
  readonly channelId: string | null;
  readonly channel: Channel | null;
}

/**
 * Chooses, once, what an interaction answers from: its server's corpus (the
 * base and that server's own articles; the base alone outside a server) and
 * its channel's scope. The server id comes from Discord, never from an option.
 * Without `wait` (autocomplete), a server whose index is not built yet gets the
 * base while it is built, and the channel's scope is not read.
 */
export async function serve(services: BotServices, at: Arrival, wait = true): Promise<BotContext> {
  const server = wait ? await services.corpora.forGuild(at.guildId) : services.corpora.atHand(at.guildId);
  const channelId = at.channel?.isThread() ? at.channel.parentId : at.channelId;
  // Autocomplete reads no scope: it is not looked up for it.
  const scope = wait && at.guildId !== null && channelId ? await services.scopes.get(at.guildId, channelId) : null;
  return { ...services, index: server.index, server, channelId, scope };
}

/** What the commands are lent in a bot: the store, the base corpus, and the server they were used in, acting as `userId`. */
export function commandContext(ctx: BotContext, userId: string): CommandContext {
  const { guildId } = ctx.server;
  return {
    store: ctx.store,
    ...(ctx.corpus && { corpus: ctx.corpus }),
    ...(guildId !== null && {
      server: {
        guildId,
        userId,
        current: ctx.server,
        store: ctx.store,
        corpora: ctx.corpora,
        apiOrigin: new URL(ctx.config.discordApiUrl).origin,
        channelId: ctx.channelId,
        scope: ctx.scope,
        scopes: ctx.scopes,
      },
    }),
  };
}

/** What a handler reports for the interaction's log line. */
export interface Outcome {
  readonly results?: number | undefined;
}
