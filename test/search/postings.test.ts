// The compact index must hold exactly what MiniSearch's own `add` would have made of the same sentences:
// the matcher's scores, and so every answer, depend on it.
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { termsOf } from '../../src/search/analysis.ts';
import { buildIndex, newMiniSearch, newMiniSearchOptions } from '../../src/search/index.ts';
import { compactTablesFrom, compactTablesOf, fillCompact, Postings } from '../../src/search/postings.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusOf, tempDir } from '../support/corpus.ts';
import { sentencesOf } from '../../src/corpus/passage.ts';

/** The index as MiniSearch itself builds it, one `add` per sentence: what buildIndex made before its tables were compact. */
function miniSearchReference(corpus: Corpus, common: ReadonlySet<string>): MiniSearch<number> {
  const keep = (text: string) =>
    termsOf(text)
      .filter((t) => !common.has(t))
      .join(' ');
  const current = { text: '', section: '' };
  const mini = newMiniSearch((_doc, field) => (field === 'text' ? current.text : current.section));
  let doc = 0;
  for (const passage of corpus.passages) {
    current.section = keep(passage.section);
    for (const sentence of sentencesOf(passage)) {
      current.text = keep(sentence);
      mini.add(doc++);
    }
  }
  return mini;
}

/** A generated corpus of `articles`, large enough (over 2,000 sentences) that common terms are left out. */
function generated(articles: number): Corpus {
  const dir = join(tempDir(), 'corpus');
  generateCorpus({ articles, dir, seed: 3 });
  return corpusOf(dir);
}

/** One long article where "gardening" is in every one of 2,400 sentences: more than the share an index keeps. */
function withCommonWord(): Corpus {
  const dir = join(tempDir(), 'corpus');
  generateCorpus({ articles: 20, dir, seed: 5 });
  const words = ['robots', 'soil', 'tomatoes', 'sensors', 'water', 'seeds', 'weather', 'harvest'];
  const bullets = Array.from({ length: 2400 }, (_, i) => `- Gardening ${words[i % 8]} and ${words[(i * 3) % 8]} in plot ${i}.`);
  writeFileSync(join(dir, 'gardens.md'), `---\ntitle: Gardens\n---\n\n## Gardening notes\n\n${bullets.join('\n')}\n`);
  return corpusOf(dir);
}

describe('buildIndex', () => {
  it("holds the very words, term frequencies, field lengths and averages MiniSearch's add makes, words in the same order", () => {
    for (const corpus of [corpusOf(), generated(120), withCommonWord()]) {
      const index = buildIndex(corpus);
      const reference = miniSearchReference(corpus, index.common);
      expect(index.mini.toJSON()).toStrictEqual(reference.toJSON());
      // The word tree is filled in the same order, so fuzzy and prefix matches are met in the same order.
      expect([...(index.mini as unknown as { _index: Map<string, unknown> })._index.keys()]).toEqual([
        ...(reference as unknown as { _index: Map<string, unknown> })._index.keys(),
      ]);
    }
  });

  it('leaves common words out once the corpus is large enough, as before', () => {
    const index = buildIndex(withCommonWord());
    expect(index.common).toContain('garden');
    const terms = new Set((index.mini.toJSON().index as [string, unknown][]).map(([t]) => t));
    for (const t of index.common) expect(terms.has(t)).toBe(false);
  });

  it("answers MiniSearch's own search() the same as a MiniSearch built by add", () => {
    const corpus = generated(60);
    const index = buildIndex(corpus);
    const reference = miniSearchReference(corpus, index.common);
    for (const q of ['model', 'data research', 'compute cost', 'polcy', 'startu'])
      expect(index.mini.search(q, { fuzzy: 0.2, prefix: true, boost: { section: 1.5 } })).toEqual(
        reference.search(q, { fuzzy: 0.2, prefix: true, boost: { section: 1.5 } }),
      );
  });
});

describe('Postings', () => {
  it('reads a term frequency above 255 back exactly', () => {
    const pool = { docs: Int32Array.from([2, 5, 9]), tfs: Uint8Array.from([1, 0, 3]), big: new Map([[1, 300]]) };
    const p = new Postings(pool, 0, 3);
    expect([...p]).toEqual([
      [2, 1],
      [5, 300],
      [9, 3],
    ]);
    expect(p.get(5)).toBe(300);
    expect(p.get(4)).toBeUndefined();
    expect(p.has(9)).toBe(true);
  });
});

describe('compactTablesFrom', () => {
  it('makes the same compact tables of a MiniSearch loaded by MiniSearch itself as of the index it was saved from', () => {
    const index = buildIndex(generated(40));
    const plain = MiniSearch.loadJS<number>(
      index.mini.toJSON(),
      newMiniSearchOptions(() => ''),
    );
    expect(compactTablesOf(plain)).toBeUndefined();
    const refilled = fillCompact(
      newMiniSearch(() => ''),
      compactTablesFrom(plain),
    );
    expect(refilled.toJSON()).toStrictEqual(index.mini.toJSON());
  });
});
