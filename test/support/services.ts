// What the bot's handlers use, for tests that drive the dispatcher without a client: the real
// server corpora and scopes over a fixed base index (no folder watch, no rebuild of the base).
import type { BotServices } from '../../src/bot/context.ts';
import type { Logger } from '../../src/bot/log.ts';
import type { Config } from '../../src/config.ts';
import type { LiveIndex } from '../../src/reload/live.ts';
import type { SearchIndex } from '../../src/search/index.ts';
import { nullStore, type Store } from '../../src/store/index.ts';
import { serverCorpora } from '../../src/tenancy/corpora.ts';
import { cachedScopes } from '../../src/tenancy/scopes.ts';

/** A live index that never reloads: the base a test hands in. */
export function fixedLive(index: SearchIndex): LiveIndex {
  return {
    current: () => index,
    wasRemoved: () => false,
    reload: () => Promise.resolve({ ok: false, problems: ['this test does not reload'] }),
    close: () => Promise.resolve(),
  };
}

export async function botServices(index: SearchIndex, config: Config, log: Logger, store: Store = nullStore()): Promise<BotServices> {
  const corpora = await serverCorpora({ base: fixedLive(index), store, budget: 2, warn: () => {} });
  return { config, log, store, corpora, scopes: cachedScopes(store) };
}
