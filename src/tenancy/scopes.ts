import { ok, type Result } from '../result.ts';
import type { ChannelScope, ScopeStore, StoreFailure } from '../store/types.ts';

/** Channel scopes as the bot reads them on every answer: from the store once, then from memory. */
export interface Scopes {
  /** The channel's scope, or null; a store that cannot be read gives null (answers go on, unscoped). */
  get(guildId: string, channelId: string): Promise<ChannelScope | null>;
  set(scope: ChannelScope, setBy: string): Promise<Result<void, StoreFailure>>;
  /** True when the channel had a scope. */
  clear(guildId: string, channelId: string): Promise<Result<boolean, StoreFailure>>;
  /** Another process changed the server's scopes: they are read from the store again at next use. */
  forget(guildId: string): void;
  /** Changes may have been missed: every scope is read from the store again at next use. */
  forgetAll(): void;
}

/**
 * Scopes kept in the store, cached per channel. A scope set by another
 * process sharing a PostgreSQL store reaches this one when it is told to
 * forget the server's (see store/changes.ts).
 */
export function cachedScopes(store: ScopeStore): Scopes {
  const cache = new Map<string, ChannelScope | null>();
  const key = (guildId: string, channelId: string) => `${guildId}/${channelId}`;
  return {
    async get(guildId, channelId) {
      const k = key(guildId, channelId);
      if (cache.has(k)) return cache.get(k)!;
      const read = await store.channelScope(guildId, channelId);
      if (!read.ok) return null;
      cache.set(k, read.value);
      return read.value;
    },
    async set(scope, setBy) {
      const written = await store.setChannelScope(scope, setBy);
      if (written.ok) cache.set(key(scope.guildId, scope.channelId), scope);
      return written;
    },
    async clear(guildId, channelId) {
      const cleared = await store.clearChannelScope(guildId, channelId);
      if (cleared.ok) cache.set(key(guildId, channelId), null);
      return cleared.ok ? ok(cleared.value) : cleared;
    },
    forget(guildId) {
      for (const k of cache.keys()) if (k.startsWith(`${guildId}/`)) cache.delete(k);
    },
    forgetAll: () => cache.clear(),
  };
}
