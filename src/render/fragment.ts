/**
 * Links to the quoted words on the original page with a URL text fragment
 * (`#:~:text=start,end`): Chrome, Edge, Safari and Firefox open the page
 * scrolled to the words and highlight them. https://wicg.github.io/scroll-to-text-fragment/
 */

/** A quote of at most this many words is matched whole; a longer one by its first and last words. */
const WHOLE_MAX_WORDS = 8;
/** How many words start and end a longer quote's match: enough to be unique on a page. */
const EDGE_WORDS = 4;

/**
 * Percent-encodes a text directive's term. Beyond what URLs require, the
 * directive's own syntax characters (`-`, `&`, `,`) are encoded, and so are
 * `(`, `)`, `!`, `'`, `*` and `~`, so the link survives Markdown and chat clients.
 */
export function encodeTextTerm(term: string): string {
  return encodeURIComponent(term).replace(/[-!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `url` with a text fragment that finds `quote` on the page: the whole quote
 * when it is short, else `text=first words,last words`. Any text directive
 * already in `url` is replaced; its own `#anchor` is kept. Undefined when the
 * quote has no words or `url` is not an http(s) address.
 */
export function textFragmentUrl(url: string, quote: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const words = quoteWords(quote);
  if (words.length === 0) return undefined;
  const directive =
    words.length <= WHOLE_MAX_WORDS
      ? encodeTextTerm(words.join(' '))
      : `${encodeTextTerm(words.slice(0, EDGE_WORDS).join(' '))},${encodeTextTerm(words.slice(-EDGE_WORDS).join(' '))}`;
  const anchor = parsed.hash.replace(/^#/, '').split(':~:')[0]!;
  parsed.hash = '';
  return `${parsed.href}#${anchor}:~:text=${directive}`;
}

/**
 * The words of a quote as the page shows them: an excerpt's `…` where it was
 * cut and Markdown emphasis markers are not on the page, so they are left out.
 */
function quoteWords(quote: string): string[] {
  const words = quote
    .replace(/…/g, ' ')
    .replace(/(\*\*|__|\*|`)/g, '')
    .split(/\s+/)
    .filter(Boolean);
  // A dash or a stray mark at either end is no word to start or end a match on.
  const isWord = (w: string) => /[\p{L}\p{N}]/u.test(w);
  const first = words.findIndex(isWord);
  return first < 0 ? [] : words.slice(first, words.findLastIndex(isWord) + 1);
}

/** A link Discord shows no preview for: `<url>`. */
export const noPreview = (url: string): string => `<${url}>`;
