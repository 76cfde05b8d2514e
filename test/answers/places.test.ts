import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ask } from '../../src/answers/ask.ts';
import { placesToLook } from '../../src/answers/places.ts';
import { renderDiscord } from '../../src/render/discord.ts';
import { renderText } from '../../src/render/text.ts';
import { openCorpus } from '../../src/engine.ts';

const opened = openCorpus(fileURLToPath(new URL('../../corpus', import.meta.url)));
if (!opened.ok) throw new Error(opened.error.join('\n'));
const index = opened.value;
const NOTES = 'notes-from-inside-chinas-ai-labs';

describe('placesToLook', () => {
  it('points at a section whose heading shares a word with the question, with its first citation', () => {
    expect(placesToLook(index, 'what method do bakers use?')).toEqual([
      {
        kind: 'section',
        articleId: NOTES,
        title: "Notes from inside China's AI labs",
        heading: 'Method',
        citation: `${NOTES}#method-1`,
        words: ['method'],
      },
    ]);
  });

  it('points at an article whose title shares a word, saying which word as typed', () => {
    expect(placesToLook(index, 'any Notes on baking?')).toEqual([
      { kind: 'article', articleId: NOTES, title: "Notes from inside China's AI labs", words: ['Notes'] },
    ]);
  });

  it('puts the place sharing the most words first, and suggests three at most', () => {
    const places = placesToLook(index, 'cultural differences in labs, their principles, method, topics and practice');
    expect(places).toHaveLength(3);
    expect(places[0]).toMatchObject({
      kind: 'article',
      articleId: 'how-cultural-differences-shape-ai-development',
      words: ['labs', 'cultural', 'differences'],
    });
  });

  it('suggests nothing when no title or heading shares a word, or only stop words', () => {
    expect(placesToLook(index, 'how do I make a cheesecake?')).toEqual([]);
    expect(placesToLook(index, 'what is the for from in')).toEqual([]);
  });
});

describe('an answer that finds nothing', () => {
  const nothing = ask(index, 'what method do bakers use for sourdough?');
  if (!nothing.ok) throw new Error('expected an answer');

  it('suggests where to look as commands to run, never as a quote', () => {
    expect(nothing.value.results).toEqual([]);
    expect(renderText(nothing.value)).toBe(
      `Nothing in the corpus answers that.\nPlaces that share a word with it:\n• \`/quote ${NOTES}#method-1\`: Method, in Notes from inside China's AI labs (heading: “method”)`,
    );
  });

  it('says the same in Discord, and suggests nothing where nothing shares a word', () => {
    expect(renderDiscord(nothing.value).embeds[0]!.description).toContain(
      `• \`/quote ${NOTES}#method-1\`: Method, in Notes from inside China's AI labs (heading: “method”)`,
    );
    const none = ask(index, 'how do I make a cheesecake?');
    expect(none.ok && renderDiscord(none.value).embeds[0]!.description).toBe(
      'Nothing in the corpus answers that. Try other words, or `/sources` to see what it covers.',
    );
  });
});
