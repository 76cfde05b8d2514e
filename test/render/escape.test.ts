import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask, quote, summary, takeaway, compare, sources } from '../../src/answers/index.ts';
import type { Answer, ArticleRef } from '../../src/answers/types.ts';
import { openCorpus } from '../../src/engine.ts';
import { askButtons } from '../../src/bot/buttons.ts';
import { renderDiscord } from '../../src/render/discord.ts';
import { escapeUserText, unescapeUserText } from '../../src/render/escape.ts';
import type { Result, UserProblem } from '../../src/result.ts';
import type { SearchIndex } from '../../src/search/index.ts';

const URL_TEXT = 'https://example.com/a_b*c~d(e)/f?x=1&y=_2_';
const EMOJI = '<:party_blob:123456789012345678>';
const ANIMATED = '<a:wave:876543210987654321>';

describe('escapeUserText', () => {
  it('leaves a link whole, so it stays a link', () => {
    expect(escapeUserText(`see ${URL_TEXT} now`)).toBe(`see ${URL_TEXT} now`);
    expect(escapeUserText(`(${URL_TEXT}).`)).toBe(`(${URL_TEXT}).`);
  });

  it('leaves custom emoji whole, animated ones too', () => {
    expect(escapeUserText(`hi ${EMOJI} ${ANIMATED}`)).toBe(`hi ${EMOJI} ${ANIMATED}`);
  });

  it('breaks every kind of mention', () => {
    const out = escapeUserText('@everyone @here <@1> <@!2> <@&3> <#4> </ask:5> <t:6>');
    expect(out).not.toMatch(/@(everyone|here)|(?<!\\)<[@#/t]/);
  });

  it('makes emphasis, code, spoilers and masked links literal anywhere', () => {
    expect(escapeUserText('**b** _i_ ~~s~~ `c` ||sp|| [t](u)')).toBe(
      '\\*\\*b\\*\\* \\_i\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|sp\\|\\| \\[t\\](u)',
    );
  });

  it('escapes headings, quotes and lists only at the start of a line', () => {
    expect(escapeUserText('# h\n-# small\n> q\n- a\n+ b\n12. c')).toBe('\\# h\n\\-# small\n\\> q\n\\- a\n\\+ b\n12\\. c');
    expect(escapeUserText('well-known (sic): 3 > 2, #1 at 10:30')).toBe('well-known (sic): 3 > 2, #1 at 10:30');
  });

  it('is undone exactly by unescapeUserText, whatever the text', () => {
    const parts = fc.constantFrom(
      '*',
      '_',
      '~',
      '`',
      '|',
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      '#',
      '-',
      '+',
      '1.',
      '\\',
      '@',
      '\u200b',
      '\n',
      ' ',
      ':',
      'a',
      'https://',
      URL_TEXT,
      EMOJI,
      '<@1>',
      '@everyone',
      '😀',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(parts, fc.string({ maxLength: 4 })), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(unescapeUserText(escapeUserText(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

let index: SearchIndex;
beforeAll(() => {
  const opened = openCorpus('corpus');
  if (!opened.ok) throw new Error(opened.error.join('\n'));
  index = opened.value;
});

describe('embed titles', () => {
  const must = <T>(r: Result<T, UserProblem>): T => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const marked: Partial<ArticleRef> = { title: '**Loud** _title_ @everyone' };
  /** Every kind of answer with an article whose title is full of markdown and a mention. */
  function answers(): Answer[] {
    const re = <A extends { article: ArticleRef }>(x: A) => ({ ...x, article: { ...x.article, ...marked } });
    const a = must(ask(index, 'students'));
    const t = must(takeaway(index, { article: 'notes' }));
    const s = must(summary(index, 'notes'));
    const q = must(quote(index, 'notes-from-inside-chinas-ai-labs#summary-1'));
    const c = must(compare(index, 'students'));
    return [
      { ...a, query: marked.title! },
      { ...t, article: { ...t.article!, ...marked } },
      { ...t, topic: marked.title! },
      { ...c, topic: marked.title! },
      { ...s, info: { ...s.info, article: { ...s.info.article, ...marked } } },
      { ...q, result: re(q.result) },
      sources(index),
    ];
  }

  it('escape what they show by one rule in every embed', () => {
    for (const answer of answers()) {
      const title = renderDiscord(answer).embeds[0]!.title!;
      expect(title, answer.kind).not.toMatch(/(?<!\\)\*\*|(?<!\\)_|@everyone/);
      if (answer.kind !== 'sources') expect(unescapeUserText(title), answer.kind).toContain(marked.title);
    }
  });
});

describe('the More button', () => {
  it('reads back exactly the question from the title, links and custom emoji included', () => {
    const found = ask(index, 'students', { limit: 1 });
    if (!found.ok) throw new Error(found.error.message);
    for (const query of [
      `students ${URL_TEXT} ${EMOJI}`,
      `**students** ${ANIMATED} <@123> @here # not a heading`,
      `- students\n> at ${URL_TEXT}.`,
    ]) {
      const answer = { ...found.value, query };
      const buttons = askButtons(index, answer, 1);
      // More is offered only when the title gives the question back whole.
      expect(buttons.more, query).toMatch(/^cb1:more:1:1:-:/);
      const title = renderDiscord(answer, buttons).embeds[0]!.title!;
      expect(unescapeUserText(title)).toBe(query.replace(/\s+/g, ' '));
      if (query.includes(URL_TEXT)) expect(title).toContain(URL_TEXT);
    }
  });
});
