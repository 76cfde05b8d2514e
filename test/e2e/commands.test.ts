// Every command, autocomplete, "Find sources" and the buttons, through the real discord.js client and
// the Discord stand-in: what reached "Discord", as a user would see it.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { unescapeUserText } from '../../src/render/escape.ts';
import type { OptionsInit, SentInteraction, SlashCommandOptions } from '../support/discord-standin.ts';
import { payloadProblems } from '../support/payload-check.ts';
import {
  citations,
  CULTURE,
  customIds,
  isEphemeral,
  NOTES,
  sentPayloads,
  startBotUnderTest,
  type BotUnderTest,
  type BotUnderTestOptions,
} from './harness.ts';

const bots: BotUnderTest[] = [];
/** How many payloads and log lines of each bot were checked already. */
const checked = new Map<BotUnderTest, { sent: number; logs: number }>();

async function start(options: BotUnderTestOptions = {}): Promise<BotUnderTest> {
  const bot = await startBotUnderTest(options);
  bots.push(bot);
  return bot;
}

afterEach(() => {
  // Whatever a test was about, every message sent during it is within Discord's limits, pings no one,
  // and no handler failed on the way.
  for (const bot of bots) {
    const sent = sentPayloads(bot.standIn);
    const before = checked.get(bot) ?? { sent: 0, logs: 0 };
    checked.set(bot, { sent: sent.length, logs: bot.logs.length });
    expect(sent.slice(before.sent).flatMap((p) => payloadProblems(p))).toEqual([]);
    expect(bot.logs.slice(before.logs).filter((l) => l.level === 'error')).toEqual([]);
  }
});
afterAll(async () => {
  for (const bot of bots) await bot.close();
});

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await start();
});

const slash = (name: string, options: OptionsInit = {}, ctx: SlashCommandOptions = {}) =>
  bot.answer(bot.standIn.slashCommand(name, options, ctx));
/** An embed's visible text, escapes removed. */
const plain = (e: APIEmbed) =>
  unescapeUserText(
    [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].filter(Boolean).join('\n'),
  );
/** The ephemeral notes a user mistake gets, read as the user reads them. */
async function note(sent: SentInteraction): Promise<string> {
  const { callback, embed } = await bot.answer(sent);
  expect(callback.type).toBe(4);
  expect(isEphemeral(callback)).toBe(true);
  return unescapeUserText(embed.description ?? '');
}

describe('/ask', () => {
  it('quotes the passage that answers, in public, with the matched words in bold and its citation', async () => {
    const { callback, message, embed } = await slash('ask', { question: 'Which chips are used for inference?' });

    expect(callback.type).toBe(4);
    expect(isEphemeral(callback)).toBe(false);
    expect(message?.channel_id).toBe(bot.standIn.guilds[0]!.textChannelId);
    expect(embed.title).toBe('Which chips are used for inference?');
    expect(embed.description).toMatch(/^> .*Huawei \*\*chips\*\* \*\*used\*\* for \*\*inference\*\*/);
    expect(citations(embed.description)).toEqual([`${NOTES}#summary-1`]);
    // This article has no URL, so its title is named, not linked.
    expect(embed.description).toContain("— *Notes from inside China's AI labs*, Summary");
    expect(embed.footer?.text).toBe('Passage 1 of 1');
  });

  it('shows as many passages as count asks for, and More when there are others', async () => {
    const { embed, callback } = await slash('ask', { question: 'students', count: 4 });

    expect(citations(embed.description)).toHaveLength(4);
    expect(new Set(citations(embed.description)).size).toBe(4);
    expect(embed.footer?.text).toBe('Passages 1–4 of 5');
    expect(customIds(callback.data).map((id) => id.split(':')[1])).toEqual(['more', 'discuss']);
  });

  it('answers only the asker when private is set', async () => {
    const { callback, message, embed } = await slash('ask', { question: 'students', count: 2, private: true });

    expect(isEphemeral(callback)).toBe(true);
    expect(message?.flags).toBe(64);
    expect(citations(embed.description)).toHaveLength(2);
  });

  it('keeps to one article when asked to', async () => {
    const { embed } = await slash('ask', { question: 'students', article: 'cultural differences', count: 5 });

    expect(citations(embed.description).length).toBeGreaterThan(0);
    expect(citations(embed.description).every((c) => c.startsWith(`${CULTURE}#`))).toBe(true);
    expect(embed.footer?.text).toMatch(/^In Inside China's AI Labs: How Cultural Differences Shape AI Development · /);
  });

  it('says plainly that nothing in the corpus answers a question it does not cover, and quotes nothing', async () => {
    const { callback, embed } = await slash('ask', { question: 'how do I bake bread?' });

    expect(callback.type).toBe(4);
    expect(embed.title).toBe('how do I bake bread?');
    expect(plain(embed)).toContain('Nothing in the corpus answers that.');
    expect(citations(embed.description)).toEqual([]);
    expect(customIds(callback.data)).toEqual([]);
  });

  it('tells only the asker when the article option names no article', async () => {
    expect(await note(bot.standIn.slashCommand('ask', { question: 'students', article: 'bread' }))).toBe(
      'article: no article matches "bread" (see /sources)',
    );
  });
});

describe('/takeaway', () => {
  it('lists the key takeaways of every article without options', async () => {
    const { embed } = await slash('takeaway');
    const cited = citations(embed.description);

    expect(embed.title).toBe('Key takeaways');
    expect(cited.some((c) => c.startsWith(`${NOTES}#`))).toBe(true);
    expect(cited.some((c) => c.startsWith(`${CULTURE}#`))).toBe(true);
    expect(cited.every((c) => /#(key-takeaways?|key-insights|in-practice)-\d+$/.test(c))).toBe(true);
  });

  it('keeps to one article', async () => {
    const { embed } = await slash('takeaway', { article: 'notes' });

    expect(unescapeUserText(embed.title ?? '')).toBe("Takeaways: Notes from inside China's AI labs");
    expect(citations(embed.description).length).toBeGreaterThan(0);
    expect(citations(embed.description).every((c) => c.startsWith(`${NOTES}#`))).toBe(true);
  });

  it('keeps to the takeaways on a topic, with Discuss under them', async () => {
    const { embed, callback } = await slash('takeaway', { topic: 'ego' });

    expect(embed.title).toBe('Key takeaways — on “ego”');
    expect(citations(embed.description)).toEqual(expect.arrayContaining([`${NOTES}#key-insights-1`, `${CULTURE}#key-takeaways-3`]));
    expect(embed.description).toContain('**ego**');
    expect(customIds(callback.data)).toEqual(['cb1:discuss']);
  });

  it('keeps to one article and a topic together', async () => {
    const { embed } = await slash('takeaway', { article: 'notes', topic: 'ego' });

    expect(citations(embed.description)).toEqual([`${NOTES}#key-insights-1`]);
  });
});

describe('/compare', () => {
  it('sets both articles side by side, one field each, each quoting its own article', async () => {
    const { embed } = await slash('compare', { topic: 'students' });
    const [culture, notes] = embed.fields ?? [];

    expect(embed.fields).toHaveLength(2);
    expect(unescapeUserText(culture!.name)).toBe("Inside China's AI Labs: How Cultural Differences Shape AI Development");
    expect(unescapeUserText(notes!.name)).toBe("Notes from inside China's AI labs · AIssential");
    expect(citations(culture!.value).length).toBeGreaterThan(0);
    expect(citations(culture!.value).every((c) => c.startsWith(`${CULTURE}#`))).toBe(true);
    expect(citations(notes!.value).length).toBeGreaterThan(0);
    expect(citations(notes!.value).every((c) => c.startsWith(`${NOTES}#`))).toBe(true);
    expect(embed.footer?.text).toBe('2 of 2 articles cover this topic');
  });

  it('says plainly that an article does not cover a topic the other one does', async () => {
    const { embed } = await slash('compare', { topic: 'Huawei' });
    const [culture, notes] = embed.fields ?? [];

    expect(culture!.value).toBe('*Does not cover this topic.*');
    expect(citations(notes!.value)).toEqual([`${NOTES}#summary-1`]);
    expect(notes!.value).toContain('**Huawei**');
    expect(embed.footer?.text).toBe('1 of 2 articles cover this topic');
  });

  it('puts the articles in the order they were named', async () => {
    const { embed } = await slash('compare', { topic: 'students', article_a: 'notes', article_b: 'cultural' });

    expect(citations(embed.fields?.[0]?.value)[0]).toMatch(new RegExp(`^${NOTES}#`));
    expect(citations(embed.fields?.[1]?.value)[0]).toMatch(new RegExp(`^${CULTURE}#`));
  });
});

describe('/summary, /sources, /quote and /help', () => {
  it('/summary shows the article at a glance: publisher, sections and its own summary, cited', async () => {
    const { embed } = await slash('summary', { article: 'notes' });

    expect(unescapeUserText(embed.title ?? '')).toBe("Notes from inside China's AI labs");
    expect(plain(embed)).toContain('Publisher: AIssential');
    expect(citations(embed.description)).toContain(`${NOTES}#summary-1`);
    expect(embed.fields?.[0]?.name).toBe('Sections');
    expect(embed.fields?.[0]?.value).toMatch(/^Summary \(\d+\)/);
  });

  it('/sources lists every article in the corpus', async () => {
    const { embed } = await slash('sources');

    expect(embed.title).toBe('2 articles in the corpus');
    expect(embed.fields?.map((f) => unescapeUserText(f.name)).sort()).toEqual([
      "Inside China's AI Labs: How Cultural Differences Shape AI Development",
      "Notes from inside China's AI labs",
    ]);
    expect(plain(embed)).toContain('Publisher: not stated in the article');
  });

  it('/quote opens the whole passage a citation id names', async () => {
    const { callback, embed } = await slash('quote', { id: `${NOTES}#principles-2` });

    expect(isEphemeral(callback)).toBe(false);
    expect(embed.description).toBe('> Ownership mentality drives LLM investment.');
    expect(embed.footer?.text).toBe(`${NOTES}#principles-2`);
    expect(embed.title).toBe("Principles — Notes from inside China's AI labs");
  });

  it('/quote tells only the asker that an unknown id names no passage', async () => {
    expect(await note(bot.standIn.slashCommand('quote', { id: `${NOTES}#principles-99` }))).toBe(
      `quote: no passage "${NOTES}#principles-99" (ids look like article-id#section-1; /sources lists articles)`,
    );
    expect(await note(bot.standIn.slashCommand('quote', { id: `${NOTES}#Principles-2` }))).toContain(
      `(did you mean "${NOTES}#principles-2"?)`,
    );
  });

  it('/help tells only the asker about every command', async () => {
    const { callback, embed } = await slash('help');

    expect(isEphemeral(callback)).toBe(true);
    for (const name of ['/ask', '/takeaway', '/compare', '/summary', '/sources', '/quote', 'Find sources'])
      expect(embed.description).toContain(name);
  });
});

describe('autocomplete', () => {
  async function choices(command: string, options: OptionsInit, focused: string) {
    const { callback } = await bot.answer(bot.standIn.autocomplete(command, options, focused));
    expect(callback.type).toBe(8);
    const list = (callback.data?.['choices'] ?? []) as { name: string; value: string }[];
    expect(list.length).toBeLessThanOrEqual(25);
    for (const c of list) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    return list;
  }

  it('offers the articles whose title matches what is typed in an article option', async () => {
    expect(await choices('ask', { question: 'students', article: 'notes' }, 'article')).toEqual([
      { name: "Notes from inside China's AI labs · title", value: NOTES },
    ]);
    expect((await choices('summary', { article: '' }, 'article')).map((c) => c.value).sort()).toEqual([CULTURE, NOTES].sort());
  });

  it('offers citation ids, each with the start of its passage, in the quote id option', async () => {
    const some = await choices('quote', { id: 'principles' }, 'id');
    expect(some.map((c) => c.value)).toEqual([`${NOTES}#principles-1`, `${NOTES}#principles-2`, `${NOTES}#principles-3`]);
    expect(some[1]!.name).toBe(`${NOTES}#principles-2 — Ownership mentality drives LLM investment.`);
    expect((await choices('quote', { id: '' }, 'id')).length).toBeGreaterThan(10);
  });

  it('offers words from the corpus in a topic option', async () => {
    const offered = (await choices('compare', { topic: 'stud' }, 'topic')).map((c) => c.value);
    expect(offered).toContain('students');
    expect(offered.every((v) => v.startsWith('stud'))).toBe(true);
    // Far more than 25 corpus words start with "s": the list stops at 25.
    expect(await choices('compare', { topic: 's' }, 'topic')).toHaveLength(25);
  });
});

/** Find sources on a message with this text: its answer is a public reply to that message (see conversation.test.ts). */
async function findSources(content: string, ctx: { channelId?: string } = {}) {
  const claim = bot.standIn.putMessage({ content }, ctx.channelId ?? bot.standIn.guilds[0]!.textChannelId);
  bot.standIn.messageContextMenu('Find sources', claim, ctx);
  const message = await bot.standIn.waitForMessage((m) => m.message_reference?.message_id === claim.id, 3000);
  return { message, embed: message.embeds[0] ?? {} };
}

describe('Find sources', () => {
  it('answers a claim in a message with the passages that bear on it, cited', async () => {
    const { message, embed } = await findSources('Chinese labs use Huawei chips for inference, not Nvidia.');

    expect(message.flags ?? 0).toBe(0);
    expect(citations(embed.description)).toContain(`${NOTES}#summary-1`);
    expect(embed.description).toContain('**Huawei**');
    expect(customIds(message)).toEqual(['cb1:discuss']);
  });

  it('tells only the user that a message without text has nothing to find sources for', async () => {
    expect(await note(bot.standIn.messageContextMenu('Find sources', { content: '' }))).toBe(
      'That message has no text to find sources for.',
    );
  });
});

describe('buttons', () => {
  it('More shows the next passages, and none once there are no more', async () => {
    const first = await slash('ask', { question: 'students', count: 4 });
    const more = customIds(first.message).find((id) => id.startsWith('cb1:more:'))!;

    const next = await bot.answer(bot.standIn.button(more, first.message!));
    expect(next.callback.type).toBe(4);
    expect(isEphemeral(next.callback)).toBe(false);
    expect(next.embed.title).toBe('students');
    expect(next.embed.footer?.text).toBe('Passage 5 of 5');
    expect(citations(next.embed.description)).toHaveLength(1);
    expect(citations(next.embed.description).filter((c) => citations(first.embed.description).includes(c))).toEqual([]);
    // The last page: Discuss, but no More.
    expect(customIds(next.callback.data)).toEqual(['cb1:discuss']);
  });

  it('More on a private answer is private too', async () => {
    const first = await slash('ask', { question: 'students', count: 1, private: true });
    const more = customIds(first.message).find((id) => id.startsWith('cb1:more:'))!;

    const next = await bot.answer(bot.standIn.button(more, first.message!));
    expect(isEphemeral(next.callback)).toBe(true);
    expect(next.embed.footer?.text).toBe('Passage 2 of 5');
  });

  it('More keeps working after a restart: everything it needs is in the button and the message', async () => {
    const first = await slash('ask', { question: 'students', count: 3 });
    const more = customIds(first.message).find((id) => id.startsWith('cb1:more:'))!;
    const restarted = await start();

    const next = await restarted.answer(restarted.standIn.button(more, first.message!));
    expect(next.embed.footer?.text).toBe('Passages 4–5 of 5');
    expect(citations(next.embed.description)).toHaveLength(2);
  });

  it('More works for a question typed with extra spaces', async () => {
    const first = await slash('ask', { question: 'students  as   peers', count: 1 });
    const more = customIds(first.message).find((id) => id.startsWith('cb1:more:'))!;

    const next = await bot.answer(bot.standIn.button(more, first.message!));
    expect(isEphemeral(next.callback)).toBe(false);
    expect(next.embed.footer?.text).toMatch(/^Passage 2 of \d+$/);
  });

  it('More is offered only under an answer whose title holds the whole question', async () => {
    // 300 characters, the most /ask takes: the title (at most 256) is cut, so More could not read it back.
    const question = 'What role do students play in Chinese AI labs, and how are they treated compared with interns at American labs? '
      .repeat(3)
      .slice(0, 300)
      .trim();
    const long = await slash('ask', { question, count: 1 });
    expect(long.embed.title).toMatch(/…$/);
    expect(long.embed.footer?.text).toMatch(/^Passage 1 of [2-9]/);
    expect(customIds(long.message)).toEqual(['cb1:discuss']);

    // Escaping makes a title longer than its question: 158 characters here, 298 once escaped.
    const starred = await slash('ask', { question: `students as peers ${'*'.repeat(140)}`, count: 1 });
    expect(starred.embed.title).toMatch(/…$/);
    expect(customIds(starred.message)).toEqual(['cb1:discuss']);
  });

  it('Discuss opens a public thread on the answer, named after the question', async () => {
    const question = 'What role do students play in Chinese labs?';
    const first = await slash('ask', { question });
    const threadsBefore = bot.standIn.threads.length;

    const sent = bot.standIn.button('cb1:discuss', first.message!);
    const told = await note(sent);

    expect(bot.standIn.threads).toHaveLength(threadsBefore + 1);
    const thread = bot.standIn.threads.at(-1)!;
    expect(thread).toMatchObject({ id: first.message!.id, name: question, type: 11, parent_id: first.message!.channel_id });
    expect(
      bot.standIn.requests.filter(
        (r) => r.method === 'POST' && r.path === `/channels/${first.message!.channel_id}/messages/${first.message!.id}/threads`,
      ),
    ).toHaveLength(1);
    expect(told).toBe(`Thread opened: ${question}. Use /ask or Find sources in it; answers stay in the thread.`);
  });

  it('Discuss names the thread after a long question cut to 100 characters, never splitting an emoji', async () => {
    // 99 characters, then an emoji whose two UTF-16 halves straddle the limit.
    const question =
      `What role do students play in Chinese labs, and how do they work with ${'peers '.repeat(5)}`.slice(0, 99) + '🎓 and more';
    const first = await slash('ask', { question });
    await note(bot.standIn.button('cb1:discuss', first.message!));

    const name = bot.standIn.threads.at(-1)!.name;
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name).toMatch(/…$/);
    expect(question.startsWith(name.slice(0, -1))).toBe(true);
    expect(name).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it('Discuss on an answer that already has a thread says so, even when two people press it at once', async () => {
    const first = await slash('ask', { question: 'Which chips are used for inference?' });
    const threadsBefore = bot.standIn.threads.length;

    // Both presses carry the message as it was before either thread request.
    const [a, b] = [bot.standIn.button('cb1:discuss', first.message!), bot.standIn.button('cb1:discuss', first.message!)];
    const told = (await Promise.all([note(a), note(b)])).sort();
    expect(told[0]).toBe('This answer already has a thread.');
    expect(told[1]).toMatch(/^Thread opened: /);
    // A later press carries the message as Discord has it now, with its thread.
    expect(await note(bot.standIn.button('cb1:discuss', first.message!))).toBe('This answer already has a thread.');
    expect(bot.standIn.threads).toHaveLength(threadsBefore + 1);
  });

  it('Discuss on a private answer says it cannot have a thread', async () => {
    const first = await slash('ask', { question: 'students', private: true });
    expect(await note(bot.standIn.button('cb1:discuss', first.message!))).toBe(
      'A private answer cannot have a thread. Ask again without private.',
    );
  });

  it('a stale, foreign or unknown button gets a short private note and nothing else', async () => {
    const first = await slash('ask', { question: 'students', count: 1 });
    const more = customIds(first.message).find((id) => id.startsWith('cb1:more:'))!;
    const messagesBefore = bot.standIn.messages.size;

    expect(await note(bot.standIn.button(`${more.slice(0, more.lastIndexOf(':'))}:0000`, first.message!))).toBe(
      'This button is stale: the corpus changed or the question is gone. Ask again with /ask.',
    );
    // The More of one question, on the answer to another.
    const other = await slash('ask', { question: 'Which chips are used for inference?' });
    expect(await note(bot.standIn.button(more, other.message!))).toMatch(/^This button is stale/);
    expect(await note(bot.standIn.button('poll:yes', first.message!))).toBe(
      'This button is not one of citebot’s (or is from an older version). Ask again.',
    );
    expect(await note(bot.standIn.button('cb1:vote:1', first.message!))).toBe('This button is no longer supported. Ask again.');

    // Only the ephemeral notes and the one new answer were added.
    const added = [...bot.standIn.messages.values()].slice(-5);
    expect(bot.standIn.messages.size).toBe(messagesBefore + 5);
    expect(added.filter((m) => (m.flags ?? 0) & 64)).toHaveLength(4);
  });
});

describe('in a thread', () => {
  it('answers /ask and Find sources in the thread, and Discuss there says to discuss right here', async () => {
    const first = await slash('ask', { question: 'What do the labs build in-house?' });
    await note(bot.standIn.button('cb1:discuss', first.message!));
    const thread = bot.standIn.threads.find((t) => t.id === first.message!.id)!;

    const inThread = await slash('ask', { question: 'Which chips are used for inference?' }, { channelId: thread.id });
    expect(inThread.message?.channel_id).toBe(thread.id);
    expect(citations(inThread.embed.description)).toEqual([`${NOTES}#summary-1`]);

    const claim = await findSources('Students are treated as research peers.', { channelId: thread.id });
    expect(claim.message.channel_id).toBe(thread.id);
    expect(citations(claim.embed.description).length).toBeGreaterThan(0);

    expect(await note(bot.standIn.button('cb1:discuss', inThread.message!))).toBe(
      'This answer is already in a thread: discuss it right here.',
    );
  });
});

describe('mentions and markdown in what users type', () => {
  const unanswered = '@everyone <@123> <@&456> <#789> @here **bold** `code`';
  // As mention-laden, but with words the corpus has: an answer with More and Discuss under it.
  const answered = '@everyone <@123> <@&456> <#789> @here **collective model optimization** `over individual ego`';
  const live = /@(everyone|here)|<@!?\d+>|<@&\d+>|<#\d+>/;

  it('pings no one and echoes the text literally, whatever command or button it goes through', async () => {
    const sentBefore = sentPayloads(bot.standIn).length;
    const asked = await slash('ask', { question: unanswered });
    const compared = await slash('compare', { topic: unanswered });
    const takeaways = await slash('takeaway', { topic: unanswered });
    const claimed = await findSources(unanswered);
    await note(bot.standIn.slashCommand('ask', { question: 'students', article: unanswered }));
    const first = await slash('ask', { question: answered, count: 1 });
    const more = await bot.answer(
      bot.standIn.button(
        customIds(first.message).find((id) => id.startsWith('cb1:more:'))!,
        first.message!,
      ),
    );
    await note(bot.standIn.button('cb1:discuss', first.message!));

    const sent = sentPayloads(bot.standIn).slice(sentBefore);
    expect(sent).toHaveLength(8);
    for (const payload of sent) {
      // A reply (Find sources) also says not to ping the author of the message it replies to.
      expect(payload.allowed_mentions).toEqual(payload.message_reference ? { parse: [], replied_user: false } : { parse: [] });
      expect(payloadProblems(payload)).toEqual([]);
    }
    for (const { embed } of [asked, claimed]) {
      expect(embed.title).not.toMatch(live);
      expect(embed.title).toContain('\\*\\*bold\\*\\* \\`code\\`');
      expect(unescapeUserText(embed.title!)).toBe(unanswered);
    }
    expect(unescapeUserText(compared.embed.title!)).toBe(`Compare: ${unanswered}`);
    expect(unescapeUserText(takeaways.embed.title!)).toBe(`Key takeaways — on “${unanswered}”`);
    for (const { embed } of [first, more]) {
      expect(embed.title).not.toMatch(live);
      expect(unescapeUserText(embed.title!)).toBe(answered);
      expect(citations(embed.description)).toHaveLength(1);
    }
  });
});

describe('a corpus whose article has a URL', () => {
  let dir: string;
  let linked: BotUnderTest;
  const url = 'https://example.com/notes-from-inside-chinas-ai-labs';

  beforeAll(async () => {
    // The real articles, one of them given the URL it was published at and one of its passages reworded.
    dir = mkdtempSync(join(tmpdir(), 'citebot-corpus-'));
    copyFileSync(join('corpus', `${CULTURE}.md`), join(dir, `${CULTURE}.md`));
    copyFileSync(join('corpus', 'synonyms.txt'), join(dir, 'synonyms.txt'));
    const notes = readFileSync(join('corpus', `${NOTES}.md`), 'utf8');
    const edited = notes
      .replace(/^title: .*$/m, (line) => `${line}\nurl: ${url}`)
      .replace('- Culture shapes AI development outcomes.', '- Culture shapes what AI labs build.');
    expect(edited).not.toBe(notes.replace(/^title: .*$/m, (line) => `${line}\nurl: ${url}`));
    writeFileSync(join(dir, `${NOTES}.md`), edited);
    linked = await start({ corpusDir: dir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('links each quote from that article to it', async () => {
    const { embed } = await linked.answer(linked.standIn.slashCommand('ask', { question: 'Which chips are used for inference?' }));
    // To the quoted words on the page (a URL text fragment), inside <…> so Discord shows no preview.
    expect(embed.description).toMatch(
      new RegExp(`— \\[Notes from inside China's AI labs\\]\\(<${url.replace(/[.?]/g, '\\$&')}#:~:text=[^>]+>\\), Summary`),
    );

    const quoted = await linked.answer(linked.standIn.slashCommand('quote', { id: `${NOTES}#summary-1` }));
    expect(quoted.embed.url).toBe(`${url}#:~:text=An%20editorial%20analyst%27s%20trip,observed%20in%20the%20U.S.`);
  });

  it('says a More button from before a passage changed is stale', async () => {
    const old = await slash('ask', { question: 'students', count: 1 });
    const more = customIds(old.message).find((id) => id.startsWith('cb1:more:'))!;

    const { callback, embed } = await linked.answer(linked.standIn.button(more, old.message!));
    expect(isEphemeral(callback)).toBe(true);
    expect(unescapeUserText(embed.description ?? '')).toMatch(/^This button is stale: the corpus changed/);
  });
});

describe('cooldown', () => {
  let held: BotUnderTest;
  beforeAll(async () => {
    held = await start({ env: { COOLDOWN_SECONDS: '3' } });
  });

  it('asks a user who sends a second command at once to wait, and does not hold anyone else', async () => {
    const first = await held.answer(held.standIn.slashCommand('ask', { question: 'students' }, { userId: '200000000000000001' }));
    expect(citations(first.embed.description).length).toBeGreaterThan(0);

    const again = await held.answer(held.standIn.slashCommand('ask', { question: 'students' }, { userId: '200000000000000001' }));
    expect(isEphemeral(again.callback)).toBe(true);
    expect(unescapeUserText(again.embed.description ?? '')).toMatch(/^Slow down a little: try again in [1-3] s\.$/);
    expect(citations(again.embed.description)).toEqual([]);

    const someoneElse = await held.answer(held.standIn.slashCommand('ask', { question: 'students' }, { userId: '200000000000000002' }));
    expect(isEphemeral(someoneElse.callback)).toBe(false);
    expect(citations(someoneElse.embed.description).length).toBeGreaterThan(0);

    // Typing is not a command: autocomplete is answered while the user waits.
    const typing = await held.answer(
      held.standIn.autocomplete('summary', { article: 'notes' }, 'article', { userId: '200000000000000001' }),
    );
    expect(typing.callback.type).toBe(8);
  });
});
