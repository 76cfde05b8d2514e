import { describe, expect, it } from 'vitest';
import { MENTION_QUESTION_MAX, mentionsBot, questionFromMention } from '../../src/bot/mention.ts';

const BOT = '200000000000000001';

describe('mentionsBot', () => {
  it('sees the bot mentioned in either form, anywhere in the message', () => {
    expect(mentionsBot(`<@${BOT}> what about funding?`, BOT)).toBe(true);
    expect(mentionsBot(`so, <@!${BOT}>, what about funding?`, BOT)).toBe(true);
  });

  it('does not take another user or a role for the bot', () => {
    expect(mentionsBot('<@300000000000000002> what about funding?', BOT)).toBe(false);
    expect(mentionsBot(`<@&${BOT}> what about funding?`, BOT)).toBe(false);
  });
});

describe('questionFromMention', () => {
  it('leaves the bot mention out of the question', () => {
    expect(questionFromMention(`<@${BOT}> what about funding?`)).toBe('what about funding?');
    expect(questionFromMention(`what about funding, <@!${BOT}>?`)).toBe('what about funding, ?');
  });

  it('leaves out other mentions, roles, channels, @everyone and custom emoji', () => {
    expect(questionFromMention(`<@${BOT}> <@300000000000000002> <@&400000000000000003> in <#500000000000000004> @everyone @here which chips <:pog:600000000000000005> are used?`)).toBe(
      'in which chips are used?',
    );
  });

  it('keeps the words of markdown, not its markers', () => {
    expect(questionFromMention(`<@${BOT}> what about **state** _funding_ and ||\`chips\`||?\n> quoted line`)).toBe('what about state funding and chips ? quoted line');
  });

  it('is empty for a message that only mentions the bot', () => {
    expect(questionFromMention(`<@${BOT}>`)).toBe('');
    expect(questionFromMention(` <@!${BOT}>  **  `)).toBe('');
  });

  it('takes at most as much as /ask allows', () => {
    expect([...questionFromMention(`<@${BOT}> ${'funding '.repeat(100)}`)].length).toBeLessThanOrEqual(MENTION_QUESTION_MAX);
  });
});
