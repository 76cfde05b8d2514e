// "No text a user typed reaches a log": distinctive text sent through every command, autocomplete,
// button and error path of the real bot, and then looked for in every log line it wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { privateOption } from '../../commands/options.ts';
import type { SlashCommand } from '../../src/command.ts';
import { customIds, startBotUnderTest, type BotUnderTest } from './harness.ts';

/** Words no corpus, code or log message has: if one shows up in a log line, it came from a user. */
const WORDS = ['Quixotically', 'zebrafinch', 'salaryninetyk'];
const secret = (prefix = '') => `${prefix}my private note: ${WORDS.join(' ')}`;

/** A handler with a bug that quotes what it was given in its message and its cause. */
const crash: SlashCommand = {
  kind: 'slash',
  data: { name: 'crash', description: 'crash, for a test', options: [{ type: 3, name: 'question', description: 'text' }, privateOption] },
  run: (_index, o) => {
    throw new Error(`cannot answer ${String(o['question'])}`, { cause: new Error(`because of ${String(o['question'])}`) });
  },
};

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBotUnderTest({ commands: [...commands, crash] });
});
afterAll(async () => {
  await bot.close();
});

const CALLBACK = /^\/interactions\/[^/]+\/[^/]+\/callback$/;

describe('the log', () => {
  it('never holds what a user typed, whatever the command, option, button or failure', async () => {
    const s = bot.standIn;
    // Answered, with a More button under it: the question is in its title, which More and Discuss read. Enough
    // of it is about the corpus that the made-up word does not sink it (a lowercase one: a capitalised word the
    // corpus never has reads as a name, and a question about a name the corpus lacks is refused).
    const answered = await bot.answer(
      s.slashCommand('ask', { question: `How are students treated in Chinese and American AI labs, ${WORDS[1]}?`, count: 1 }),
    );
    expect(customIds(answered.message)).toHaveLength(2);
    const sent = [
      // Every slash command, answered and refused (unknown article or citation, empty text, bad count).
      s.slashCommand('ask', { question: secret(), article: secret() }),
      s.slashCommand('ask', { question: secret(), count: 99, private: true }),
      s.slashCommand('ask', { question: '   ' }),
      s.slashCommand('takeaway', { article: secret() }),
      s.slashCommand('takeaway', { topic: secret() }),
      s.slashCommand('compare', { topic: secret() }),
      s.slashCommand('compare', { topic: secret(), article_a: secret(), article_b: secret() }),
      s.slashCommand('summary', { article: secret() }),
      s.slashCommand('quote', { id: secret() }),
      s.slashCommand('sources'),
      s.slashCommand('help'),
      s.slashCommand('article', { url: secret() }, { subcommand: 'add' }),
      s.slashCommand('article', { id: secret() }, { subcommand: 'remove' }),
      s.slashCommand(`unknown-${WORDS[0]}`, { question: secret() }),
      // Autocomplete of every kind of option.
      s.autocomplete('ask', { question: secret(), article: secret() }, 'article'),
      s.autocomplete('takeaway', { topic: secret() }, 'topic'),
      s.autocomplete('compare', { topic: 'students', article_a: secret() }, 'article_a'),
      s.autocomplete('quote', { id: secret() }, 'id'),
      s.autocomplete('summary', { article: secret() }, 'article'),
      // Find sources on a message, with text and without.
      s.messageContextMenu('Find sources', { content: secret('Huawei chips ') }),
      s.messageContextMenu('Find sources', { content: '' }),
      // Buttons: More and Discuss on an answer to the text, a stale More, and ids not ours.
      s.button(
        customIds(answered.message).find((id) => id.startsWith('cb1:more:'))!,
        answered.message!,
      ),
      s.button('cb1:more:1:1:-:forged', answered.message!),
      s.button('cb1:discuss', answered.message!),
      s.button(`cb1:${WORDS[1]}`, answered.message!),
      s.button(`${WORDS[1]}:${WORDS[2]}`, answered.message!),
      // A handler that crashes quoting its input.
      s.slashCommand('crash', { question: secret() }),
    ];
    for (const [i, one] of sent.entries())
      await bot.answer(one).catch((e: unknown) => {
        throw new Error(`interaction ${i}: ${String(e)}`);
      });
    // A reply Discord refuses: the error discord.js raises carries the refused body, the question in it.
    s.failNext('POST', CALLBACK, 400, { message: 'Invalid Form Body', code: 50035, errors: {} });
    await bot.answer(s.slashCommand('ask', { question: secret('students ') })).catch(() => {});
    await bot.waitForLog((l) => l.event === 'handler failed' && (l['error'] as { status?: number } | undefined)?.status === 400);

    // The log said what happened: one line per interaction, user errors by their identifiers.
    const ids = bot.logs.map((l) => l['userError']).filter(Boolean);
    expect(ids).toEqual(
      expect.arrayContaining([
        'unknown-article',
        'unknown-citation',
        'empty-question',
        'unknown-command',
        'no-text',
        'stale-button',
        'unknown-button',
      ]),
    );
    expect(bot.logs.filter((l) => l.event === 'handler failed' && l['command'] === 'crash')).toHaveLength(1);

    for (const word of WORDS)
      expect(bot.logs.map((l) => JSON.stringify(l)).filter((l) => l.toLowerCase().includes(word.toLowerCase()))).toEqual([]);
  });
});
