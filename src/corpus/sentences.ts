// Words after which a full stop rarely ends a sentence.
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'vs', 'etc', 'e.g', 'i.e', 'cf', 'fig', 'no', 'vol', 'inc', 'ltd', 'co', 'jr', 'sr']);

/**
 * Splits a paragraph into sentences without changing a character: joining the
 * result with single spaces gives back the input (whitespace runs aside).
 * A sentence ends at . ! or ? (optionally followed by closing quotes or
 * brackets) when the next word starts with a capital, a digit or an opening quote.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const boundary = /([.!?…]+["'”’)\]]*)\s+(?=["'“‘(\[]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[1]!.length;
    const before = text.slice(start, end);
    const lastWord = /([\p{L}.]+)\.$/u.exec(before)?.[1]?.toLowerCase();
    if (lastWord && (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord))) continue;
    sentences.push(before.trim());
    start = match.index + match[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
