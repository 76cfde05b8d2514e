// When things go wrong, through the real discord.js client and the Discord stand-in: a handler that
// throws or is slow, a gateway that drops, a callback Discord refuses or rate-limits, an interaction
// that can no longer be answered. The user gets one answer or one short note; the bot stays up.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { askCommand } from '../../commands/ask.ts';
import { privateOption } from '../../commands/options.ts';
import type { SlashCommand } from '../../src/command.ts';
import { unescapeUserText } from '../../src/render/escape.ts';
import type { SentInteraction, StandIn } from '../support/discord-standin.ts';
import { citations, isEphemeral, sentPayloads, startBotUnderTest, type BotUnderTest, type BotUnderTestOptions } from './harness.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A command of the test's own: a name, a `private` option like /ask's, and what it runs. */
function testCommand(name: string, run: SlashCommand['run']): SlashCommand {
  return { kind: 'slash', data: { name, description: `${name}, for a test`, options: [privateOption] }, run };
}

/** The real /ask under another name, answering only after `ms`. */
function slowAsk(name: string, ms: number): SlashCommand {
  return {
    ...askCommand,
    data: { ...askCommand.data, name },
    run: async (index, options) => (await sleep(ms), askCommand.run(index, options)),
  };
}

const boom = testCommand('boom', () => {
  throw new Error('kaboom');
});
const boomAfterDeferring = testCommand('boom-after', async () => {
  await sleep(2400);
  throw new Error('kaboom after deferring');
});

const CALLBACK = /^\/interactions\/[^/]+\/[^/]+\/callback$/;
const callbackRequests = (standIn: StandIn, sent: SentInteraction) =>
  standIn.requests.filter((r) => r.path === `/interactions/${sent.id}/${sent.token}/callback`);
const webhookRequests = (standIn: StandIn, sent: SentInteraction) =>
  standIn.requests.filter((r) => r.path.startsWith(`/webhooks/${standIn.applicationId}/${sent.token}`));
/** Messages the stand-in holds for an interaction: its reply, edits of it, follow-ups. */
const messagesFor = (standIn: StandIn, sent: SentInteraction) =>
  [...standIn.messages.values()].filter((m) => m.interaction_metadata?.id === sent.id);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});
async function start(options: BotUnderTestOptions = {}): Promise<BotUnderTest> {
  const bot = await startBotUnderTest(options);
  cleanups.push(() => bot.close());
  return bot;
}

/** /ask "students" answered in public, as after any fault: the bot is still up and well. */
async function stillAnswers(bot: BotUnderTest): Promise<void> {
  const { callback, embed } = await bot.answer(bot.standIn.slashCommand('ask', { question: 'students' }));
  expect(callback.type).toBe(4);
  expect(citations(embed.description).length).toBeGreaterThan(0);
}

describe('a handler that throws', () => {
  it('tells the user something went wrong with a ref, logs the error with that ref, and answers the next interaction', async () => {
    const bot = await start({ commands: [...commands, boom] });

    const { callback, embed } = await bot.answer(bot.standIn.slashCommand('boom'));
    expect(callback.type).toBe(4);
    expect(isEphemeral(callback)).toBe(true);
    const said = unescapeUserText(embed.description ?? '');
    expect(said).toMatch(/^Something went wrong \(ref [0-9A-F]{6}\)\. It has been logged; please try again\.$/);
    const ref = /ref ([0-9A-F]{6})/.exec(said)![1];

    const errors = bot.logs.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ event: 'handler failed', command: 'boom', ref, error: { message: 'kaboom' } });
    expect((errors[0]!['error'] as { stack: string }).stack).toContain('faults.test.ts');
    // The ref is all the user sees of it.
    expect(JSON.stringify(callback.data)).not.toContain('kaboom');

    await stillAnswers(bot);
  });

  it('edits the note into the deferred reply when the handler fails after Discord was told to wait', async () => {
    const bot = await start({ commands: [...commands, boomAfterDeferring] });
    const sent = bot.standIn.slashCommand('boom-after');

    const { callback } = await bot.answer(sent);
    expect(callback.type).toBe(5);
    const edit = await bot.standIn.waitFor(
      () => webhookRequests(bot.standIn, sent).find((r) => r.method === 'PATCH' && r.status === 200),
      4000,
      'the edit',
    );
    expect(edit.path.endsWith('/messages/@original')).toBe(true);
    const note = bot.standIn.originalFor(sent.token)!;
    expect(unescapeUserText(note.embeds[0]?.description ?? '')).toMatch(/^Something went wrong \(ref [0-9A-F]{6}\)/);
    expect(bot.logs.filter((l) => l.level === 'error').map((l) => l.event)).toEqual(['handler failed']);
  });
});

describe('how long a handler takes', () => {
  it('defers a handler slower than 2 s and then edits its answer in; a fast one replies directly', async () => {
    const bot = await start({ commands: [...commands, slowAsk('slow-ask', 2400)] });
    const sentAt = Date.now();
    const slow = bot.standIn.slashCommand('slow-ask', { question: 'students' });
    const slowPrivate = bot.standIn.slashCommand('slow-ask', { question: 'students', private: true });
    const fast = bot.standIn.slashCommand('ask', { question: 'students' });

    const edited = (s: SentInteraction) =>
      bot.standIn.waitFor(() => webhookRequests(bot.standIn, s).find((r) => r.method === 'PATCH' && r.status === 200), 4000, 'the edit');
    await Promise.all([edited(slow), edited(slowPrivate)]);

    for (const s of [slow, slowPrivate]) {
      const callbacks = bot.standIn.callbacksFor(s.id);
      expect(callbacks.map((c) => c.type)).toEqual([5]);
      expect(callbacks[0]!.at - sentAt).toBeGreaterThanOrEqual(2000);
      expect(callbacks[0]!.at - sentAt).toBeLessThan(3000);
      expect(webhookRequests(bot.standIn, s).map((r) => [r.method, r.path.endsWith('/messages/@original')])).toEqual([['PATCH', true]]);
      const answer = bot.standIn.originalFor(s.token)!;
      expect(citations(answer.embeds[0]?.description).length).toBeGreaterThan(0);
      expect((answer.flags ?? 0) & 128).toBe(0); // no longer "thinking…"
    }
    expect(isEphemeral(bot.standIn.callbacksFor(slow.id)[0]!)).toBe(false);
    expect(isEphemeral(bot.standIn.callbacksFor(slowPrivate.id)[0]!)).toBe(true);
    expect(bot.standIn.originalFor(slowPrivate.token)!.flags).toBe(64);

    // By now the fast one is well past the threshold too: still only its one direct reply.
    expect(bot.standIn.callbacksFor(fast.id).map((c) => c.type)).toEqual([4]);
    expect(webhookRequests(bot.standIn, fast)).toEqual([]);
    expect(bot.logs.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });
});

describe('the gateway', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBotUnderTest();
  });
  afterAll(() => bot.close());

  it('resumes the session after a resumable close (4000) and answers the next interaction', async () => {
    await bot.standIn.closeGateway(4000, 'Unknown error.');
    const resumed = await bot.standIn.waitFor(() => bot.standIn.resumes[0], 5000, 'a resume');
    await bot.standIn.waitForReadyShards(1);

    expect(resumed.accepted).toBe(true);
    expect(bot.standIn.identifies).toHaveLength(1);
    await bot.waitForLog((l) => l.event === 'gateway resumed');
    await stillAnswers(bot);
  });

  it('identifies again after a close that cannot be resumed (4007) and answers the next interaction', async () => {
    const resumes = bot.standIn.resumes.length;
    await bot.standIn.closeGateway(4007, 'Invalid seq.');
    await bot.standIn.waitFor(() => bot.standIn.identifies.length === 2, 5000, 'a second identify');
    await bot.standIn.waitForReadyShards(1);

    expect(bot.standIn.resumes).toHaveLength(resumes);
    expect(bot.standIn.identifies[1]).toMatchObject({ shard: [0, 1], intents: (1 << 0) | (1 << 9) }); // Guilds, Guild Messages
    await stillAnswers(bot);
    expect(bot.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('the interaction callback fails', () => {
  it('answers once, within the interaction’s window, after a 500 and then a 429', async () => {
    const bot = await start();
    bot.standIn.failNext('POST', CALLBACK, 500);
    bot.standIn.failNext('POST', CALLBACK, 429, { message: 'You are being rate limited.', retry_after: 0.3, global: false });
    const sentAt = Date.now();
    const sent = bot.standIn.slashCommand('ask', { question: 'students' });

    const { callback } = await bot.answer(sent);
    await stillAnswers(bot);
    expect(callbackRequests(bot.standIn, sent).map((r) => r.status)).toEqual([500, 429, 204]);
    expect(bot.standIn.callbacksFor(sent.id).map((c) => c.type)).toEqual([4]);
    expect(callback.at - sentAt).toBeGreaterThanOrEqual(300);
    expect(callback.at - sentAt).toBeLessThan(3000);
    expect(messagesFor(bot.standIn, sent)).toHaveLength(1);
    expect(webhookRequests(bot.standIn, sent)).toEqual([]);
  });

  it('does not race a reply held back past the defer threshold with a deferral', async () => {
    const bot = await start();
    // Retried after 2.2 s: the defer timer (2 s) fires while the reply waits.
    bot.standIn.failNext('POST', CALLBACK, 429, { message: 'You are being rate limited.', retry_after: 2.2, global: false });
    const sentAt = Date.now();
    const sent = bot.standIn.slashCommand('ask', { question: 'students' });

    const { callback, message } = await bot.answer(sent);
    expect(callback.at - sentAt).toBeGreaterThanOrEqual(2200);
    await stillAnswers(bot);
    expect(callbackRequests(bot.standIn, sent).map((r) => [r.status, (r.body as { type: number }).type])).toEqual([
      [429, 4],
      [204, 4],
    ]);
    expect(citations(message?.embeds[0]?.description).length).toBeGreaterThan(0);
    expect(messagesFor(bot.standIn, sent)).toHaveLength(1);
    expect(bot.logs.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });
});

describe('an interaction that can no longer be answered', () => {
  it('logs a reply that came after Discord’s deadline (10062) once, and sends nothing more', async () => {
    const bot = await start({ standIn: { ackDeadlineMs: 800 }, commands: [...commands, slowAsk('late-ask', 1200)] });
    const sent = bot.standIn.slashCommand('late-ask', { question: 'students' });

    await bot.waitForLog((l) => l.event === 'interaction gone');
    await stillAnswers(bot);
    expect(bot.logs.filter((l) => l.command === 'late-ask' && l.level !== 'debug')).toEqual([
      expect.objectContaining({ level: 'warn', event: 'interaction gone', code: 10062, reason: 'expired' }),
    ]);
    expect(callbackRequests(bot.standIn, sent).map((r) => r.status)).toEqual([404]);
    expect(webhookRequests(bot.standIn, sent)).toEqual([]);
    expect(messagesFor(bot.standIn, sent)).toEqual([]);
  });

  it('logs an interaction already acknowledged elsewhere (40060) once, and sends nothing more', async () => {
    const bot = await start();
    bot.standIn.failNext('POST', CALLBACK, 400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    const sent = bot.standIn.slashCommand('sources');

    await bot.waitForLog((l) => l.event === 'interaction gone');
    await stillAnswers(bot);
    expect(bot.logs.filter((l) => l.command === 'sources' && l.level !== 'debug')).toEqual([
      expect.objectContaining({ level: 'warn', event: 'interaction gone', code: 40060, reason: 'already answered' }),
    ]);
    expect(callbackRequests(bot.standIn, sent).map((r) => r.status)).toEqual([400]);
    expect(webhookRequests(bot.standIn, sent)).toEqual([]);
    expect(sentPayloads(bot.standIn)).toHaveLength(2); // the refused reply and the next answer
  });
});
