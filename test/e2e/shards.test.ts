// SHARDS=2: one process runs both shards' gateway connections (internal sharding) and answers in the
// guilds of each, through the real discord.js client and the Discord stand-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardForGuild } from '../support/discord-standin.ts';
import { citations, NOTES, runScript, startBotUnderTest, TOKEN, type BotUnderTest } from './harness.ts';

describe('with SHARDS=2', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBotUnderTest({ standIn: { shards: 2, guilds: 5 }, env: { SHARDS: '2' } });
  });
  afterAll(() => bot.close());

  it('identifies once for each shard, as shard 0 and 1 of 2, and is ready once with every guild', async () => {
    expect(bot.standIn.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(await bot.standIn.waitForReadyShards(2)).toEqual([0, 1]);
    const ready = bot.logs.filter((l) => l.event === 'ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({ shards: 2, guilds: 5 });
  });

  it('answers an interaction in a guild of each shard, over that shard', async () => {
    for (const shard of [0, 1]) {
      const guildId = bot.standIn.guildIds.find((id) => shardForGuild(id, 2) === shard)!;
      const sent = bot.standIn.slashCommand('ask', { question: 'Which chips are used for inference?' }, { guildId });
      expect(sent.shard).toBe(shard);

      const { callback, message, embed } = await bot.answer(sent);
      expect(callback.type).toBe(4);
      expect(message?.channel_id).toBe(bot.standIn.guilds.find((g) => g.id === guildId)!.textChannelId);
      expect(citations(embed.description)).toEqual([`${NOTES}#summary-1`]);
    }
    // The log line follows the reply.
    await bot.standIn.waitFor(() => bot.logs.filter((l) => l.event === 'interaction').length === 2, 2000, 'two interaction log lines');
    expect(bot.logs.filter((l) => l.event === 'interaction').map((l) => l['guild'])).toEqual(
      [0, 1].map((shard) => bot.standIn.guildIds.find((id) => shardForGuild(id, 2) === shard)),
    );
  });
});

describe('with shard ids a host cannot run', () => {
  it('stops before connecting, with one line naming the variable, and exit code 2', async () => {
    const host = runScript('src/main.ts', {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: 'http://127.0.0.1:1/api',
      SHARD_COUNT: '2',
      SHARD_IDS: '1-2',
    });
    expect(await host.exited).toEqual({ code: 2, signal: null });
    expect(host.stderr().trim().split('\n')).toEqual([
      'citebot: configuration problem:',
      '  SHARD_IDS: shard 2 is not below SHARD_COUNT (2): ids run from 0 to 1',
    ]);
  });
});
