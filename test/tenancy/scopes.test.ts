// Channel scopes as the bot reads them: from the store once, then from memory, until another
// process's change is announced (store/changes.ts) and the server's are read again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { cachedScopes } from '../../src/tenancy/scopes.ts';

const A = '111111111111111111';
const B = '222222222222222222';
let dataDir: string;
let store: Store;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'citebot-scopes-'));
  store = await openStore({ dataDir, storeQuestions: false });
});
afterAll(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const scope = (guildId: string, articles: string[]) => ({ guildId, channelId: '9', articles });

describe('cachedScopes', () => {
  it('keeps answering from the scope it read until told the server changed, then reads that server’s again, and only that one’s', async () => {
    const scopes = cachedScopes(store);
    await scopes.set(scope(A, ['a1']), 'u');
    await scopes.set(scope(B, ['b1']), 'u');
    // Another host changes both servers' scopes in the shared store.
    await store.setChannelScope(scope(A, ['a2']), 'other');
    await store.setChannelScope(scope(B, ['b2']), 'other');
    expect((await scopes.get(A, '9'))?.articles).toEqual(['a1']);
    scopes.forget(A);
    expect((await scopes.get(A, '9'))?.articles).toEqual(['a2']);
    expect((await scopes.get(B, '9'))?.articles).toEqual(['b1']);
    scopes.forgetAll();
    expect((await scopes.get(B, '9'))?.articles).toEqual(['b2']);
  });
});
