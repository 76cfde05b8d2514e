import { describe, expect, it } from 'vitest';
import { MAX_SUGGESTIONS, suggestArticles, suggestCitations, suggestTopics } from '../../src/answers/suggest.ts';
import { passageId } from '../../src/corpus/passage.ts';
import { choiceName } from '../../src/bot/autocomplete.ts';
import { CULTURE, NOTES, realIndex } from '../support/corpus.ts';
import type { Suggestion } from '../../src/answers/suggest.ts';

const index = realIndex();
/** As Discord shows a suggestion: its name, then why it matched. */
const shown = (list: readonly Suggestion[]) => list.map((s) => ({ name: choiceName(s.name, s.why), value: s.value }));

describe('suggestArticles', () => {
  it('says whether the title, the id or a section heading matched what was typed', () => {
    expect(shown(suggestArticles(index, 'notes'))).toEqual([{ name: "Notes from inside China's AI labs · title", value: NOTES }]);
    expect(shown(suggestArticles(index, 'how-cult'))).toEqual([
      { name: "Inside China's AI Labs: How Cultural Differences Shape AI Development · id", value: CULTURE },
    ]);
    expect(shown(suggestArticles(index, 'method'))).toEqual([
      { name: "Notes from inside China's AI labs · section “Method”", value: NOTES },
    ]);
  });

  it('gives the plain titles before anything is typed', () => {
    expect(
      shown(suggestArticles(index, ''))
        .map((s) => s.name)
        .sort(),
    ).toEqual(["Inside China's AI Labs: How Cultural Differences Shape AI Development", "Notes from inside China's AI labs"]);
  });
});

describe('suggestCitations', () => {
  it('offers ids that contain what was typed, then passages whose text has it, saying so', () => {
    const byId = shown(suggestCitations(index, 'principles-2'));
    expect(byId).toEqual([{ name: `${NOTES}#principles-2 — Ownership mentality drives LLM investment.`, value: `${NOTES}#principles-2` }]);
    const byText = shown(suggestCitations(index, 'huawei'));
    expect(byText.length).toBeGreaterThan(0);
    for (const s of byText) expect(s.name).toMatch(/ · text$/);
    expect(byText.map((s) => s.value)).toContain(`${NOTES}#summary-1`);
  });

  it('offers exactly the ids that contain what was typed, in corpus order, whichever part of the id it is', () => {
    const ids = index.corpus.passages.map(passageId);
    for (const typed of ['', 'principles-2', 'summary-', '#method', 'labs#', 's-1', '-1', 'notes-from', '2', '#key-insights-1', 'zzz']) {
      const expected = ids.filter((id) => id.includes(typed)).slice(0, MAX_SUGGESTIONS);
      const offered = suggestCitations(index, typed).filter((s) => !s.why);
      expect(offered.map((s) => s.value)).toEqual(expected);
    }
  });
});

describe('suggestTopics', () => {
  it('says how often each suggested word is in the articles', () => {
    expect(shown(suggestTopics(index, 'stud')).slice(1, 3)).toEqual([
      { name: 'students · 5× in the articles', value: 'students' },
      { name: 'student · 1× in the articles', value: 'student' },
    ]);
  });
});

describe('every suggestion', () => {
  it('keeps its reason whole within 100 characters, however long the title or passage', () => {
    for (const s of shown([...suggestCitations(index, 'the'), ...suggestTopics(index, 'a'), ...suggestArticles(index, 'i')])) {
      expect([...s.name].length).toBeLessThanOrEqual(100);
    }
    for (const s of shown(suggestCitations(index, 'the')).filter((x) => !x.value.toLowerCase().includes('the')))
      expect(s.name.endsWith('… · text')).toBe(true);
  });
});
