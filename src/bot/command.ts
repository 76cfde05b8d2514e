import type { Config } from '../config.ts';
import type { CorpusAdmin } from '../reload/admin.ts';
import type { SearchIndex } from '../search/index.ts';
import type { Store } from '../store/index.ts';
import type { Logger } from './log.ts';

export type { Command, MessageCommand, SlashCommand } from '../command.ts';

/** What a handler may use: the index, the configuration, the log, the feedback store, the live corpus. */
export interface BotContext {
  readonly index: SearchIndex;
  readonly config: Config;
  readonly log: Logger;
  readonly store: Store;
  /** For /reload, /article and /quote's "removed"; absent, they say they need the running bot. */
  readonly corpus?: CorpusAdmin;
}

/** What a handler reports for the interaction's log line. */
export interface Outcome {
  readonly results?: number | undefined;
}
