import { termOf, tokenize } from '../search/analysis.ts';
import type { SearchIndex } from '../search/index.ts';

/** At most this many words of one question are kept: a pasted paragraph is not a question. */
const MAX_WORDS = 10;

/**
 * The words of a question that no article contains (nor any synonym of
 * them), lower-cased, as typed, once each: what the curator's report lists
 * for questions nothing answered. Stop words and numbers are left out.
 */
export function unmatchedWords(index: SearchIndex, question: string): string[] {
  const out = new Set<string>();
  for (const { word } of tokenize(question)) {
    const term = termOf(word);
    if (!term || /^\d+$/.test(word)) continue;
    const known = [term, ...(index.synonyms.get(term) ?? [])].some((t) => index.df.has(t));
    if (!known) out.add(word.toLowerCase());
    if (out.size === MAX_WORDS) break;
  }
  return [...out];
}
