import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  articleRng,
  benchQueries,
  benchQuerySet,
  FUNCTION_WORDS,
  generateArticle,
  generateCorpus,
  OFF_TOPIC_QUERIES,
  rng,
  VOCABULARY,
} from '../../bench/generate.ts';
import { parseArticle } from '../../src/corpus/article.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { Article } from '../../src/corpus/types.ts';
import { sentencesOf } from '../../src/corpus/passage.ts';

const temps: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-gen-'));
  temps.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const articles = (n: number, seed = 1) => Array.from({ length: n }, (_, i) => generateArticle(articleRng(seed, i + 1), i + 1));
const parse = (a: { id: string; markdown: string }): Article => {
  const result = parseArticle(`${a.id}.md`, new TextEncoder().encode(a.markdown));
  if (!result.ok) throw new Error(result.error);
  return result.value;
};
const frontMatter = (markdown: string): Record<string, unknown> => {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  expect(m).not.toBeNull();
  const fields: Record<string, unknown> = {};
  for (const line of m![1]!.split('\n')) {
    const kv = /^([a-z]+): (".*")$/.exec(line);
    expect(kv, line).not.toBeNull();
    fields[kv![1]!] = JSON.parse(kv![2]!);
  }
  return fields;
};
const words = (sentence: string) => sentence.split(/\s+/).filter(Boolean);
const VOCAB = new Set(VOCABULARY);
const STOP = new Set(FUNCTION_WORDS);

describe('rng', () => {
  it('gives the same numbers in [0, 1) for the same seed, and other numbers for another seed or stream', () => {
    const take = (r: () => number) => Array.from({ length: 1000 }, r);
    const a = take(rng(42));
    expect(take(rng(42))).toEqual(a);
    expect(take(rng(43))).not.toEqual(a);
    expect(take(rng(42, 1))).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});

describe('generateCorpus', () => {
  it('writes byte-identical files for the same seed, and different ones for another seed', () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    const ra = generateCorpus({ articles: 30, seed: 7, dir: a });
    const rb = generateCorpus({ articles: 30, seed: 7, dir: b });
    generateCorpus({ articles: 30, seed: 8, dir: c });
    expect(rb).toEqual(ra);
    const names = readdirSync(a).sort();
    expect(readdirSync(b).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(join(b, name)).equals(readFileSync(join(a, name)))).toBe(true);
    expect(readdirSync(c).sort()).not.toEqual(names);
  });

  it('uses a fixed default seed, and a larger corpus starts with the smaller one', () => {
    const [a, b] = [tempDir(), tempDir()];
    generateCorpus({ articles: 5, dir: a });
    generateCorpus({ articles: 10, seed: 1, dir: b });
    for (const name of readdirSync(a)) expect(readFileSync(join(b, name), 'utf8')).toBe(readFileSync(join(a, name), 'utf8'));
  });

  it('writes 100 articles into a new folder that the corpus loader reads without a problem, with the counts it reports', () => {
    const dir = join(tempDir(), 'nested', 'corpus');
    const result = generateCorpus({ articles: 100, dir });
    const names = readdirSync(dir);
    expect(result.files).toBe(100);
    expect(names).toHaveLength(100);
    expect(result.bytes).toBe(names.reduce((s, n) => s + readFileSync(join(dir, n)).length, 0));

    const corpus = loadCorpus(dir);
    if (!corpus.ok) throw new Error(corpus.error.join('\n'));
    expect(corpus.value.articles).toHaveLength(100);
    const loadedSentences = corpus.value.passages.reduce((s, p) => s + sentencesOf(p).length, 0);
    expect(loadedSentences).toBe(result.sentences);
    expect(result.sentences).toBeGreaterThanOrEqual(100 * 20);
    expect(result.sentences).toBeLessThanOrEqual(100 * 60);
  });
});

describe('generateArticle', () => {
  const sample = articles(400);

  it('gives every article 20–60 sentences, as the corpus loader splits them, in 3–7 sections', () => {
    const counts = new Set<number>();
    for (const a of sample) {
      const article = parse(a);
      const sentences = article.sections.flatMap((s) => s.passages.flatMap((p) => sentencesOf(p)));
      expect(sentences.length).toBe(a.sentences);
      expect(a.sentences).toBeGreaterThanOrEqual(20);
      expect(a.sentences).toBeLessThanOrEqual(60);
      expect(article.sections.length).toBeGreaterThanOrEqual(3);
      expect(article.sections.length).toBeLessThanOrEqual(7);
      expect(new Set(article.sections.map((s) => s.heading)).size).toBe(article.sections.length);
      counts.add(a.sentences);
    }
    // Uniformly chosen: both ends of the range and most values between them occur.
    expect(counts.has(20) && counts.has(60)).toBe(true);
    expect(counts.size).toBeGreaterThan(35);
  });

  it('mixes paragraphs of 2–6 sentences with lists of 2–5 one-sentence bullets, sentences of 8–30 words', () => {
    let paragraphs = 0;
    let bullets = 0;
    for (const a of sample.slice(0, 100)) {
      for (const section of parse(a).sections) {
        let run = 0;
        const endRun = () => {
          if (run > 0) {
            expect(run).toBeGreaterThanOrEqual(2);
            expect(run).toBeLessThanOrEqual(5);
          }
          run = 0;
        };
        let lastLine = -10;
        for (const p of section.passages) {
          if (p.kind === 'bullet') {
            expect(sentencesOf(p)).toHaveLength(1);
            if (p.line !== lastLine + 1) endRun();
            run++;
            bullets++;
          } else {
            endRun();
            expect(sentencesOf(p).length).toBeGreaterThanOrEqual(2);
            expect(sentencesOf(p).length).toBeLessThanOrEqual(6);
            paragraphs++;
          }
          lastLine = p.line;
          for (const s of sentencesOf(p)) {
            expect(words(s).length).toBeGreaterThanOrEqual(8);
            expect(words(s).length).toBeLessThanOrEqual(30);
            expect(s).toMatch(/^[A-Z0-9].*[a-z0-9]\.$/);
          }
        }
        endRun();
      }
    }
    expect(paragraphs).toBeGreaterThan(100);
    expect(bullets).toBeGreaterThan(100);
  });

  it('writes front matter with a title of 3–8 words and a publisher, and url, author and published on about 50%, 30% and 60%', () => {
    for (const a of sample) {
      expect(a.markdown.startsWith('---\n')).toBe(true);
      const fm = frontMatter(a.markdown);
      expect(typeof fm.title).toBe('string');
      expect(words(fm.title as string).length).toBeGreaterThanOrEqual(3);
      expect(words(fm.title as string).length).toBeLessThanOrEqual(8);
      expect(typeof fm.publisher).toBe('string');
      expect(Object.keys(fm).every((k) => ['title', 'publisher', 'url', 'author', 'published'].includes(k))).toBe(true);
      if (fm.url !== undefined) expect(fm.url).toBe(`https://example.com/articles/${a.id}`);
      if (fm.author !== undefined) expect(words(fm.author as string)).toHaveLength(2);
      if (fm.published !== undefined) expect(fm.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const article = parse(a);
      expect(article.title).toBe(fm.title);
      expect(article.publisher).toBe(fm.publisher);
    }
    // The rates, on a larger sample (about ±0.01 at one standard deviation).
    const many = articles(2000).map((a) => a.markdown);
    const rate = (field: string) => many.filter((m) => m.includes(`\n${field}: `)).length / many.length;
    expect(Math.abs(rate('url') - 0.5)).toBeLessThan(0.04);
    expect(Math.abs(rate('author') - 0.3)).toBeLessThan(0.04);
    expect(Math.abs(rate('published') - 0.6)).toBeLessThan(0.04);
    // Some titles need their quotes: they contain a colon.
    expect(sample.some((a) => (frontMatter(a.markdown).title as string).includes(':'))).toBe(true);
  });

  it('gives unique ids of lowercase letters, digits and hyphens that sort in generation order and match the file name', () => {
    const ids = articles(2000).map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [i, id] of ids.entries()) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id.startsWith(`article-${String(i + 1).padStart(5, '0')}-`)).toBe(true);
    }
    expect([...ids].sort()).toEqual(ids);
    for (const a of sample.slice(0, 50)) expect(parse(a).id).toBe(a.id);
  });

  it('draws words with a Zipf-like distribution: stop words on top, a steep head and a long tail', () => {
    const freq = new Map<string, number>();
    let tokens = 0;
    for (const a of sample) {
      for (const p of parse(a).sections.flatMap((s) => s.passages)) {
        for (const w of words(p.text.toLowerCase().replace(/[".,]/g, ' '))) {
          freq.set(w, (freq.get(w) ?? 0) + 1);
          tokens++;
        }
      }
    }
    const ranked = [...freq.entries()].sort((x, y) => y[1] - x[1]);
    const f = (rank: number) => ranked[rank - 1]![1];
    expect(ranked[0]![0]).toBe('the');
    expect(ranked.slice(0, 10).every(([w]) => STOP.has(w))).toBe(true);
    expect(f(1) / f(100)).toBeGreaterThan(40);
    const top10 = ranked.slice(0, 10).reduce((s, [, n]) => s + n, 0);
    expect(top10 / tokens).toBeGreaterThan(0.2);
    expect(top10 / tokens).toBeLessThan(0.5);
    // The most frequent content word is far more frequent than the 100th most frequent one.
    const content = ranked.filter(([w]) => !STOP.has(w) && VOCAB.has(w));
    expect(content[0]![1] / content[99]![1]).toBeGreaterThan(1.8);
    expect(content[0]![1] / content[999]![1]).toBeGreaterThan(10);
    // log(frequency) against log(rank) is close to a line of slope about -1 over the first 1,000 ranks.
    const xs = ranked.slice(0, 1000).map((_, i) => Math.log(i + 1));
    const ys = ranked.slice(0, 1000).map(([, n]) => Math.log(n));
    const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
    const my = ys.reduce((s, y) => s + y, 0) / ys.length;
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(slope).toBeGreaterThan(-1.3);
    expect(slope).toBeLessThan(-0.8);
    // A long tail: thousands of distinct words, nearly all from the vocabulary.
    expect(freq.size).toBeGreaterThan(5000);
    const outside = ranked.filter(([w]) => !VOCAB.has(w)).reduce((s, [, n]) => s + n, 0);
    expect(outside / tokens).toBeLessThan(0.02);
  });

  it('puts digits and quoted phrases into a few sentences, as real text has', () => {
    const sentences = sample.flatMap((a) => parse(a).sections.flatMap((s) => s.passages.flatMap((p) => sentencesOf(p))));
    const withDigits = sentences.filter((s) => /\d/.test(s)).length / sentences.length;
    const quoted = sentences.filter((s) => /"[^"]+"/.test(s)).length / sentences.length;
    expect(withDigits).toBeGreaterThan(0.05);
    expect(withDigits).toBeLessThan(0.3);
    expect(quoted).toBeGreaterThan(0.01);
    expect(quoted).toBeLessThan(0.1);
  });
});

describe('benchQueries', () => {
  const queries = benchQueries();
  const set = benchQuerySet();
  const of = (kind: string) => set.filter((q) => q.kind === kind).map((q) => q.query);
  const lower = (q: string) => words(q.toLowerCase().replace(/[?,]/g, ''));
  const oneLetterFrom = (w: string) => VOCABULARY.some((v) => v.length === w.length && [...v].filter((c, i) => c !== w[i]).length === 1);

  it('is a fixed set of about 50 distinct queries for a seed', () => {
    expect(queries.length).toBeGreaterThanOrEqual(45);
    expect(queries.length).toBeLessThanOrEqual(55);
    expect(benchQueries()).toEqual(queries);
    expect(benchQueries(1)).toEqual(queries);
    expect(benchQueries(2)).not.toEqual(queries);
    expect(new Set(queries).size).toBe(queries.length);
    expect(set.map((q) => q.query)).toEqual(queries);
  });

  it('has keyword queries of one or two vocabulary words', () => {
    expect(of('keyword').length).toBeGreaterThanOrEqual(10);
    for (const q of of('keyword')) {
      expect(words(q).length).toBeLessThanOrEqual(2);
      expect(words(q).every((w) => VOCAB.has(w) && !STOP.has(w))).toBe(true);
    }
  });

  it('has natural questions about vocabulary words', () => {
    expect(of('question').length).toBeGreaterThanOrEqual(15);
    for (const q of of('question')) {
      expect(q).toMatch(/^(What|How|Is|Why) .*\?$/);
      expect(lower(q).filter((w) => VOCAB.has(w) && !STOP.has(w)).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('has typos: one word, not in the vocabulary, one letter away from a word that is', () => {
    expect(of('typo').length).toBeGreaterThanOrEqual(4);
    for (const q of of('typo')) {
      const unknown = words(q).filter((w) => !VOCAB.has(w));
      expect(unknown).toHaveLength(1);
      expect(oneLetterFrom(unknown[0]!)).toBe(true);
    }
  });

  it('has off-topic queries whose content words are nowhere in the vocabulary', () => {
    expect(of('off-topic')).toEqual(OFF_TOPIC_QUERIES);
    expect(OFF_TOPIC_QUERIES.length).toBeGreaterThanOrEqual(3);
    for (const q of OFF_TOPIC_QUERIES) {
      const content = lower(q).filter((w) => !STOP.has(w));
      expect(content.length).toBeGreaterThanOrEqual(1);
      expect(content.filter((w) => VOCAB.has(w))).toEqual([]);
    }
  });
});
