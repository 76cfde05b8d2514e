import { termOf, tokenize } from '../search/analysis.ts';
import { fold } from '../corpus/slug.ts';
import type { SearchIndex } from '../search/index.ts';
import { passageById } from './lookup.ts';

/** One autocomplete choice: what the user sees and what the option receives. */
export interface Suggestion {
  readonly name: string;
  readonly value: string;
}

/**
 * Suggestions worth showing at most, best first. A front end trims them to
 * its own limits (the bot: Discord's 25 choices of 100 characters).
 */
export const MAX_SUGGESTIONS = 25;

/** Articles whose title or id contains what was typed (title matches first). */
export function suggestArticles(index: SearchIndex, typed: string): Suggestion[] {
  const q = fold(typed.trim());
  const scored = index.corpus.articles
    .map((a) => ({ a, at: q ? Math.min(...[fold(a.title).indexOf(q), fold(a.id).indexOf(q)].map((i) => (i < 0 ? Infinity : i))) : 0 }))
    .filter((x) => x.at !== Infinity)
    .sort((x, y) => x.at - y.at || x.a.title.localeCompare(y.a.title));
  return scored.slice(0, MAX_SUGGESTIONS).map(({ a }) => ({ name: a.title, value: a.id }));
}

/** Citation ids containing what was typed, each shown with the start of its passage. */
export function suggestCitations(index: SearchIndex, typed: string): Suggestion[] {
  const q = typed.trim().toLowerCase();
  const out: Suggestion[] = [];
  for (const [id, p] of passageById(index)) {
    if (q && !id.toLowerCase().includes(q)) continue;
    out.push({ name: `${id} — ${p.text}`, value: id });
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}

const topicWords = new WeakMap<SearchIndex, readonly { word: string; count: number }[]>();

/**
 * Words from the corpus that start like the last word typed, most frequent
 * first: "cul" → "culture", "cultural". Built on first use.
 */
export function suggestTopics(index: SearchIndex, typed: string): Suggestion[] {
  let words = topicWords.get(index);
  if (!words) {
    const counts = new Map<string, number>();
    for (const p of index.corpus.passages) {
      for (const t of tokenize(p.text)) {
        const w = t.word.toLowerCase();
        if (w.length >= 3 && termOf(t.word) !== null && !/^\d+$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
    words = [...counts].map(([word, count]) => ({ word, count })).sort((a, b) => b.count - a.count || a.word.localeCompare(b.word));
    topicWords.set(index, words);
  }
  const trimmed = typed.trimStart();
  const lastSpace = trimmed.lastIndexOf(' ');
  const head = lastSpace < 0 ? '' : trimmed.slice(0, lastSpace + 1);
  const last = fold(trimmed.slice(lastSpace + 1));
  const out: Suggestion[] = [];
  if (trimmed.trim()) out.push({ name: trimmed.trim(), value: trimmed.trim() });
  for (const { word } of words) {
    if (out.length >= MAX_SUGGESTIONS) break;
    if (!word.startsWith(last) || word === last) continue;
    const value = `${head}${word}`;
    out.push({ name: value, value });
  }
  return out;
}
