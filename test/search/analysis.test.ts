import { describe, expect, it } from 'vitest';
import { plainQuestion, questionTerms, termOf, termsOf, tokenize } from '../../src/search/analysis.ts';

describe('tokenize', () => {
  it('finds each word with where it is, so a match can be highlighted', () => {
    const text = 'Huawei chips used for inference.';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.word)).toEqual(['Huawei', 'chips', 'used', 'for', 'inference']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.word);
  });

  it('keeps dotted acronyms and inner apostrophes whole, and splits hyphenated words', () => {
    expect(tokenize("the U.S. isn't China’s multi-objective, non-flashy work").map((t) => t.word)).toEqual([
      'the',
      'U.S.',
      "isn't",
      'China’s',
      'multi',
      'objective',
      'non',
      'flashy',
      'work',
    ]);
  });

  it('reads letters beyond ASCII and digits', () => {
    expect(tokenize('Café naïve 2024 LLMs').map((t) => t.word)).toEqual(['Café', 'naïve', '2024', 'LLMs']);
  });

  it('gives nothing for punctuation alone', () => {
    expect(tokenize(' — … ?! ')).toEqual([]);
  });
});

describe('termOf', () => {
  it('gives one term for a word and its plural or inflection', () => {
    expect(termOf('Chips')).toBe(termOf('chip'));
    expect(termOf('treated')).toBe(termOf('treat'));
    expect(termOf('students')).toBe(termOf('Student'));
    expect(termOf('optimization')).toBe(termOf('optimize'));
  });

  it("drops a possessive: China's is China", () => {
    expect(termOf("China's")).toBe(termOf('China'));
    expect(termOf('China’s')).toBe(termOf('China'));
  });

  it('gives nothing for a stop word or a question word', () => {
    for (const w of ['the', 'What', 'does', 'which', 'explain', 'tell', 'us']) expect(termOf(w), w).toBeNull();
  });

  it('keeps "US" the country, written in capitals or with dots, apart from "us"', () => {
    expect(termOf('US')).toBe('US');
    expect(termOf('U.S.')).toBe('US');
    expect(termOf('us')).toBeNull();
  });

  it('keeps numbers and non-English words as they are, lowercased and without accents', () => {
    expect(termOf('2024')).toBe('2024');
    expect(termOf('Café')).toBe('cafe');
    expect(termOf('Straße')).toBe(termOf('Strasse'));
  });

  it('folds accents and ligatures, so a name typed without them matches', () => {
    expect(termOf('Céloron')).toBe(termOf('Celoron'));
    expect(termOf('Contrecœur')).toBe(termOf('Contrecoeur'));
    expect(termOf('Beauséjour')).toBe('beausejour');
  });

  it('gives nothing for a run of more than 40 letters', () => {
    expect(termOf('a'.repeat(41))).toBeNull();
    expect(termOf('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBeNull();
  });
});

describe('termsOf', () => {
  it('leaves only the words that tell passages apart', () => {
    expect(termsOf('What is the method?')).toEqual(['method']);
    expect(termsOf('Which GPUs are in short supply?')).toEqual(['gpu', 'short', 'suppli']);
  });

  it('analyses a question and the article text the same way', () => {
    expect(new Set(termsOf('Which chips do the labs use for inference?'))).toEqual(new Set(termsOf('Labs: chips used for inference.')));
  });

  it('gives nothing for a question made only of stop words', () => {
    expect(termsOf('what is it about?')).toEqual([]);
  });
});

describe('questionTerms', () => {
  it('reads no mention, role, channel, @everyone, @here or custom emoji as a word', () => {
    const plain = questionTerms('what about students?');
    expect(questionTerms('@everyone <@123456789> <@!42> <@&987> <#555> what about students? @here <:pog:1234567> <a:dance:99>')).toEqual(
      plain,
    );
  });

  it('reads Markdown markup and link targets as nothing', () => {
    expect(questionTerms('**what** about __students__ in ~~labs~~ `now` ||[here](https://example.com/x-y)||?').map((t) => t.term)).toEqual(
      questionTerms('what about students in labs now here?').map((t) => t.term),
    );
    expect(plainQuestion('see <https://example.com/a> and https://example.com/b please')).not.toMatch(/example/);
  });

  it('takes a capitalised word in mid-question for a name, but not the first word or shouting', () => {
    const [time, train, berlin, leave] = questionTerms('What time does the train to Berlin leave?');
    expect([time!.name, train!.name, berlin!.name, leave!.name]).toEqual([false, false, true, false]);
    expect(questionTerms('Students in Berlin?').map((t) => t.name)).toEqual([false, true]);
    expect(questionTerms('WHAT ABOUT BERLIN').map((t) => t.name)).toEqual([false]);
    expect(questionTerms('is the US ahead?').map((t) => t.name)).toEqual([true, false]);
  });

  it('gives each term once', () => {
    expect(questionTerms('chips, chip and Chips').map((t) => t.term)).toEqual(['chip']);
  });
});
