// The stand-in delivers messages people post as Discord does: MESSAGE_CREATE only with the Guild Messages
// intent, and a message's text only when it mentions the bot (the bot has no Message Content intent).
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { noIdentifyThrottle, startStandIn } from './discord-standin.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function boot(intents: GatewayIntentBits[]) {
  const standIn = await startStandIn();
  cleanups.push(() => standIn.close());
  const client = new Client({ intents, rest: { api: standIn.apiUrl }, ws: noIdentifyThrottle });
  cleanups.push(() => client.destroy());
  const ready = once(client, Events.ClientReady);
  await client.login('stand-in-test-token');
  await ready;
  const seen: Message[] = [];
  client.on(Events.MessageCreate, (m) => void seen.push(m));
  return { standIn, client, seen };
}

describe('messages posted in the stand-in', () => {
  it('reach a bot with Guild Messages, with their text only when they mention it', async () => {
    const { standIn, seen } = await boot([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    standIn.postMessage('just chatting about chips');
    standIn.postMessage(`<@${standIn.botUserId}> which chips?`);
    await standIn.waitFor(() => seen.length === 2, 3000, 'two messages');
    expect(seen.map((m) => m.content)).toEqual(['', `<@${standIn.botUserId}> which chips?`]);
    expect(seen[1]!.mentions.users.has(standIn.botUserId)).toBe(true);
    expect(seen[1]!.author.id).not.toBe(standIn.botUserId);
  });

  it('do not reach a bot without Guild Messages', async () => {
    const { standIn, seen } = await boot([GatewayIntentBits.Guilds]);
    const posted = standIn.postMessage(`<@${standIn.botUserId}> which chips?`);
    expect(standIn.messages.get(posted.id)?.content).toBe(`<@${standIn.botUserId}> which chips?`);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([]);
  });

  it('come from a bot when asked, in a thread when asked, as a reply when asked', async () => {
    const { standIn, client, seen } = await boot([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    const channel = client.channels.cache.get(standIn.guilds[0]!.textChannelId);
    if (!channel?.isSendable()) throw new Error('no text channel');
    const mine = await channel.send('an answer');
    const thread = await mine.startThread({ name: 'a thread' });
    standIn.postMessage(`<@${standIn.botUserId}> more?`, { channelId: thread.id, author: { id: '300000000000000001', bot: true }, replyTo: mine.id });
    await standIn.waitFor(() => seen.length === 1, 3000, 'a message');
    expect(seen[0]!.channelId).toBe(thread.id);
    expect(seen[0]!.author.bot).toBe(true);
    expect(seen[0]!.reference?.messageId).toBe(mine.id);
  });
});
