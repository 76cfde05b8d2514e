import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ask, ASK_MAX_COUNT, compare, quote, sources, summary, takeaway } from '../../src/answers/index.ts';
import type { Answer } from '../../src/answers/types.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { withMarks } from '../../src/render/marks.ts';
import { NOTHING_FOUND, renderText } from '../../src/render/text.ts';
import type { Result, UserProblem } from '../../src/result.ts';
import { buildIndex } from '../../src/search/index.ts';

const corpus = loadCorpus(join(fileURLToPath(new URL('../../', import.meta.url)), 'corpus'));
if (!corpus.ok) throw new Error(corpus.error.join('\n'));
const index = buildIndex(corpus.value);

const NOTES = 'notes-from-inside-chinas-ai-labs';
const CULTURE = 'how-cultural-differences-shape-ai-development';
const HUAWEI =
  'The data industry is less developed, leading labs to build data and environments in-house, and there is a significant demand for Nvidia chips, with Huawei chips used for inference. This ecosystem fosters an environment of respect among peers, contrasting with the more tribal dynamics observed in the U.S.';

const value = <T extends Answer>(result: Result<T, UserProblem>): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('renderText', () => {
  it('prints the question, then each quote numbered, with its article, section and citation', () => {
    const text = renderText(value(ask(index, 'Which chips are used for inference?')));
    expect(text.split('\n')).toEqual([
      'Q: Which chips are used for inference?',
      ` 1. “${HUAWEI}”`,
      `    — Notes from inside China's AI labs (AIssential), Summary  [${NOTES}#summary-1]`,
    ]);
  });

  it('leaves out the publisher when the article names none', () => {
    const text = renderText(value(ask(index, 'education traditions')));
    expect(text).toContain(`    — Inside China's AI Labs: How Cultural Differences Shape AI Development, Summary  [${CULTURE}#summary-1]`);
  });

  it('says plainly when nothing in the corpus answers', () => {
    expect(renderText(value(ask(index, 'How do I make a cheesecake?')))).toBe(NOTHING_FOUND);
    expect(NOTHING_FOUND).toBe('Nothing in the corpus answers that.');
  });

  it('names the article when nothing in it answers', () => {
    const text = renderText(value(ask(index, 'Huawei', { article: CULTURE })));
    expect(text).toContain("“Inside China's AI Labs: How Cultural Differences Shape AI Development”");
  });

  it('says how many more answers there are and how to see them', () => {
    const a = value(ask(index, 'labs', { limit: 2 }));
    expect(renderText(a).split('\n').at(-1)).toBe(`  (${a.total - 2} more: /more)`);
    expect(renderText(a, { more: '' }).split('\n').at(-1)).toBe(`  (${a.total - 2} more)`);
    const rest = value(ask(index, 'labs', { limit: ASK_MAX_COUNT, offset: a.total - ASK_MAX_COUNT }));
    expect(renderText(rest)).not.toContain('more)');
    expect(renderText(rest).split('\n')[1]).toMatch(new RegExp(`^ ${a.total - ASK_MAX_COUNT + 1}\\. “`));
  });

  it('highlights the matched words only when asked to', () => {
    const a = value(ask(index, 'Which chips are used for inference?'));
    expect(renderText(a)).not.toContain('<');
    const styled = renderText(a, { highlight: (w) => `<${w}>` });
    expect(styled).toContain('Nvidia <chips>, with Huawei <chips> <used> for <inference>. This ecosystem');
  });

  it('lists takeaways under a heading naming the article and the topic', () => {
    const text = renderText(value(takeaway(index, { article: NOTES, topic: 'students' })));
    expect(text.split('\n')).toEqual([
      "Takeaways of Notes from inside China's AI labs on “students”",
      ' 1. “Integrate students as peers in LLM teams.”',
      `    — Notes from inside China's AI labs (AIssential), In practice  [${NOTES}#in-practice-1]`,
    ]);
  });

  it('says when no takeaway bears on the topic', () => {
    expect(renderText(value(takeaway(index, { article: NOTES, topic: 'Huawei' })))).toBe(
      "Takeaways of Notes from inside China's AI labs on “Huawei”: none of the takeaways bear on that.",
    );
  });

  it('sets articles side by side and says which one does not cover the topic', () => {
    expect(renderText(value(compare(index, 'Huawei'))).split('\n')).toEqual([
      'Compare: Huawei',
      '',
      "■ Inside China's AI Labs: How Cultural Differences Shape AI Development",
      '    Does not cover this topic.',
      '',
      "■ Notes from inside China's AI labs (AIssential)",
      `  “${HUAWEI}”`,
      `    — Notes from inside China's AI labs (AIssential), Summary  [${NOTES}#summary-1]`,
    ]);
  });

  it('shows an article at a glance: id, publisher, what it summarises, its sections', () => {
    const lines = renderText(value(summary(index, NOTES))).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      `Notes from inside China's AI labs  [${NOTES}]`,
      '  publisher: AIssential',
      "  summarises: An article published by Interconnects AI (this is AIssential's editorial summary of it)",
      '  17 passages in 9 sections: Summary, Key takeaway, Key insights, Principles, Method, In practice, Topics, Best for, Related on AIssential',
    ]);
    expect(lines[4]).toBe('');
    expect(lines[5]).toMatch(/^ 1\. “An editorial analyst's trip/);
  });

  it('says when an article does not state its publisher', () => {
    expect(renderText(value(summary(index, CULTURE))).split('\n')[1]).toBe('  publisher: not stated');
  });

  it('lists the sources, counting them', () => {
    const text = renderText(sources(index));
    expect(text.split('\n')[0]).toBe('2 articles:');
    expect(text).toContain(`Inside China's AI Labs: How Cultural Differences Shape AI Development  [${CULTURE}]`);
    expect(text).toContain('  6 passages in 3 sections: Key Takeaways, Summary, Editorial Opinion');
  });

  it('quotes a whole passage with its citation', () => {
    expect(renderText(value(quote(index, `${NOTES}#principles-2`))).split('\n')).toEqual([
      '“Ownership mentality drives LLM investment.”',
      `    — Notes from inside China's AI labs (AIssential), Principles  [${NOTES}#principles-2]`,
    ]);
  });
});

describe('withMarks', () => {
  it('wraps each marked range and passes the rest through', () => {
    const e = {
      text: 'Huawei chips used for inference',
      marks: [
        [0, 6],
        [22, 31],
      ] as const,
    };
    expect(withMarks(e, (w) => `**${w}**`)).toBe('**Huawei** chips used for **inference**');
    expect(
      withMarks(
        e,
        (w) => `**${w}**`,
        (t) => t.toUpperCase(),
      ),
    ).toBe('**Huawei** CHIPS USED FOR **inference**');
  });

  it('gives the text unchanged when nothing is marked', () => {
    expect(withMarks({ text: 'Nvidia chips', marks: [] }, (w) => `<${w}>`)).toBe('Nvidia chips');
  });

  it('skips a range that overlaps the one before', () => {
    expect(
      withMarks(
        {
          text: 'Nvidia chips',
          marks: [
            [0, 6],
            [3, 12],
          ],
        },
        (w) => `<${w}>`,
      ),
    ).toBe('<Nvidia> chips');
  });
});
