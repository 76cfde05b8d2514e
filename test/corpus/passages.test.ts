import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus/article.ts';
import { LEAD_SECTION, parseBody } from '../../src/corpus/body.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { Article } from '../../src/corpus/types.ts';
import { passageId, sentencesOf } from '../../src/corpus/passage.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const corpus = loadCorpus(join(root, 'corpus'));
if (!corpus.ok) throw new Error(corpus.error.join('\n'));
const { articles, passages } = corpus.value;

/** Body lines as the front matter parser hands them over: numbered from the line after the closing `---`. */
const body = (text: string, firstLine = 6) => text.split('\n').map((t, i) => ({ line: firstLine + i, text: t }));
const parsed = (text: string) => {
  const result = parseBody('notes', body(text));
  if (!result.ok) throw new Error(result.error.message);
  return result.value.flatMap((s) => s.passages);
};

/** The seed texts the articles were converted from (copied from ../shared/seeds; never read at run time). */
const seedsDir = join(root, 'test/fixtures/seeds');
const seeds = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .map((file) => {
    const lines = readFileSync(join(seedsDir, file), 'utf8').split('\n');
    return { file, title: lines[0]!.trim(), lines: lines.slice(1) };
  });
const articleFor = (title: string): Article => {
  const found = articles.find((a) => a.title === title);
  if (!found) throw new Error(`no article titled ${JSON.stringify(title)}`);
  return found;
};
/** The seed's words: section heading lines, bullet dashes and the `▸` glyph are layout, not words. */
const seedWords = (seed: (typeof seeds)[number], article: Article) => {
  const headings = new Set(article.sections.map((s) => s.heading));
  return seed.lines
    .filter((l) => !headings.has(l.trim()))
    .join(' ')
    .replace(/▸/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && w !== '-');
};
const passageWords = (article: Article) => article.sections.flatMap((s) => s.passages.flatMap((p) => p.text.split(/\s+/)));

describe('loadCorpus', () => {
  it('gives every passage a stable citation id: article, section, number', () => {
    expect(passages.map((p) => passageId(p))).toEqual([
      'how-cultural-differences-shape-ai-development#key-takeaways-1',
      'how-cultural-differences-shape-ai-development#key-takeaways-2',
      'how-cultural-differences-shape-ai-development#key-takeaways-3',
      'how-cultural-differences-shape-ai-development#summary-1',
      'how-cultural-differences-shape-ai-development#summary-2',
      'how-cultural-differences-shape-ai-development#editorial-opinion-1',
      'notes-from-inside-chinas-ai-labs#summary-1',
      'notes-from-inside-chinas-ai-labs#key-takeaway-1',
      'notes-from-inside-chinas-ai-labs#key-insights-1',
      'notes-from-inside-chinas-ai-labs#principles-1',
      'notes-from-inside-chinas-ai-labs#principles-2',
      'notes-from-inside-chinas-ai-labs#principles-3',
      'notes-from-inside-chinas-ai-labs#method-1',
      'notes-from-inside-chinas-ai-labs#in-practice-1',
      'notes-from-inside-chinas-ai-labs#in-practice-2',
      'notes-from-inside-chinas-ai-labs#in-practice-3',
      'notes-from-inside-chinas-ai-labs#topics-1',
      'notes-from-inside-chinas-ai-labs#topics-2',
      'notes-from-inside-chinas-ai-labs#topics-3',
      'notes-from-inside-chinas-ai-labs#topics-4',
      'notes-from-inside-chinas-ai-labs#topics-5',
      'notes-from-inside-chinas-ai-labs#best-for-1',
      'notes-from-inside-chinas-ai-labs#related-on-aissential-1',
    ]);
  });

  it('cites the line each passage starts on', () => {
    const at = (id: string) => passages.find((p) => passageId(p) === id)?.line;
    expect(at('notes-from-inside-chinas-ai-labs#summary-1')).toBe(9);
    expect(at('notes-from-inside-chinas-ai-labs#principles-3')).toBe(23);
    expect(at('how-cultural-differences-shape-ai-development#summary-2')).toBe(17);
  });

  it('has a seed text for every article, and the seed names it by its title', () => {
    expect(seeds.map((s) => articleFor(s.title).id).sort()).toEqual(articles.map((a) => a.id).sort());
  });

  it.each(seeds)('keeps every word of the seed $file, in order', (seed) => {
    const article = articleFor(seed.title);
    const words = passageWords(article);
    let at = 0;
    for (const [i, word] of seedWords(seed, article).entries()) {
      const found = words.indexOf(word, at);
      if (found < 0) {
        const context = seedWords(seed, article).slice(Math.max(0, i - 5), i + 5).join(' ');
        throw new Error(`${article.id}: seed word ${i + 1} ${JSON.stringify(word)} is missing (or out of order) near "${context}"`);
      }
      at = found + 1;
    }
  });

  it.each(seeds)('adds no words the seed $file does not have', (seed) => {
    const article = articleFor(seed.title);
    expect(passageWords(article)).toEqual(seedWords(seed, article));
  });

  it('marks bullets as bullets and paragraphs as paragraphs', () => {
    const kind = (id: string) => passages.find((p) => passageId(p) === id)?.kind;
    expect(kind('notes-from-inside-chinas-ai-labs#principles-1')).toBe('bullet');
    expect(kind('notes-from-inside-chinas-ai-labs#method-1')).toBe('paragraph');
    expect(kind('how-cultural-differences-shape-ai-development#summary-2')).toBe('bullet');
  });
});

describe('parseArticle', () => {
  it('takes the article id from the file name', () => {
    const bytes = readFileSync(join(root, 'corpus/notes-from-inside-chinas-ai-labs.md'));
    const article = parseArticle('corpus/Notes From Inside China’s AI Labs.md', bytes);
    expect(article.ok && article.value.id).toBe('notes-from-inside-chinas-ai-labs');
    expect(article.ok && passageId(article.value.sections[0]!.passages[0]!)).toBe('notes-from-inside-chinas-ai-labs#summary-1');
  });
});

describe('parseBody', () => {
  it('numbers passages from 1 within each section', () => {
    const ids = parsed('## Principles\n\n- Culture shapes AI development outcomes.\n- Ownership mentality drives LLM investment.\n\n## Method\n\nChinese labs integrate active students.').map((p) => passageId(p));
    expect(ids).toEqual(['notes#principles-1', 'notes#principles-2', 'notes#method-1']);
  });

  it('joins the lines of a paragraph with a space', () => {
    const [p] = parsed('## Method\n\nChinese labs integrate active students\ndirectly into LLM teams.');
    expect(p!.text).toBe('Chinese labs integrate active students directly into LLM teams.');
    expect(p!.line).toBe(8);
  });

  it('reads -, *, + and numbered bullets, and joins indented lines to the bullet', () => {
    const texts = parsed('## In practice\n\n- Integrate students\n  as peers in LLM teams.\n* Prioritize collective model performance.\n+ Develop in-house data.\n1. First.\n2) Second.').map((p) => [p.kind, p.text]);
    expect(texts).toEqual([
      ['bullet', 'Integrate students as peers in LLM teams.'],
      ['bullet', 'Prioritize collective model performance.'],
      ['bullet', 'Develop in-house data.'],
      ['bullet', 'First.'],
      ['bullet', 'Second.'],
    ]);
  });

  it(`puts text before the first heading in an "${LEAD_SECTION}" section`, () => {
    const [p] = parsed('Chinese AI labs prioritize collective model optimization.\n\n## Summary\n\nText.');
    expect([passageId(p!), p!.section]).toEqual(['notes#introduction-1', 'Introduction']);
  });

  it('gives a second section with the same heading its own ids', () => {
    const ids = parsed('## Summary\n\nOne.\n\n## Summary\n\nTwo.').map((p) => passageId(p));
    expect(ids).toEqual(['notes#summary-1', 'notes#summary-2-1']);
  });

  it('slugs headings of any level, with closing hashes and punctuation', () => {
    const ids = parsed("# Key takeaway #\n\nOne.\n\n### What's next? (2024)\n\nTwo.").map((p) => passageId(p));
    expect(ids).toEqual(['notes#key-takeaway-1', 'notes#whats-next-2024-1']);
  });

  it('leaves HTML comments out and keeps a code block as one passage, its lines and indentation as written', () => {
    const passages = parsed('## Method\n\n<!-- editor note:\nnot for readers -->\nText.\n\n```python\nif ready:\n    model.train()\n\nmodel.eval()\n```');
    expect(passages.map((p) => [p.kind, p.text])).toEqual([
      ['paragraph', 'Text.'],
      ['code', 'if ready:\n    model.train()\n\nmodel.eval()'],
    ]);
  });

  it('never splits a code block into sentences', () => {
    const [code] = parsed('## Example\n\n```\nx = 1. Y = 2. # Not sentences.\n```');
    expect(sentencesOf(code!)).toEqual(['x = 1. Y = 2. # Not sentences.']);
  });

  it('reads a fence inside a longer fence as code, and ~~~ as a fence', () => {
    const texts = parsed('## Fences\n\n````\n```\ninner\n```\n````\n\n~~~\n# not a heading\n~~~').map((p) => p.text);
    expect(texts).toEqual(['```\ninner\n```', '# not a heading']);
  });

  it('treats a thematic break as a separator, not as a passage', () => {
    const texts = parsed('## Summary\n\nOne.\n\n---\n\nTwo.\n***\n- Three.\n\n_ _ _').map((p) => p.text);
    expect(texts).toEqual(['One.', 'Two.', 'Three.']);
  });

  it('does not take "#hashtag" for a heading', () => {
    expect(parsed('## Topics\n\n#LLM').map((p) => [p.section, p.text])).toEqual([['Topics', '#LLM']]);
  });

  it('refuses a heading without text, at its line', () => {
    expect(parseBody('notes', body('## Summary\n\nOne.\n\n##\n\nTwo.'))).toEqual({ ok: false, error: { line: 10, message: 'body: heading has no text' } });
    expect(parseBody('notes', body('## Summary\n\nOne.\n\n###   \n'))).toEqual({ ok: false, error: { line: 10, message: 'body: heading has no text' } });
  });

  it('refuses a body without text, at its first line', () => {
    expect(parseBody('notes', body('\n## Summary\n\n<!-- todo -->\n'))).toEqual({
      ok: false,
      error: { line: 6, message: 'body: no text (add "## Section" headings with paragraphs or - bullets)' },
    });
  });
});
