import { describe, expect, it } from 'vitest';
import type { Excerpt } from '../../src/answers/types.ts';
import { excerptBlock, renderDiscord } from '../../src/render/discord.ts';
import { encodeTextTerm, textFragmentUrl } from '../../src/render/fragment.ts';
import { toJson } from '../../src/render/json.ts';

describe('textFragmentUrl', () => {
  it('matches a short quote whole', () => {
    expect(textFragmentUrl('https://example.com/post', 'Culture shapes AI development outcomes.')).toBe(
      'https://example.com/post#:~:text=Culture%20shapes%20AI%20development%20outcomes.',
    );
  });

  it('matches a long quote by its first and last four words', () => {
    const quote = 'Chinese AI labs, often staffed by active students, exhibit a "fast-follower" mentality, prioritizing meticulous work.';
    expect(textFragmentUrl('https://example.com/post', quote)).toBe(
      'https://example.com/post#:~:text=Chinese%20AI%20labs%2C%20often,mentality%2C%20prioritizing%20meticulous%20work.',
    );
  });

  it('encodes the directive’s own characters (- & ,) and those that would break a Markdown link', () => {
    expect(encodeTextTerm('fast-follower, R&D (2024)!')).toBe('fast%2Dfollower%2C%20R%26D%20%282024%29%21');
    const url = textFragmentUrl('https://example.com/a', "in-house data & 'environments'")!;
    expect(url).toBe('https://example.com/a#:~:text=in%2Dhouse%20data%20%26%20%27environments%27');
    expect(decodeURIComponent(url.split('text=')[1]!)).toBe("in-house data & 'environments'");
  });

  it('leaves out an excerpt’s … and Markdown emphasis, which are not on the page', () => {
    expect(textFragmentUrl('https://example.com/a', '…the **fast-follower** position…')).toBe(
      'https://example.com/a#:~:text=the%20fast%2Dfollower%20position',
    );
  });

  it('keeps the page’s own anchor and replaces a text directive already there', () => {
    expect(textFragmentUrl('https://example.com/a?x=1#results', 'Key results')).toBe(
      'https://example.com/a?x=1#results:~:text=Key%20results',
    );
    expect(textFragmentUrl('https://example.com/a#:~:text=old', 'new words')).toBe('https://example.com/a#:~:text=new%20words');
  });

  it('gives nothing for a quote without words or an address that is not http(s)', () => {
    expect(textFragmentUrl('https://example.com/a', ' … ')).toBeUndefined();
    expect(textFragmentUrl('mailto:someone@example.com', 'words')).toBeUndefined();
    expect(textFragmentUrl('not a url', 'words')).toBeUndefined();
  });
});

describe('links to the quoted words in answers', () => {
  const excerpt = (url: string | null): Excerpt => ({
    citation: 'notes#summary-1',
    article: { id: 'notes', title: 'Notes from inside China’s AI labs', publisher: null, url },
    section: 'Summary',
    text: 'Huawei chips are used for inference.',
    marks: [[0, 6]],
    score: 1,
    partial: false,
  });

  it('links the title to the quoted sentence in Discord, inside <…> so no preview is shown', () => {
    expect(excerptBlock(excerpt('https://example.com/notes'))).toContain(
      '[Notes from inside China’s AI labs](<https://example.com/notes#:~:text=Huawei%20chips%20are%20used%20for%20inference.>)',
    );
    expect(excerptBlock(excerpt(null))).toContain('*Notes from inside China’s AI labs*, Summary');
  });

  it('gives the link in the JSON result where the article has an address, and nothing where it has none', () => {
    const answer = { kind: 'quote' as const, result: excerpt('https://example.com/notes') };
    expect((toJson(answer)['result'] as { link?: string }).link).toBe(
      'https://example.com/notes#:~:text=Huawei%20chips%20are%20used%20for%20inference.',
    );
    expect(toJson({ kind: 'quote', result: excerpt(null) })['result']).not.toHaveProperty('link');
  });

  it('sends /quote’s title to the passage’s words on the page', () => {
    const payload = renderDiscord({ kind: 'quote', result: excerpt('https://example.com/notes') });
    expect(payload.embeds[0]!.url).toBe('https://example.com/notes#:~:text=Huawei%20chips%20are%20used%20for%20inference.');
  });
});
