import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importSource } from '../../src/import/import.ts';
import { parseHtml } from '../../src/import/html.ts';
import { filesIn, fixture, outline, shippedArticle, tempDir } from './helpers.ts';

const page = readFileSync(fixture('inside-chinas-ai-labs.html'), 'utf8');

describe('importing a web page with boilerplate around its article', () => {
  it('keeps the article and its metadata: title, publisher, author, date, canonical address', async () => {
    const dir = tempDir();
    const result = await importSource(fixture('inside-chinas-ai-labs.html'), { corpusDir: dir });
    if (!result.ok) throw new Error(result.error);
    const a = result.value.article;
    expect(a).toMatchObject({
      id: 'inside-chinas-ai-labs-how-cultural-differences-shape-ai-development',
      title: "Inside China's AI Labs: How Cultural Differences Shape AI Development",
      publisher: 'AI Industry Digest',
      author: 'Dana Whitfield',
      published: '2025-06-18',
      url: 'https://digest.example.com/2025/06/inside-chinas-ai-labs',
    });
    expect(filesIn(dir)).toEqual(['inside-chinas-ai-labs-how-cultural-differences-shape-ai-development.md']);
  });

  it('gives the article text word for word: the same sections and passages as the shipped copy of it', async () => {
    const result = await importSource(fixture('inside-chinas-ai-labs.html'), { corpusDir: tempDir() });
    if (!result.ok) throw new Error(result.error);
    expect(outline(result.value.article)).toEqual(outline(shippedArticle('how-cultural-differences-shape-ai-development')));
  });

  it('leaves out the navigation, cookie banner, share buttons, newsletter box, related posts and footer', () => {
    const text = JSON.stringify(parseHtml(page));
    for (const boilerplate of [
      'cookies',
      'Podcast',
      'Share on',
      'Get the Digest',
      'Subscribe',
      'Related posts',
      'open-weights race',
      'All rights reserved',
      'Privacy',
      'Analysis',
      'June 18, 2025',
    ]) {
      expect(text, boilerplate).not.toContain(boilerplate);
    }
  });

  it('takes the title from the h1 and the address it was fetched from when the page has no meta tags', () => {
    const bare = page.replace(/<meta property="og:[^>]+>|<link rel="canonical"[^>]+>/g, '');
    const parsed = parseHtml(bare, { url: 'https://digest.example.com/p/42' });
    if (!parsed.ok) throw new Error(parsed.error);
    const draft = parsed.value;
    expect(draft.title).toBe("Inside China's AI Labs: How Cultural Differences Shape AI Development");
    expect(draft.url).toBe('https://digest.example.com/p/42');
    expect(draft.publisher).toBeUndefined();
  });

  it('says a page with no article text has none, and writes nothing', async () => {
    const dir = tempDir();
    const result = await importSource(fixture('blank.source.html'), { corpusDir: dir });
    expect(result).toEqual({ ok: false, error: 'no text to import (the page has no article text)' });
    expect(filesIn(dir)).toEqual([]);
  });
});
