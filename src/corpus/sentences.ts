// Words after which a full stop rarely ends a sentence.
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'vs', 'etc', 'e.g', 'i.e', 'cf', 'inc', 'ltd', 'co', 'jr', 'sr']);
// Abbreviations only when a number follows ("No. 5", "Fig. 2"); "The answer was no. Then…" ends a sentence.
const BEFORE_NUMBER = new Set(['no', 'nos', 'fig', 'vol', 'p', 'pp', 'ch', 'sec']);

/**
 * Splits a paragraph into sentences without changing a character: joining the
 * result with single spaces gives back the input (whitespace runs aside).
 * A sentence ends at . ! or ? (optionally followed by closing quotes or
 * brackets) when the next word starts with a capital, a digit or an opening quote.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const boundary = /([.!?…]+["'”’)\]]*)\s+(?=["'“‘([]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[1]!.length;
    const before = text.slice(start, end);
    const lastWord = wordBeforeStop(text, match.index);
    const numberNext = /^\s+\p{N}/u.test(text.slice(end));
    if (lastWord && (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord) || (numberNext && BEFORE_NUMBER.has(lastWord)))) continue;
    sentences.push(before.trim());
    start = match.index + match[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/** The letters-and-dots word that ends just before the stop at `stop` (e.g. "e.g", "U.S"), lowercased. */
function wordBeforeStop(text: string, stop: number): string | undefined {
  if (text[stop] !== '.') return undefined;
  let i = stop;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1]!)) i--;
  return i < stop ? text.slice(i, stop).toLowerCase() : undefined;
}
