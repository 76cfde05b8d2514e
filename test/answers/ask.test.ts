import { describe, expect, it } from 'vitest';
import { ask, ASK_MAX_COUNT, findPassage } from '../../src/answers/index.ts';
import type { AskAnswer, Excerpt } from '../../src/answers/types.ts';
import { EXCERPT_MAX } from '../../src/answers/excerpt.ts';
import type { SearchIndex } from '../../src/search/index.ts';
import { renderText } from '../../src/render/text.ts';
import { renderDiscord } from '../../src/render/discord.ts';
import { CULTURE, NOTES, articleText, indexOf, paragraphUnder, realIndex, tempCorpus } from '../support/corpus.ts';
import { squadIndex } from '../eval/squad.ts';

const index = realIndex();

// The real article with its Summary paragraph made one 1,100-character sentence: too long to quote whole.
const notesText = articleText(NOTES);
const summary = paragraphUnder(notesText, 'Summary');
const longIndex = indexOf(tempCorpus({ [NOTES]: notesText.replace(summary, summary.replace(/\. (?=[A-Z])/g, '; ')) }, 'citebot-ask-'));
// The same, typed with two spaces between words.
const spacedIndex = indexOf(
  tempCorpus({ [NOTES]: notesText.replace(summary, summary.replace(/\. (?=[A-Z])/g, '; ').replace(/ /g, '  ')) }, 'citebot-ask-'),
);

function answer(ix: SearchIndex, question: string, options = {}): AskAnswer {
  const result = ask(ix, question, options);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** An excerpt is the article's own words: its passage's text, cut only where it says so with `…`. */
function expectOwnWords(ix: SearchIndex, e: Excerpt) {
  const passage = findPassage(ix, e.citation);
  expect(passage, e.citation).toBeDefined();
  expect(e.text.length).toBeLessThanOrEqual(EXCERPT_MAX);
  expect(passage!.text).toContain(e.text.replace(/^…/, '').replace(/…$/, ''));
  expect(e.partial).toBe(e.text !== passage!.text);
}

describe('ask', () => {
  it('quotes the sentence that answers, cited by article, section and passage', () => {
    const a = answer(index, 'Which chips are used for inference?');
    const [first] = a.results;
    expect(first).toMatchObject({
      citation: `${NOTES}#summary-1`,
      article: { id: NOTES, title: "Notes from inside China's AI labs", publisher: 'AIssential', url: null },
      section: 'Summary',
      // The answering sentence, and the one after it (unmatched, but both fit in 400 characters).
      text: 'The data industry is less developed, leading labs to build data and environments in-house, and there is a significant demand for Nvidia chips, with Huawei chips used for inference. This ecosystem fosters an environment of respect among peers, contrasting with the more tribal dynamics observed in the U.S.',
      partial: true,
    });
    expect(first!.score).toBeGreaterThan(0);
  });

  it('marks the words of the question in the quote', () => {
    const e = answer(index, 'Which chips are used for inference?').results[0]!;
    expect(e.marks.map(([s, t]) => e.text.slice(s, t))).toEqual(['chips', 'chips', 'used', 'inference']);
  });

  it('marks the word found through a synonym or a typo', () => {
    const gpus = answer(index, 'GPUs').results[0]!;
    expect(gpus.marks.map(([s, t]) => gpus.text.slice(s, t))).toEqual(['Chip']);
    const typo = answer(index, 'nvidea').results[0]!;
    expect(typo.marks.map(([s, t]) => typo.text.slice(s, t))).toEqual(['NVIDIA']);
  });

  it('returns nothing for a question the corpus does not answer', () => {
    const a = answer(index, 'How do I make a cheesecake?');
    expect(a.results).toEqual([]);
    expect(a.total).toBe(0);
  });

  it('quotes the article’s own words, at most 400 characters, for every question of the eval', () => {
    const questions = [
      'Why do Chinese labs catch up so quickly?',
      'How are students treated?',
      'What is the editorial opinion?',
      'principles',
      'who should read this',
      'labs',
    ];
    for (const q of questions) for (const e of answer(index, q, { limit: ASK_MAX_COUNT }).results) expectOwnWords(index, e);
  });

  it('cuts a sentence too long to quote around the matched word, with … where words are left out', () => {
    const end = answer(longIndex, 'Huawei').results[0]!;
    expectOwnWords(longIndex, end);
    expect(end.text).toMatch(/^…\S/);
    expect(end.text).toMatch(/observed in the U\.S\.$/);
    expect(end.marks.map(([s, t]) => end.text.slice(s, t))).toEqual(['Huawei']);

    const start = answer(longIndex, 'analyst trip').results[0]!;
    expectOwnWords(longIndex, start);
    expect(start.text).toMatch(/^An editorial analyst's trip to China/);
    expect(start.text).toMatch(/\S…$/);
    expect(start.marks.map(([s, t]) => start.text.slice(s, t))).toEqual(["analyst's", 'trip']);
  });

  it('cuts at word boundaries, never inside a word', () => {
    const passage = findPassage(longIndex, `${NOTES}#summary-1`)!.text;
    for (const q of ['Claude', 'government aid', 'nominal bans', 'tribal dynamics', 'Meituan']) {
      const e = answer(longIndex, q).results.find((r) => r.citation === `${NOTES}#summary-1`)!;
      const inner = e.text.replace(/^…/, '').replace(/…$/, '');
      const at = passage.indexOf(inner);
      expect(at === 0 || passage[at - 1] === ' ', q).toBe(true);
      expect(at + inner.length === passage.length || passage[at + inner.length] === ' ', q).toBe(true);
      for (const [s, t] of e.marks) expect(e.text.slice(s, t), q).toMatch(/^[\p{L}\p{N}]+$/u);
    }
  });

  it('marks the right words of a cut quote where the article has runs of spaces', () => {
    for (const q of ['Huawei', 'Claude', 'government']) {
      const e = answer(spacedIndex, q).results[0]!;
      expectOwnWords(spacedIndex, e);
      expect(e.text, q).toMatch(/^…/);
      expect(
        e.marks.map(([s, t]) => e.text.slice(s, t)),
        q,
      ).toEqual([q]);
    }
  });

  it('gives three excerpts by default, and as many as asked up to ten', () => {
    expect(answer(index, 'labs').results).toHaveLength(3);
    expect(answer(index, 'labs', { limit: 1 }).results).toHaveLength(1);
    expect(answer(index, 'labs', { limit: 0 }).results).toHaveLength(1);
    expect(answer(index, 'labs', { limit: 50 }).results.length).toBeLessThanOrEqual(ASK_MAX_COUNT);
  });

  it('pages through the answers with an offset, without repeating one', () => {
    const all = answer(index, 'labs', { limit: 4 });
    const first = answer(index, 'labs', { limit: 2 });
    const next = answer(index, 'labs', { limit: 2, offset: 2 });
    expect([...first.results, ...next.results].map((e) => e.citation)).toEqual(all.results.map((e) => e.citation));
    expect(next.offset).toBe(2);
    expect(next.total).toBe(first.total);
    expect(answer(index, 'labs', { offset: first.total }).results).toEqual([]);
  });

  it('answers from one article when asked, named by a part of its title', () => {
    const a = answer(index, 'students', { article: 'cultural differences' });
    expect(a.article?.id).toBe(CULTURE);
    expect(a.results.length).toBeGreaterThan(0);
    for (const e of a.results) expect(e.article.id).toBe(CULTURE);
  });

  it('returns nothing when the article asked for does not answer, though another does', () => {
    expect(answer(index, 'Huawei').results).not.toEqual([]);
    expect(answer(index, 'Huawei', { article: CULTURE }).results).toEqual([]);
  });

  it('says when the article asked for does not exist or is ambiguous', () => {
    expect(ask(index, 'students', { article: 'Berlin' })).toEqual({
      ok: false,
      error: { identifier: 'unknown-article', message: 'article: no article matches "Berlin" (see /sources)' },
    });
    expect(ask(index, 'students', { article: 'China' })).toEqual({
      ok: false,
      error: {
        identifier: 'ambiguous-article',
        message: `article: "China" matches 2 articles ("Inside China's AI Labs: How Cultural Differences Shape AI Development", "Notes from inside China's AI labs"); be more specific`,
      },
    });
  });

  it('refuses an empty question', () => {
    expect(ask(index, '   ')).toEqual({ ok: false, error: { identifier: 'empty-question', message: 'ask: the question is empty' } });
  });

  it('echoes the question as asked', () => {
    expect(answer(index, '  nvidea?  ').query).toBe('  nvidea?  ');
  });
});

describe('ask, in a corpus large enough to leave out its most common words', () => {
  // The two real articles, and 60 more in which every one of 2,400 sentences says "model":
  // a word in that many passages tells none of them apart, so the index leaves it out.
  const articles: Record<string, string> = { [NOTES]: articleText(NOTES), [CULTURE]: articleText(CULTURE) };
  for (let i = 0; i < 60; i++) {
    const bullets = Array.from({ length: 40 }, (_, j) => `- Lab ${i} ships a model named Q${i}x${j}.`).join('\n');
    articles[`lab-${i}`] = `---\ntitle: Lab ${i}\npublisher: Lab Weekly\n---\n\n## Models\n\n${bullets}\n`;
  }
  const big = indexOf(tempCorpus(articles, 'citebot-common-'));

  it('says which words are too common to search by when they are all the question has', () => {
    const a = answer(big, 'Which model?');
    expect(a.results).toEqual([]);
    expect(a.tooCommon).toEqual(['model']);
    expect(renderText(a)).toBe(
      'Nothing in the corpus answers that. “model” is in too many passages to tell them apart: add a more specific word.',
    );
  });

  it('names each too-common word once, however it was typed', () => {
    expect(answer(big, 'Model models MODEL?').tooCommon).toEqual(['Model']);
  });

  it('says nothing about common words when the question has others, even if nothing answers', () => {
    const a = answer(big, 'Which model bakes sourdough bread?');
    expect(a.results).toEqual([]);
    expect(a.tooCommon).toEqual([]);
    expect(renderText(a)).toBe('Nothing in the corpus answers that.');
  });

  it('says the same in Discord', () => {
    const embed = renderDiscord(answer(big, 'model?')).embeds?.[0];
    expect(embed?.description).toBe(
      'Nothing in the corpus answers that. “model” is in too many passages to tell them apart: add a more specific word.',
    );
  });

  it('still answers from the other words of the question, and then says nothing about common ones', () => {
    const a = answer(big, 'Which model runs inference on Huawei chips?');
    expect(a.results[0]?.text).toMatch(/Huawei chips used for inference/);
    expect(a.tooCommon).toEqual([]);
  });

  it('says nothing about common words in a small corpus, where no word is left out', () => {
    expect(answer(index, 'how do I bake bread?').tooCommon).toEqual([]);
  });
});

describe('ask, in a long article about one subject (the Wikipedia article on the Huguenots)', () => {
  const wiki = squadIndex();

  it("quotes the sentence holding the word rare in the article, not one repeating the article's subject", () => {
    // "Huguenots" is in most of the article's sentences: it says nothing about which one answers.
    for (const [q, word] of [
      ['What about the Huguenots and Fraissinet?', 'Fraissinet'],
      ['What about the Huguenots and Cilliers?', 'Cilliers'],
    ] as const) {
      const first = answer(wiki, q).results[0]!;
      expect(first.citation, q).toMatch(/^huguenot#/);
      expect(first.text, q).toContain(word);
    }
  });
});
