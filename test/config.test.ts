import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.ts';

// Made up for the tests, and deliberately not shaped like a real token (three dot-separated base64 parts).
const TOKEN = 'fake-test-token-s3cr3t-v4lu3_that-must-never-leak';

function problems(env: Record<string, string | undefined>): string[] {
  const result = readConfig(env);
  if (result.ok) throw new Error(`expected ${JSON.stringify(Object.keys(env))} to be refused`);
  return result.error;
}

describe('readConfig', () => {
  it('needs nothing: without a token it is the local console, with every default', () => {
    expect(readConfig({})).toEqual({
      ok: true,
      value: {
        discordToken: undefined,
        discordClientId: undefined,
        discordGuildId: undefined,
        discordApiUrl: 'https://discord.com/api',
        corpusDir: 'corpus',
        cacheDir: '.cache',
        corpusWritable: true,
        logLevel: 'info',
        cooldownSeconds: 3,
        shards: undefined,
        dataDir: '.data',
        databaseUrl: undefined,
        storeQuestions: false,
        serverIndexes: 8,
      },
    });
  });

  it('counts a blank value as missing', () => {
    const blank = {
      DISCORD_TOKEN: '',
      DISCORD_CLIENT_ID: '   ',
      DISCORD_GUILD_ID: '',
      DISCORD_API_URL: ' ',
      CORPUS_DIR: '',
      CACHE_DIR: '',
      LOG_LEVEL: '',
      COOLDOWN_SECONDS: ' ',
      SHARDS: '',
      DATA_DIR: '',
      DATABASE_URL: ' ',
      STORE_QUESTIONS: '',
      SERVER_INDEXES: ' ',
    };
    expect(readConfig(blank)).toEqual(readConfig({}));
  });

  it('reads every variable, trimmed', () => {
    const result = readConfig({
      DISCORD_TOKEN: ` ${TOKEN} `,
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_GUILD_ID: ' 876543210987654321 ',
      DISCORD_API_URL: 'http://localhost:3000/api/',
      CORPUS_DIR: 'articles',
      CACHE_DIR: '/var/cache/citebot',
      CORPUS_WRITABLE: ' False ',
      LOG_LEVEL: ' DEBUG ',
      COOLDOWN_SECONDS: '0',
      SHARDS: 'auto',
      DATA_DIR: '/var/lib/citebot',
      DATABASE_URL: ' postgres://citebot@127.0.0.1:5432/citebot ',
      STORE_QUESTIONS: ' true ',
      SERVER_INDEXES: ' 40 ',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        discordToken: TOKEN,
        discordClientId: '123456789012345678',
        discordGuildId: '876543210987654321',
        discordApiUrl: 'http://localhost:3000/api',
        corpusDir: 'articles',
        cacheDir: '/var/cache/citebot',
        corpusWritable: false,
        logLevel: 'debug',
        cooldownSeconds: 0,
        shards: 'auto',
        dataDir: '/var/lib/citebot',
        databaseUrl: 'postgres://citebot@127.0.0.1:5432/citebot',
        storeQuestions: true,
        serverIndexes: 40,
      },
    });
  });

  it('refuses a server index budget that is not a whole number of 1 or more', () => {
    expect(readConfig({ SERVER_INDEXES: '0' })).toEqual({ ok: false, error: ['SERVER_INDEXES: must be 1 or more'] });
    expect(readConfig({ SERVER_INDEXES: '2.5' })).toEqual({ ok: false, error: ['SERVER_INDEXES: must be a whole number'] });
  });

  it('reads a shard count as every shard of that many', () => {
    expect(readConfig({ SHARDS: '4' })).toMatchObject({ ok: true, value: { shards: { count: 4, ids: [0, 1, 2, 3] } } });
  });

  it('runs the shards SHARD_IDS lists, ranges and single ids, out of SHARD_COUNT', () => {
    expect(readConfig({ SHARD_COUNT: '8', SHARD_IDS: '0-3' })).toMatchObject({
      ok: true,
      value: { shards: { count: 8, ids: [0, 1, 2, 3] } },
    });
    expect(readConfig({ SHARD_COUNT: '8', SHARD_IDS: ' 6, 1-2 ,4' })).toMatchObject({
      ok: true,
      value: { shards: { count: 8, ids: [1, 2, 4, 6] } },
    });
    expect(readConfig({ SHARD_COUNT: '3' })).toMatchObject({ ok: true, value: { shards: { count: 3, ids: [0, 1, 2] } } });
  });

  it('refuses shard ids a host cannot run, one line naming the variable', () => {
    expect(problems({ SHARD_IDS: '0,1' })).toEqual(['SHARD_IDS: needs SHARD_COUNT, the number of shards across every host']);
    expect(problems({ SHARD_COUNT: '4', SHARD_IDS: '2-4' })).toEqual([
      'SHARD_IDS: shard 4 is not below SHARD_COUNT (4): ids run from 0 to 3',
    ]);
    expect(problems({ SHARD_COUNT: '4', SHARD_IDS: '0,1,1' })).toEqual(['SHARD_IDS: shard 1 is listed twice']);
    expect(problems({ SHARD_COUNT: '4', SHARD_IDS: '3-1' })).toEqual(['SHARD_IDS: the range 3-1 runs backwards']);
    expect(problems({ SHARD_COUNT: '4', SHARD_IDS: 'first' })).toEqual(['SHARD_IDS: must be shard ids such as 0,1 or a range such as 0-3']);
    expect(problems({ SHARD_COUNT: '0', SHARD_IDS: '0' })).toEqual(['SHARD_COUNT: must be a shard count of 1 or more']);
    expect(problems({ SHARDS: '2', SHARD_COUNT: '4', SHARD_IDS: '0' })).toEqual([
      'SHARDS: set SHARDS (this host runs every shard) or SHARD_COUNT with SHARD_IDS (this host runs some), not both',
    ]);
  });

  it('gives a configuration that cannot be changed', () => {
    const result = readConfig({});
    expect(result.ok && Object.isFrozen(result.value)).toBe(true);
  });

  it('lists every problem, one line each, naming the variable', () => {
    expect(
      problems({
        DISCORD_TOKEN: 'abc',
        DISCORD_CLIENT_ID: 'my-bot',
        DISCORD_GUILD_ID: '12',
        DISCORD_API_URL: 'ftp://discord.com/api',
        LOG_LEVEL: 'verbose',
        COOLDOWN_SECONDS: 'soon',
        SHARDS: 'many',
      }),
    ).toEqual([
      'DISCORD_TOKEN: does not look like a bot token (too short)',
      'DISCORD_CLIENT_ID: must be a Discord id (digits only)',
      'DISCORD_GUILD_ID: must be a Discord id (digits only)',
      'DISCORD_API_URL: must be an http(s) URL',
      'LOG_LEVEL: must be one of debug, info, warn, error',
      'COOLDOWN_SECONDS: must be a number of seconds',
      'SHARDS: must be "auto" or a shard count',
    ]);
  });

  it('says what is wrong with a number out of range', () => {
    expect(problems({ COOLDOWN_SECONDS: '-1' })).toEqual(['COOLDOWN_SECONDS: must be 0 or more']);
    expect(problems({ COOLDOWN_SECONDS: '7200' })).toEqual(['COOLDOWN_SECONDS: must be at most 3600']);
    expect(problems({ SHARDS: '0' })).toEqual(['SHARDS: must be "auto" or a shard count of 1 or more']);
    expect(problems({ SHARDS: '2.5' })).toEqual(['SHARDS: must be "auto" or a shard count']);
  });

  it('refuses a token with spaces in it, as pasted with its label', () => {
    expect(problems({ DISCORD_TOKEN: `Bot ${TOKEN}` })).toEqual(['DISCORD_TOKEN: must not contain spaces']);
  });

  it('never shows a token, or any value, in a message', () => {
    const secrets = [`${TOKEN} x`, TOKEN.slice(0, 12), `ftp://${TOKEN}`, `${TOKEN.slice(0, 10)}-not-a-number`];
    const names = [
      'DISCORD_TOKEN',
      'DISCORD_CLIENT_ID',
      'DISCORD_GUILD_ID',
      'DISCORD_API_URL',
      'LOG_LEVEL',
      'COOLDOWN_SECONDS',
      'SHARD_COUNT',
      'SHARD_IDS',
    ];
    for (const secret of secrets) {
      const result = readConfig(Object.fromEntries(names.map((n) => [n, secret])));
      expect(result.ok).toBe(false);
      const messages = result.ok ? [] : result.error;
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) {
        expect(m).not.toContain(secret.trim());
        expect(m).not.toContain(TOKEN.slice(0, 10));
      }
    }
  });

  it('reads where the feedback store lives and whether questions are kept', () => {
    expect(readConfig({ STORE_QUESTIONS: 'TRUE' })).toMatchObject({ ok: true, value: { storeQuestions: true } });
    expect(readConfig({ DATABASE_URL: 'postgresql://127.0.0.1/citebot', STORE_QUESTIONS: 'false' })).toMatchObject({
      ok: true,
      value: { storeQuestions: false },
    });
  });

  it('refuses a database that is not PostgreSQL, or a yes/no that is neither, without echoing the value', () => {
    expect(problems({ DATABASE_URL: 'mysql://bot:s3cr3t-pw@db/citebot' })).toEqual(['DATABASE_URL: must be a postgres:// URL']);
    expect(problems({ STORE_QUESTIONS: 'yes please' })).toEqual(['STORE_QUESTIONS: must be true or false']);
  });
});
