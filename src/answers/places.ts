import { termsOf } from '../search/analysis.ts';
import type { SearchIndex } from '../search/index.ts';

/**
 * Somewhere to look when nothing answers: an article whose title, or a
 * section whose heading, shares a word with the question. A pointer to open
 * (`/summary article`, `/quote citation`), never a quote offered as the answer.
 */
export interface Place {
  readonly kind: 'article' | 'section';
  readonly articleId: string;
  readonly title: string;
  /** The section's heading (kind `section`). */
  readonly heading?: string;
  /** The section's first passage, for `/quote` (kind `section`). */
  readonly citation?: string;
  /** The question's words it shares, as typed. */
  readonly words: readonly string[];
}

/** At most this many places are suggested. */
export const MAX_PLACES = 3;

/**
 * Titles and section headings that share a word with the question (stop
 * words and words too common to search by aside), most shared words first,
 * titles before sections on a tie.
 */
export function placesToLook(index: SearchIndex, question: string, max = MAX_PLACES): Place[] {
  // term → the word as the user typed it, to say which word it shares.
  const asked = new Map<string, string>();
  for (const word of question.match(/[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu) ?? []) {
    // A word too common to tell passages apart (see COMMON_TERM_SHARE) points nowhere in particular either.
    for (const term of termsOf(word)) if (!asked.has(term) && !index.common.has(term)) asked.set(term, word);
  }
  if (asked.size === 0) return [];
  const terms = headingTerms(index);
  const sharedWith = (text: string) => terms(text).filter((t) => asked.has(t)).map((t) => asked.get(t)!);
  const found: (Place & { order: number })[] = [];
  let order = 0;
  for (const a of index.corpus.articles) {
    const inTitle = sharedWith(a.title);
    if (inTitle.length > 0) found.push({ kind: 'article', articleId: a.id, title: a.title, words: inTitle, order: order++ });
    for (const s of a.sections) {
      const first = s.passages[0];
      if (!first) continue;
      const words = sharedWith(s.heading).filter((w) => !inTitle.includes(w));
      if (words.length > 0) found.push({ kind: 'section', articleId: a.id, title: a.title, heading: s.heading, citation: first.id, words, order: order++ });
    }
  }
  return found
    .sort((x, y) => y.words.length - x.words.length || (x.kind === y.kind ? 0 : x.kind === 'article' ? -1 : 1) || x.order - y.order)
    .slice(0, max)
    .map(({ order: _order, ...place }) => place);
}

/**
 * Each title's or heading's distinct terms, analysed once per index rather
 * than at every question nothing answers (10,000 articles have some 70,000
 * headings: stemming them all took hundreds of milliseconds a refusal).
 */
const termCache = new WeakMap<SearchIndex, Map<string, readonly string[]>>();
function headingTerms(index: SearchIndex): (text: string) => readonly string[] {
  let cache = termCache.get(index);
  if (!cache) termCache.set(index, (cache = new Map()));
  return (text) => {
    let terms = cache.get(text);
    if (!terms) cache.set(text, (terms = [...new Set(termsOf(text))]));
    return terms;
  };
}
