// The team's conversation, through the real discord.js client and the Discord stand-in: follow-ups that
// mention the bot (in a Discuss thread, in a channel), Find sources replying to the claim, 👍/👎 recorded
// and read back by `npm run report`, 🗑 for the asker only, and feedback with a data folder that cannot be written.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIEmbed, APIMessage } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MENTION_HINT } from '../../src/bot/messages.ts';
import { payloadProblems } from '../support/payload-check.ts';
import { allCustomIds, citations, CULTURE, isEphemeral, NOTES, sentPayloads, startBotUnderTest, type BotUnderTest } from './harness.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const tmp = mkdtempSync(join(tmpdir(), 'citebot-conversation-'));
const dataDir = join(tmp, 'data');
const GUILDS = 1 << 0;
const GUILD_MESSAGES = 1 << 9;
const PRIVILEGED = (1 << 1) | (1 << 8) | (1 << 15);

let bot: BotUnderTest;
let checkedSent = 0;
beforeAll(async () => {
  bot = await startBotUnderTest({ env: { DATA_DIR: dataDir, STORE_QUESTIONS: 'true' } });
});
afterEach(() => {
  // Whatever a test did, every message the bot sent is within Discord's limits and pings no one.
  const sent = sentPayloads(bot.standIn);
  expect(sent.slice(checkedSent).flatMap((p) => payloadProblems(p))).toEqual([]);
  checkedSent = sent.length;
  expect(bot.logs.filter((l) => l.level === 'error')).toEqual([]);
});
afterAll(async () => {
  await bot.close();
  rmSync(tmp, { recursive: true, force: true });
});

const mention = () => `<@${bot.standIn.botUserId}>`;
/** The bot's message that answers `asked` (a reply referencing it). */
const replyTo = (asked: APIMessage) =>
  bot.standIn.waitForMessage((m) => m.author.id === bot.standIn.botUserId && m.message_reference?.message_id === asked.id, 3000);
const embedOf = (m: APIMessage): APIEmbed => m.embeds[0] ?? {};
/** The request that created a message, as the bot sent it. */
const bodyOf = (m: APIMessage) =>
  bot.standIn.requests.find(
    (r) =>
      r.method === 'POST' && r.path === `/channels/${m.channel_id}/messages` && (r.response as { id?: string } | undefined)?.id === m.id,
  )?.body as Record<string, unknown>;
const feedbackIds = (m: { components?: unknown }) => allCustomIds(m).filter((id) => id.startsWith('fb1:'));

async function askPublicly(question: string, options: Record<string, string | number> = {}) {
  const answered = await bot.answer(bot.standIn.slashCommand('ask', { question, ...options }));
  return answered.message!;
}

/** `npm run report -- --json`, as its contract says. */
interface ReportDoc {
  answers: number;
  votes: { up: number; down: number };
  downvoted: { citation: string; down: number; up: number }[];
  unanswered: { count: number; questions: string[] };
  topCited: { citation: string; count: number }[];
}

/**
 * `npm run report -- --since 1d --json` on the bot's store. Run without blocking: the bot lives in this
 * process, and answers it has shown are written in batches a few milliseconds later, by its event loop.
 */
async function report(): Promise<ReportDoc> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', '--since', '1d', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', CACHE_DIR: join(tmp, 'cache') },
  });
  return JSON.parse(stdout) as ReportDoc;
}

describe('the gateway connection', () => {
  it('identifies with the Guilds and Guild Messages intents and no privileged intent', () => {
    expect(bot.standIn.identifies.length).toBeGreaterThan(0);
    for (const { intents } of bot.standIn.identifies) {
      expect(intents).toBe(GUILDS | GUILD_MESSAGES);
      expect(intents & PRIVILEGED).toBe(0);
    }
  });
});

describe('a message that mentions the bot', () => {
  it('is answered in the channel as a reply to it, with the cited answer, pinging no one', async () => {
    const asked = bot.standIn.postMessage(`${mention()} which **chips** are used for inference? <@300000000000000002>`);
    const answer = await replyTo(asked);

    expect(answer.channel_id).toBe(asked.channel_id);
    expect(embedOf(answer).title).toBe('which chips are used for inference?');
    expect(citations(embedOf(answer).description)[0]).toBe(`${NOTES}#summary-1`);
    expect(bodyOf(answer)['allowed_mentions']).toEqual({ parse: [], replied_user: false });
    expect(bodyOf(answer)['message_reference']).toMatchObject({ message_id: asked.id });
    expect(feedbackIds(answer)).toHaveLength(3);
  });

  it('in a thread opened with Discuss, is answered in that thread within the thread’s article', async () => {
    const first = await askPublicly('How fast do they move?', { article: CULTURE });
    await bot.answer(bot.standIn.button('cb1:discuss', first));
    const thread = bot.standIn.threads.find((t) => t.id === first.id)!;

    const asked = bot.standIn.postMessage(`${mention()} what about students?`, { channelId: thread.id });
    const answer = await replyTo(asked);
    expect(answer.channel_id).toBe(thread.id);
    const cited = citations(embedOf(answer).description);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.every((c) => c.startsWith(`${CULTURE}#`))).toBe(true);
    // The same question in the channel, with no thread around it, is answered from the other article first.
    const unscoped = await replyTo(bot.standIn.postMessage(`${mention()} what about students?`));
    expect(citations(embedOf(unscoped).description)[0]).toMatch(new RegExp(`^${NOTES}#`));
  });

  it('in a Discuss thread, "the other article" turns to the article the thread did not quote, for the thread’s question', async () => {
    const first = await askPublicly('What about students?', { article: NOTES });
    await bot.answer(bot.standIn.button('cb1:discuss', first));
    const asked = bot.standIn.postMessage(`${mention()} and what about the other article?`, { channelId: first.id });
    const answer = await replyTo(asked);
    expect(citations(embedOf(answer).description)[0]).toBe(`${CULTURE}#key-takeaways-2`);
    // In the thread: no Discuss button under the answer.
    expect(allCustomIds(answer)).not.toContain('cb1:discuss');
  });

  it('that only mentions the bot gets a one-line hint', async () => {
    const asked = bot.standIn.postMessage(`${mention()} `);
    const hint = await replyTo(asked);
    expect(hint.content).toBe(MENTION_HINT);
    expect(hint.embeds).toEqual([]);
  });

  it('is ignored when a bot wrote it, the bot itself included', async () => {
    const fromBot = bot.standIn.postMessage(`${mention()} which chips are used for inference?`, {
      author: { id: '300000000000000077', username: 'otherbot', bot: true },
    });
    const fromItself = bot.standIn.postMessage(`${mention()} which chips are used for inference?`, { author: { ...bot.standIn.botUser } });
    // A message posted after them is answered: by then the two before it were seen and passed over.
    await replyTo(bot.standIn.postMessage(`${mention()} which chips are used for inference?`));
    const answered = [...bot.standIn.messages.values()].filter(
      (m) => m.message_reference && [fromBot.id, fromItself.id].includes(m.message_reference.message_id!),
    );
    expect(answered).toEqual([]);
  });
});

describe('Find sources', () => {
  it('replies to the claim’s message, pinging no one, and leaves no other message behind', async () => {
    const claim = bot.standIn.putMessage(
      { content: 'Chinese labs use Huawei chips for inference, not Nvidia.' },
      bot.standIn.guilds[0]!.textChannelId,
    );
    const sent = bot.standIn.messageContextMenu('Find sources', claim);
    const answer = await replyTo(claim);

    expect(citations(embedOf(answer).description)).toContain(`${NOTES}#summary-1`);
    expect(bodyOf(answer)['allowed_mentions']).toEqual({ parse: [], replied_user: false });
    expect(feedbackIds(answer)).toHaveLength(3);
    // The interaction was acknowledged privately, and that acknowledgement removed.
    const callback = await bot.standIn.waitForCallback(sent.id);
    expect(callback.type).toBe(5);
    expect(isEphemeral(callback)).toBe(true);
    await bot.standIn.waitForRequest((r) => r.method === 'DELETE' && r.path.endsWith(`/${sent.token}/messages/@original`), 3000);
  });
});

describe('feedback', () => {
  it('records 👍 and 👎, shows the vote on the button, lets it change and clear, and npm run report reads it', async () => {
    const answer = await askPublicly('Which chips are used for inference?');
    const [up, down, remove] = feedbackIds(answer);
    expect(up).toMatch(/^fb1:vote:up:/);
    expect(down).toMatch(/^fb1:vote:down:/);
    expect(remove).toBe(`fb1:del:${answer.interaction_metadata!.user.id}`);

    const press = async (id: string, userId?: string) => {
      const sent = bot.standIn.button(id, bot.standIn.messages.get(answer.id)!, userId ? { userId } : {});
      const { callback } = await bot.answer(sent);
      return callback;
    };
    const style = (callback: { data?: Record<string, unknown> | undefined }, id: string) =>
      (callback.data?.['components'] as { components: { custom_id: string; style: number; label?: string }[] }[])
        .flatMap((r) => r.components)
        .find((c) => c.custom_id === id)!;

    const pressedUp = await press(up!);
    expect(pressedUp.type).toBe(7); // the message updated: its buttons only
    expect(pressedUp.data?.['embeds']).toBeUndefined();
    expect(style(pressedUp, up!)).toMatchObject({ style: 3, label: '1' });

    const changed = await press(down!);
    expect(style(changed, down!)).toMatchObject({ style: 4, label: '1' });
    expect(style(changed, up!).style).toBe(2);
    expect(style(changed, up!).label).toBeUndefined();

    const cleared = await press(down!);
    expect(style(cleared, down!).style).toBe(2);
    expect(style(cleared, down!).label).toBeUndefined();

    await press(down!, '300000000000000005');
    const doc = await report();
    expect(doc.votes).toEqual({ up: 0, down: 1 });
    expect(doc.downvoted).toContainEqual({ citation: `${NOTES}#summary-1`, down: 1, up: 0 });
    expect(doc.topCited.find((c) => c.citation === `${NOTES}#summary-1`)!.count).toBeGreaterThan(0);
  });

  it('reports the questions nothing answered (their text, as STORE_QUESTIONS is on here)', async () => {
    await askPublicly('Is there anything about tokamak fusion?');
    let doc = await report();
    for (let tries = 0; tries < 5 && !doc.unanswered.questions.includes('Is there anything about tokamak fusion?'); tries++)
      doc = await report();
    expect(doc.unanswered.questions).toContain('Is there anything about tokamak fusion?');
    expect(doc.unanswered.count).toBeGreaterThan(0);
  });

  it('🗑 removes the answer for the person who asked, and tells anyone else only the asker can', async () => {
    const answer = await askPublicly('Which chips are used for inference?');
    const remove = feedbackIds(answer).find((id) => id.startsWith('fb1:del:'))!;

    const stranger = await bot.answer(bot.standIn.button(remove, bot.standIn.messages.get(answer.id)!, { userId: '300000000000000009' }));
    expect(stranger.callback.type).toBe(4);
    expect(isEphemeral(stranger.callback)).toBe(true);
    expect(stranger.callback.data?.['content']).toMatch(/^Only the asker can remove this/);
    expect(bot.standIn.messages.has(answer.id)).toBe(true);

    const sent = bot.standIn.button(remove, bot.standIn.messages.get(answer.id)!);
    await bot.standIn.waitFor(() => bot.standIn.deletedMessageIds.includes(answer.id), 3000, 'the answer deleted');
    expect((await bot.standIn.waitForCallback(sent.id)).type).toBe(6);
  });

  it('🗑 works for a moderator with Manage Messages', async () => {
    const answer = await askPublicly('Which chips are used for inference?');
    const remove = feedbackIds(answer).find((id) => id.startsWith('fb1:del:'))!;
    bot.standIn.button(remove, bot.standIn.messages.get(answer.id)!, { userId: '300000000000000010', memberPermissions: 1n << 13n });
    await bot.standIn.waitFor(() => bot.standIn.deletedMessageIds.includes(answer.id), 3000, 'the answer deleted');
  });

  it('/stats shows the report’s summary, only to the person who asked', async () => {
    // Read first: by the time the report has run, the answers of the tests before are written (they go in batches).
    const doc = await report();
    const { callback, embed } = await bot.answer(bot.standIn.slashCommand('stats', {}));
    expect(callback.type).toBe(4);
    expect(isEphemeral(callback)).toBe(true);
    expect(embed.description).toContain(`**${doc.answers}** answers · 👍 **${doc.votes.up}** · 👎 **${doc.votes.down}**`);
    const field = (name: string) => embed.fields?.find((f) => f.name.startsWith(name))?.value ?? '';
    expect(field('Most down-voted citations')).toContain(`\`${NOTES}#summary-1\` — Notes from inside China's AI labs › Summary`);
    expect(field('Nothing answered')).toContain('Is there anything about tokamak fusion?');
  });

  it('the next passages More shows carry 👍 👎 of their own, recorded as the report’s answers', async () => {
    const first = await askPublicly('students', { count: 1 });
    const more = allCustomIds(first).find((id) => id.startsWith('cb1:more:'))!;
    const before = (await report()).answers;
    const next = await bot.answer(bot.standIn.button(more, first, { userId: '300000000000000007' }));
    expect(next.embed.footer?.text).toBe('Passage 2 of 5');
    const [up, down, remove] = feedbackIds(next.callback.data ?? {});
    expect(up).toMatch(/^fb1:vote:up:/);
    expect(down).toMatch(/^fb1:vote:down:/);
    expect(up).not.toBe(feedbackIds(first)[0]); // its own answer, not the first page's
    expect(remove).toBe('fb1:del:300000000000000007'); // the one who pressed More may remove the page
    let doc = await report();
    for (let tries = 0; tries < 5 && doc.answers === before; tries++) doc = await report();
    expect(doc.answers).toBe(before + 1);
  });

  it('a private answer has no feedback buttons', async () => {
    const { callback } = await bot.answer(
      bot.standIn.slashCommand('ask', { question: 'Which chips are used for inference?', private: true }),
    );
    expect(feedbackIds(callback.data ?? {})).toEqual([]);
  });
});

describe('feedback with a data folder that cannot be written', () => {
  it('starts, says so in one line, answers as ever, and tells a voter it could not record the vote', async () => {
    const blocker = join(tmp, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const said: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void said.push(String(line)));
    let other: BotUnderTest | undefined;
    try {
      other = await startBotUnderTest({ env: { DATA_DIR: join(blocker, 'data') } });
      expect(said).toEqual([
        `citebot: feedback is not recorded: ${join(blocker, 'data', 'citebot.db')} (DATA_DIR) cannot be used (ENOTDIR).`,
      ]);
      const answered = await other.answer(other.standIn.slashCommand('ask', { question: 'Which chips are used for inference?' }));
      expect(citations(answered.embed.description)[0]).toBe(`${NOTES}#summary-1`);
      const up = feedbackIds(answered.message!)[0]!;
      const vote = await other.answer(other.standIn.button(up, answered.message!));
      expect(vote.callback.type).toBe(4);
      expect(isEphemeral(vote.callback)).toBe(true);
      expect(vote.callback.data?.['content']).toMatch(/^Couldn't record that/);
      expect(other.logs.filter((l) => l.event === 'vote not recorded')).toHaveLength(1);
      expect(other.logs.filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      spy.mockRestore();
      await other?.close();
    }
  });
});
