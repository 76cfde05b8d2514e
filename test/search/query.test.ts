import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeQuery, answerCue, MIN_COVERAGE, rarity, RELATIVE_FLOOR, searchBest, searchPassages } from '../../src/search/query.ts';
import { squadIndex, squadQuestions } from '../eval/squad.ts';
import { CORPUS_DIR, CULTURE, NOTES, realIndex } from '../support/corpus.ts';
import { passageId } from '../../src/corpus/passage.ts';

const index = realIndex();
const ids = (question: string) => searchPassages(index, question).map((h) => passageId(h.passage));
const top = (question: string) => searchPassages(index, question)[0]?.passage;

describe('analyzeQuery', () => {
  it('keeps the words that matter, stemmed, with their synonyms from corpus/synonyms.txt', () => {
    const groups = analyzeQuery(index, 'Which GPUs are in short supply?');
    expect(groups.map((g) => g.term)).toEqual(['gpu', 'short', 'suppli']);
    expect(groups[0]!.terms).toEqual(['gpu', 'chip', 'acceler']);
    // "Short supply" is not a synonym of anything: it keeps its own words.
    expect(groups[1]!.terms).toEqual(['short']);
  });

  it('gives a word the corpus never uses more weight than a common one', () => {
    const [labs, berlin] = analyzeQuery(index, 'labs Berlin');
    expect(berlin!.weight).toBeGreaterThan(labs!.weight * 2);
  });

  it('weighs a word the corpus lacks by how rare it is in English: "kind" little, "lasagne" much', () => {
    const [kind, lasagne] = analyzeQuery(index, 'kind lasagne');
    expect(kind!.known || lasagne!.known).toBe(false);
    expect(lasagne!.weight).toBeGreaterThan(kind!.weight * 3);
    expect(rarity('kind', false)).toBeLessThan(rarity('mortgag', false));
  });

  it('gives a name full weight however common the word is in English: "Berlin" mid-question', () => {
    expect(rarity('berlin', true)).toBe(1);
    const weightOf = (q: string) => analyzeQuery(index, q).find((g) => g.term === 'berlin')!.weight;
    expect(weightOf('the train to Berlin leaves')).toBeGreaterThan(weightOf('the train to berlin leaves'));
  });

  it('counts a repeated word once', () => {
    expect(analyzeQuery(index, 'chips chips chip')).toHaveLength(1);
  });

  it('gives nothing for a question of stop words', () => {
    expect(analyzeQuery(index, 'What is it about?')).toEqual([]);
  });
});

describe('searchPassages', () => {
  it('finds a passage by a form of the word it does not use: "treat" finds "treated"', () => {
    expect(top('How does a lab treat students?')?.text).toMatch(/treated as (full )?research peers/);
    expect(ids('chip')).toEqual(ids('chips'));
  });

  it('ignores stop words and question words', () => {
    expect(ids('What is the method?')).toEqual(ids('method'));
    expect(passageId(top('method')!)).toBe(`${NOTES}#method-1`);
  });

  it('finds passages through synonyms: GPUs are the chips the article mentions', () => {
    expect(top('GPUs')?.text).toBe('NVIDIA Chip Supply');
    expect(ids('GPUs')).toContain(`${NOTES}#summary-1`);
    expect(top('Is there state aid for labs?')?.text).toContain('government aid');
    expect(top('Which assistant do developers favour?')?.text).toContain('favoring Claude');
  });

  it('keeps "US" the country apart from "us": "U.S. labs" finds American labs', () => {
    expect(top('U.S. labs')?.text).toMatch(/American labs|U\.S\. labs/);
  });

  it('forgives a typo in a word the corpus does not have: "nvidea" finds Nvidia', () => {
    expect(passageId(top('nvidea')!)).toBe(`${NOTES}#topics-5`);
    expect([...searchPassages(index, 'nvidea')[0]!.terms]).toEqual(['nvidia']);
  });

  it('matches a half-typed last word as a prefix even when a shorter word is known: "signi" reaches significant', () => {
    // "sign" (the known stem it starts with) ranks first; the point is that "significant" is matched at all.
    const hits = searchPassages(index, 'signi', { relativeFloor: false });
    expect(hits.flatMap((h) => h.terms)).toContain('signific');
  });

  it('forgives two typos in a long word: "prinsipels" finds the principles', () => {
    expect([...searchPassages(index, 'prinsipels')[0]!.terms]).toEqual(['principl']);
  });

  it('never blurs a word the corpus has into another: "faster" does not match "fostering"', () => {
    for (const hit of searchPassages(index, 'faster')) expect([...hit.terms]).not.toContain('foster');
    for (const hit of searchPassages(index, 'catch')) expect([...hit.terms]).not.toContain('match');
  });

  it('completes the last word as a prefix, as it may be half typed', () => {
    expect(top('nvid')?.text).toBe('NVIDIA Chip Supply');
    expect(top('ownersh')?.text).toBe('Ownership mentality drives LLM investment.');
    expect([...searchPassages(index, 'chips nvid')[0]!.terms].sort()).toEqual(['chip', 'nvidia']);
  });

  it('does not complete a word that is not the last', () => {
    for (const hit of searchPassages(index, 'nvid chips')) expect([...hit.terms]).not.toContain('nvidia');
  });

  it('returns nothing for a question the corpus does not answer', () => {
    for (const q of [
      'How do I make a cheesecake?',
      'What is the capital of France?',
      'What do labs in Berlin charge?',
      'What time does the train to Berlin leave?',
    ]) {
      expect(ids(q), q).toEqual([]);
    }
  });

  it('answers a question with mentions, emoji and markup as it answers the bare question', () => {
    expect(ids('@everyone <@123> what about **students**? <:pog:42>')).toEqual(ids('what about students?'));
    expect(ids('what about students?').length).toBeGreaterThan(0);
  });

  it('answers though the question words the corpus lacks are everyday ones ("mentioned")', () => {
    expect(top('Which chips are mentioned?')?.text).toMatch(/chips/i);
  });

  it('returns nothing for an empty question or one of stop words', () => {
    expect(ids('')).toEqual([]);
    expect(ids('what is it?')).toEqual([]);
  });

  it('returns passages best first, each covering enough of the question and near the best', () => {
    const hits = searchPassages(index, 'Chinese labs culture');
    expect(hits.length).toBeGreaterThan(2);
    for (const [i, hit] of hits.entries()) {
      expect(hit.coverage).toBeGreaterThanOrEqual(MIN_COVERAGE);
      expect(hit.coverage).toBeLessThanOrEqual(1);
      expect(hit.score).toBeGreaterThanOrEqual(hits[0]!.score * RELATIVE_FLOOR);
      if (i > 0) expect(hit.score).toBeLessThanOrEqual(hits[i - 1]!.score);
    }
  });

  it('says which sentences of a passage matched, so the right one is quoted', () => {
    const hit = searchPassages(index, 'Huawei inference')[0]!;
    expect(passageId(hit.passage)).toBe(`${NOTES}#summary-1`);
    expect(hit.sentences.map((s) => s.index)).toEqual([5]);
  });

  it('searches only the articles asked for', () => {
    expect(ids('students').length).toBeGreaterThan(0);
    for (const hit of searchPassages(index, 'students', { articles: new Set([CULTURE]) })) expect(hit.passage.articleId).toBe(CULTURE);
    expect(searchPassages(index, 'Huawei', { articles: new Set([CULTURE]) })).toEqual([]);
  });

  it('searches only the sections asked for', () => {
    const hits = searchPassages(index, 'students', { sections: new Set(['in-practice']) });
    expect(hits.map((h) => passageId(h.passage))).toEqual([`${NOTES}#in-practice-1`]);
  });
});

describe('searchPassages, as people really type', () => {
  it('answers a question typed in capitals as it answers it in lower case', async () => {
    const { openCorpus } = await import('../../src/engine.ts');
    const { searchPassages } = await import('../../src/search/query.ts');
    const ix = openCorpus(CORPUS_DIR);
    if (!ix.ok) throw new Error('corpus');
    expect(passageId(searchPassages(ix.value, 'WHAT IS THE METHOD?')[0]!.passage)).toBe('notes-from-inside-chinas-ai-labs#method-1');
  });

  it('finds a half-typed last word whose stem is shorter than what was typed', async () => {
    const { openCorpus } = await import('../../src/engine.ts');
    const { searchPassages } = await import('../../src/search/query.ts');
    const ix = openCorpus(CORPUS_DIR);
    if (!ix.ok) throw new Error('corpus');
    const best = searchPassages(ix.value, 'inferenc')[0];
    expect(best?.terms).toContain('infer');
  });
});

describe('answerCue', () => {
  it('asks for a year or month after "when", a number after "how many", a name after "who", a named place after "where"', () => {
    expect(answerCue('When did the war end?')!.test('It ended in 1763 with the treaty.')).toBe(true);
    expect(answerCue('When did the war end?')!.test('It ended with the treaty.')).toBe(false);
    expect(answerCue('How many students are there?')!.test('There are 300 students.')).toBe(true);
    expect(answerCue('Who founded the college?')!.test('It was founded by John Harvard.')).toBe(true);
    expect(answerCue('Where did the Huguenots gather?')!.test('It was in this place in Tours that they gathered.')).toBe(true);
    expect(answerCue('Where did the Huguenots gather?')!.test('They gathered at night for prayer.')).toBe(false);
    expect(answerCue('What is a force?')).toBeNull();
  });
});

describe('searchPassages, titles', () => {
  it("ranks a passage above the same passage in an article whose title lacks the question's words", async () => {
    const { articleText, indexOf, tempCorpus } = await import('../support/corpus.ts');
    const text = articleText(NOTES);
    // The same article twice; the second (last in corpus order, so it cannot win a tie) is titled with the question's words.
    const dir = tempCorpus({
      'a-notes': text,
      'b-notes': text.replace("title: Notes from inside China's AI labs", 'title: Huawei chips for inference'),
    });
    const hits = searchPassages(indexOf(dir), 'Which Huawei chips are used for inference?');
    const [first, second] = hits;
    expect(first!.passage.articleId).toBe('b-notes');
    expect(second!.passage.articleId).toBe('a-notes');
    expect(second!.passage.text).toBe(first!.passage.text);
    expect(first!.score).toBeGreaterThan(second!.score);
    // A synonym in the title counts as the word: "GPUs" is a synonym of "chips" in corpus/synonyms.txt.
    const synonym = tempCorpus({ 'a-notes': text, 'b-notes': text.replace("title: Notes from inside China's AI labs", 'title: GPUs') });
    copyFileSync(join(CORPUS_DIR, 'synonyms.txt'), join(synonym, 'synonyms.txt'));
    expect(searchPassages(indexOf(synonym), 'Which Huawei chips are used for inference?')[0]!.passage.articleId).toBe('b-notes');
  });
});

describe('searchBest', () => {
  const squad = squadIndex();
  it('gives the first passages of searchPassages, ties in the same order, and how many answer in all', () => {
    let cut = 0;
    for (const { q } of squadQuestions.filter((_, i) => i % 4 === 0)) {
      const all = searchPassages(squad, q);
      for (const count of [1, 3, 8]) {
        const best = searchBest(squad, q, count);
        expect(best.total, q).toBe(all.length);
        expect(best.hits, q).toEqual(all.slice(0, count));
        if (all.length > count) cut++;
      }
    }
    expect(cut).toBeGreaterThan(100);
  });
});

describe('one question after another', () => {
  const squad = squadIndex();
  it('answers the same whatever was asked before it: nothing of one question’s working arrays reaches the next', () => {
    const asked = squadQuestions.filter((_, i) => i % 10 === 0).map((q) => q.q);
    const answer = (q: string) => searchPassages(squad, q).map((h) => [passageId(h.passage), h.score, h.coverage, h.terms, h.sentences]);
    const forwards = asked.map(answer);
    const backwards = [...asked].reverse().map(answer).reverse();
    expect(backwards).toEqual(forwards);
    expect(forwards.filter((a) => a.length > 0).length).toBeGreaterThan(asked.length / 2);
  });
});
