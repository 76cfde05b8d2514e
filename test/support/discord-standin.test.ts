// Proves the Discord stand-in works with the real discord.js client: login, READY + GUILD_CREATE,
// interactions answered through REST, threads, command registration, faults, shutdown and sharding.
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, DiscordAPIError, Events, GatewayIntentBits, REST, Routes } from 'discord.js';
import type { ChatInputCommandInteraction, Interaction } from 'discord.js';
import { noIdentifyThrottle, startStandIn } from './discord-standin.ts';
import type { StandInOptions } from './discord-standin.ts';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function boot(options: StandInOptions = {}, clientShards?: 'auto') {
  const standIn = await startStandIn(options);
  cleanups.push(() => standIn.close());
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: standIn.apiUrl },
    ws: noIdentifyThrottle,
    ...(clientShards ? { shards: clientShards } : {}),
  });
  cleanups.push(() => client.destroy());
  const ready = once(client, Events.ClientReady);
  await client.login('stand-in-test-token');
  await ready;
  return { standIn, client };
}

/** Resolves with the next chat-input interaction after running `handle` on it (rejecting if it throws). */
function onNextCommand(client: Client, handle: (i: ChatInputCommandInteraction) => Promise<unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const listener = (interaction: Interaction) => {
      if (!interaction.isChatInputCommand()) return;
      client.off(Events.InteractionCreate, listener);
      handle(interaction).then(() => resolve(), reject);
    };
    client.on(Events.InteractionCreate, listener);
  });
}

describe('Discord stand-in with the real discord.js client', () => {
  it('logs in, caches the guild, and records a reply with allowed_mentions', async () => {
    const { standIn, client } = await boot();
    const guildId = standIn.guildIds[0]!;
    expect(client.user?.id).toBe(standIn.botUserId);
    expect(client.user?.username).toBe('citebot');
    expect(client.application?.id).toBe(standIn.applicationId);
    expect(client.guilds.cache.get(guildId)?.name).toBe('Stand-in Guild 1');
    expect(client.channels.cache.get(standIn.guilds[0]!.textChannelId)?.isTextBased()).toBe(true);
    expect(standIn.identifies).toHaveLength(1);
    expect(standIn.identifies[0]).toMatchObject({ token: 'stand-in-test-token', intents: GatewayIntentBits.Guilds, shard: [0, 1] });
    expect(standIn.requests.some((r) => r.path === '/gateway/bot' && r.headers['authorization'] === 'Bot stand-in-test-token')).toBe(true);

    let seenQuestion: string | null = null;
    const handled = onNextCommand(client, async (i) => {
      seenQuestion = i.options.getString('question');
      expect(i.guildId).toBe(guildId);
      expect(i.user.username).toBe('tester');
      await i.reply({ content: 'hi', allowedMentions: { parse: [] } });
    });
    const sent = standIn.slashCommand('ask', { question: 'why?' });
    await handled;
    expect(seenQuestion).toBe('why?');
    const cb = await standIn.waitForCallback(sent.id);
    expect(cb.type).toBe(4);
    expect(cb.data).toMatchObject({ content: 'hi', allowed_mentions: { parse: [] } });
    expect(standIn.originalFor(sent.token)).toMatchObject({ content: 'hi', author: { id: standIn.botUserId } });

    // A second acknowledgement is refused the way Discord refuses it.
    const again = client.rest.post(Routes.interactionCallback(sent.id, sent.token), {
      body: { type: 4, data: { content: 'again' } },
      auth: false,
    });
    await expect(again).rejects.toMatchObject({ code: 40060, status: 400 });
    await expect(client.rest.post(Routes.interactionCallback('1', 'nope'), { body: { type: 4 }, auth: false })).rejects.toMatchObject({
      code: 10062,
      status: 404,
    });
  });

  it('defers, edits, follows up and fetches the reply', async () => {
    const { standIn, client } = await boot();
    const results: { edited?: string; followUp?: string; fetched?: string } = {};
    const handled = onNextCommand(client, async (i) => {
      await i.deferReply();
      const edited = await i.editReply({ content: 'answer [1]', embeds: [{ description: 'quote', footer: { text: 'source' } }] });
      results.edited = edited.content;
      const follow = await i.followUp({ content: 'more', flags: 64 });
      results.followUp = follow.id;
      const fetched = await i.fetchReply();
      results.fetched = fetched.content;
    });
    const sent = standIn.slashCommand('ask', { question: 'q', limit: 3 });
    await handled;
    expect(standIn.callbacksFor(sent.id).map((c) => c.type)).toEqual([5]);
    const original = standIn.originalFor(sent.token)!;
    expect(original.content).toBe('answer [1]');
    expect(original.embeds[0]?.footer?.text).toBe('source');
    expect(original.edited_timestamp).not.toBeNull();
    expect((original.flags ?? 0) & 128).toBe(0); // the Loading flag is gone after the edit
    expect(results.edited).toBe('answer [1]');
    expect(results.fetched).toBe('answer [1]');
    const followUps = standIn.followUpsFor(sent.token);
    expect(followUps.map((m) => [m.id, m.content, m.flags])).toEqual([[results.followUp, 'more', 64]]);
    expect(standIn.requests.map((r) => `${r.method} ${r.path.replace(sent.token, ':token')}`)).toEqual(
      expect.arrayContaining([
        `POST /interactions/${sent.id}/:token/callback`,
        `PATCH /webhooks/${standIn.applicationId}/:token/messages/@original`,
        `POST /webhooks/${standIn.applicationId}/:token`,
        `GET /webhooks/${standIn.applicationId}/:token/messages/@original`,
      ]),
    );
  });

  it('rejects an over-long message with Discord’s error', async () => {
    const { standIn, client } = await boot();
    let caught: unknown;
    const handled = onNextCommand(client, async (i) => {
      try {
        await i.reply({ content: 'x'.repeat(2001) });
      } catch (e) {
        caught = e;
      }
    });
    standIn.slashCommand('ask', { question: 'q' });
    await handled;
    expect(caught).toBeInstanceOf(DiscordAPIError);
    expect(caught).toMatchObject({ code: 50035, status: 400 });
    expect(standIn.callbacks).toHaveLength(0);
  });

  it('starts a thread from a reply', async () => {
    const { standIn, client } = await boot();
    let threadId: string | undefined;
    const handled = onNextCommand(client, async (i) => {
      const response = await i.reply({ content: 'answer', withResponse: true });
      const message = response.resource?.message;
      if (!message) throw new Error('no message in the callback response');
      const thread = await message.startThread({ name: 'Sources for "q"' });
      threadId = thread.id;
      await thread.send({ content: 'in thread' });
    });
    const sent = standIn.slashCommand('ask', { question: 'q' });
    await handled;
    const original = standIn.originalFor(sent.token)!;
    expect(standIn.callbacks[0]?.withResponse).toBe(true);
    expect(standIn.threads).toHaveLength(1);
    expect(standIn.threads[0]).toMatchObject({
      id: original.id,
      type: 11,
      parent_id: standIn.guilds[0]!.textChannelId,
      name: 'Sources for "q"',
    });
    expect(threadId).toBe(original.id);
    expect(client.channels.cache.get(original.id)?.isThread()).toBe(true);
    expect(standIn.messagesIn(original.id).map((m) => m.content)).toEqual(['in thread']);
  });

  it('drives autocomplete, message context menus and buttons', async () => {
    const { standIn, client } = await boot();
    const seen: string[] = [];
    client.on(Events.InteractionCreate, (i) => {
      const run = async () => {
        if (i.isAutocomplete()) {
          seen.push(`auto:${i.options.getFocused()}`);
          await i.respond([{ name: 'Ada Lovelace', value: 'ada' }]);
        } else if (i.isMessageContextMenuCommand()) {
          seen.push(`menu:${i.targetMessage.content}`);
          await i.reply({
            content: 'cited',
            components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'more', label: 'More' }] }],
          });
        } else if (i.isButton()) {
          seen.push(`button:${i.customId}:${i.message.id}`);
          await i.update({ content: 'cited (expanded)', components: [] });
        }
      };
      run().catch((e: unknown) => seen.push(`error:${String(e)}`));
    });
    const auto = standIn.autocomplete('ask', { question: 'what', author: 'ad' }, 'author');
    const autoCb = await standIn.waitForCallback(auto.id);
    expect(autoCb).toMatchObject({ type: 8, data: { choices: [{ name: 'Ada Lovelace', value: 'ada' }] } });

    const menu = standIn.messageContextMenu('Cite this', { content: 'Is the moon made of cheese?' });
    await standIn.waitForCallback(menu.id);
    const reply = standIn.originalFor(menu.token)!;
    expect(reply.components).toHaveLength(1);

    const press = standIn.button('more', reply);
    const pressCb = await standIn.waitForCallback(press.id);
    expect(pressCb.type).toBe(7);
    expect(standIn.messages.get(reply.id)?.content).toBe('cited (expanded)');
    expect(standIn.originalFor(press.token)?.id).toBe(reply.id);
    expect(seen).toEqual(['auto:ad', 'menu:Is the moon made of cheese?', `button:more:${reply.id}`]);
  });

  it('stores commands registered through REST', async () => {
    const standIn = await startStandIn();
    cleanups.push(() => standIn.close());
    const rest = new REST({ api: standIn.apiUrl }).setToken('stand-in-test-token');
    const guildId = standIn.guildIds[0]!;
    const body = [
      { name: 'ask', description: 'Ask the corpus', options: [{ type: 3, name: 'question', description: 'What to ask', required: true }] },
      { name: 'Cite this', type: 3 },
    ];
    const saved = (await rest.put(Routes.applicationGuildCommands(standIn.applicationId, guildId), { body })) as {
      id: string;
      name: string;
    }[];
    expect(saved.map((c) => c.name)).toEqual(['ask', 'Cite this']);
    expect(standIn.commands.guilds.get(guildId)?.map((c) => [c.id, c.name, c.guild_id])).toEqual(saved.map((c) => [c.id, c.name, guildId]));
    // Overwriting keeps ids of commands that stay; GET returns what is stored.
    await rest.put(Routes.applicationCommands(standIn.applicationId), { body: [body[0]] });
    const again = (await rest.put(Routes.applicationGuildCommands(standIn.applicationId, guildId), { body })) as { id: string }[];
    expect(again.map((c) => c.id)).toEqual(saved.map((c) => c.id));
    expect(standIn.commands.global.map((c) => c.name)).toEqual(['ask']);
    expect(await rest.get(Routes.applicationCommands(standIn.applicationId))).toHaveLength(1);
    // Discord's validation: upper-case slash-command names are refused.
    await expect(
      rest.put(Routes.applicationCommands(standIn.applicationId), { body: [{ name: 'Ask', description: 'x' }] }),
    ).rejects.toMatchObject({ code: 50035 });
  });

  it('injects REST faults: a 500 is retried, a 429 is waited out, a rejected token is 401', async () => {
    const standIn = await startStandIn({ rejectTokens: ['bad-token'] });
    cleanups.push(() => standIn.close());
    const rest = new REST({ api: standIn.apiUrl, retries: 1, timeout: 2000 }).setToken('stand-in-test-token');
    standIn.failNext('GET', '/users/@me', 500);
    standIn.failNext('GET', /^\/users\/@me$/, 429, { retry_after: 0.05, global: false });
    const me = (await rest.get(Routes.user('@me'))) as { id: string };
    expect(me.id).toBe(standIn.botUserId);
    expect(standIn.requests.filter((r) => r.path === '/users/@me').map((r) => r.status)).toEqual([500, 429, 200]);
    const bad = new REST({ api: standIn.apiUrl }).setToken('bad-token');
    await expect(bad.get(Routes.user('@me'))).rejects.toMatchObject({ status: 401, code: 0 });
  });

  it('sees a normal close (1000) when the client is destroyed, and a resume after a 4000 close', async () => {
    const { standIn, client } = await boot();
    await standIn.closeGateway(4000);
    await standIn.waitFor(() => standIn.resumes.length === 1 && standIn.readyShards.length === 1, 5000, 'the resume');
    expect(standIn.resumes[0]).toMatchObject({ accepted: true, sessionId: expect.stringMatching(/^standin-session-/) as unknown });
    expect(standIn.identifies).toHaveLength(1);
    expect(standIn.closes.map((c) => [c.code, c.initiatedBy])).toEqual([[4000, 'server']]);

    await client.destroy();
    const close = await standIn.waitFor(() => standIn.closes.find((c) => c.initiatedBy === 'client'), 2000, 'the client close');
    expect(close.code).toBe(1000);
    expect(standIn.openConnections).toBe(0);
  });

  it('re-identifies after 4007 and gives up after 4004', async () => {
    const { standIn, client } = await boot();
    await standIn.closeGateway(4007);
    await standIn.waitFor(() => standIn.identifies.length === 2 && standIn.readyShards.length === 1, 5000, 'the re-identify');
    expect(standIn.resumes).toHaveLength(0);

    const disconnected = once(client, Events.ShardDisconnect);
    client.on(Events.ShardError, () => {}); // "Authentication failed" is expected here
    await standIn.closeGateway(4004);
    const [event] = (await disconnected) as [{ code: number }];
    expect(event.code).toBe(4004);
    expect(standIn.openConnections).toBe(0);
    expect(standIn.connections).toBe(2);
  });

  it('accepts multipart replies with files and refuses a late first response', async () => {
    const { standIn, client } = await boot({ ackDeadlineMs: 250 });
    const handled = onNextCommand(client, async (i) => {
      await i.reply({ content: 'see file', files: [{ attachment: Buffer.from('quote text'), name: 'sources.txt' }] });
    });
    const sent = standIn.slashCommand('ask', { question: 'q' });
    await handled;
    const cb = await standIn.waitForCallback(sent.id);
    expect(cb.files.map((f) => [f.filename, f.data.toString()])).toEqual([['sources.txt', 'quote text']]);
    expect(standIn.originalFor(sent.token)?.attachments.map((a) => a.filename)).toEqual(['sources.txt']);

    let caught: unknown;
    const slow = onNextCommand(client, async (i) => {
      await new Promise((r) => setTimeout(r, 350));
      await i.deferReply().catch((e: unknown) => (caught = e));
    });
    standIn.slashCommand('ask', { question: 'slow' });
    await slow;
    expect(caught).toMatchObject({ code: 10062, status: 404 });
  });

  it('refuses an identify within 5 s of another in its bucket, from any client, with Opcode 9', async () => {
    const { standIn } = await boot({ enforceIdentifyLimit: true });
    // A second host's client: its own process would know nothing of the first's identify.
    const other = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standIn.apiUrl }, ws: noIdentifyThrottle });
    cleanups.push(() => other.destroy());
    const ready = once(other, Events.ClientReady);
    await other.login('stand-in-test-token');
    await ready;
    const tooSoon = standIn.identifies.map((i) => i.tooSoon);
    // The first client's, then the other's refused until the window passed, then let through.
    expect(tooSoon[0]).toBe(false);
    expect(tooSoon[1]).toBe(true);
    expect(tooSoon.at(-1)).toBe(false);
    expect(standIn.readyShards).toEqual([0, 0]);
  });

  it('gives each of two shards its own guild', async () => {
    const { standIn, client } = await boot({ shards: 2, guilds: 2, maxConcurrency: 2 }, 'auto');
    expect(standIn.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(client.guilds.cache.size).toBe(2);
    const [g0, g1] = standIn.guildIds as [string, string];
    expect(client.guilds.cache.get(g0)?.shardId).toBe(0);
    expect(client.guilds.cache.get(g1)?.shardId).toBe(1);
    const shardSeen = new Promise<number>((resolve) => client.once(Events.InteractionCreate, (i) => resolve(i.guild!.shardId)));
    const sent = standIn.slashCommand('ask', { question: 'q' }, { guildId: g1 });
    expect(sent.shard).toBe(1);
    expect(await shardSeen).toBe(1);
  });
});
