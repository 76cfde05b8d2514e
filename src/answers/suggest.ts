import { termOf, tokenize } from '../search/analysis.ts';
import { fold } from '../corpus/slug.ts';
import type { SearchIndex } from '../search/index.ts';
import { PerIndex, SLICE } from '../search/per-index.ts';
import { passageId } from '../corpus/passage.ts';

/** One autocomplete choice: what the user sees and what the option receives. */
export interface Suggestion {
  readonly name: string;
  readonly value: string;
  /** What made it match ("title", "section “Method”", "text"), shown after the name; the front end cuts the name, never this. */
  readonly why?: string;
}

/**
 * Suggestions worth showing at most, best first. A front end trims them to
 * its own limits (the bot: Discord's 25 choices of 100 characters).
 */
export const MAX_SUGGESTIONS = 25;

/**
 * Articles whose title, id or a section heading contains what was typed
 * (title matches first), each saying where it matched: "… · title",
 * "… · id", "… · section “Method”".
 */
export function suggestArticles(index: SearchIndex, typed: string, keep: (id: string) => boolean = () => true): Suggestion[] {
  const q = fold(typed.trim());
  const at = (text: string) => (q ? fold(text).indexOf(q) : 0);
  const scored: { a: (typeof index.corpus.articles)[number]; rank: number; why: string }[] = [];
  for (const a of index.corpus.articles) {
    if (!keep(a.id)) continue;
    const inTitle = at(a.title);
    const inId = at(a.id);
    const heading = q ? a.sections.find((s) => at(s.heading) >= 0)?.heading : undefined;
    if (!q) scored.push({ a, rank: 0, why: '' });
    else if (inTitle >= 0) scored.push({ a, rank: inTitle, why: 'title' });
    else if (inId >= 0) scored.push({ a, rank: 1_000 + inId, why: 'id' });
    else if (heading !== undefined) scored.push({ a, rank: 2_000, why: heading.length < 50 ? `section “${heading}”` : 'section' });
  }
  scored.sort((x, y) => x.rank - y.rank || x.a.title.localeCompare(y.a.title));
  return scored.slice(0, MAX_SUGGESTIONS).map(({ a, why }) => ({ name: a.title, value: a.id, ...(why && { why }) }));
}

/**
 * Citation ids containing what was typed, each shown with the start of its
 * passage; then passages whose text has it, shown with "· text".
 */
export function suggestCitations(index: SearchIndex, typed: string): Suggestion[] {
  const q = typed.trim().toLowerCase();
  const folded = fold(q);
  const digitLast = /\d$/.test(q);
  const out: Suggestion[] = [];
  const inText: Suggestion[] = [];
  for (const article of index.corpus.articles)
    for (const section of article.sections) {
      const ids = idsContaining(q, digitLast, article.id, section.slug);
      for (const p of section.passages) {
        const id = ids === 'none' ? undefined : passageId(p);
        if (id !== undefined && (ids === 'all' || id.includes(q))) out.push({ name: `${id} — ${p.text}`, value: id });
        else if (q.length >= 3 && inText.length < MAX_SUGGESTIONS && fold(p.text).includes(folded))
          inText.push({ name: `${id ?? passageId(p)} — ${p.text}`, value: id ?? passageId(p), why: 'text' });
        if (out.length === MAX_SUGGESTIONS) return out;
      }
    }
  return [...out, ...inText].slice(0, MAX_SUGGESTIONS);
}

/**
 * Which of a section's ids (`<article>#<slug>-<n>`, all lowercase) contain `q`, without making each:
 * all when the part before the number does; else only an id whose number ends `q`, so none unless
 * `q` ends in a digit (`digitLast`). At 100,000 articles this makes a section's ids, not 1.9 million, per keystroke.
 */
function idsContaining(q: string, digitLast: boolean, articleId: string, slug: string): 'all' | 'some' | 'none' {
  if (!q || `${articleId}#${slug}-`.includes(q)) return 'all';
  return digitLast ? 'some' : 'none';
}

/** The corpus's words, most frequent first, made once per index (every passage's words are read). */
export const topicWords = new PerIndex(function* (index: SearchIndex): Generator<void, readonly { word: string; count: number }[]> {
  const counts = new Map<string, number>();
  for (const [k, p] of index.corpus.passages.entries()) {
    for (const t of tokenize(p.text)) {
      const w = t.word.toLowerCase();
      if (w.length >= 3 && termOf(t.word) !== null && !/^\d+$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    if (k % PASSAGE_SLICE === PASSAGE_SLICE - 1) yield;
  }
  return [...counts].map(([word, count]) => ({ word, count })).sort((a, b) => b.count - a.count || a.word.localeCompare(b.word));
});
/** Passages whose words are read between pauses (tokenizing is the slow part). */
const PASSAGE_SLICE = SLICE / 10;

/**
 * Words from the corpus that start like the last word typed, most frequent
 * first: "cul" → "culture", "cultural". Built on first use.
 */
export function suggestTopics(index: SearchIndex, typed: string): Suggestion[] {
  const words = topicWords.get(index);
  const trimmed = typed.trimStart();
  const lastSpace = trimmed.lastIndexOf(' ');
  const head = lastSpace < 0 ? '' : trimmed.slice(0, lastSpace + 1);
  const last = fold(trimmed.slice(lastSpace + 1));
  const out: Suggestion[] = [];
  if (trimmed.trim()) out.push({ name: trimmed.trim(), value: trimmed.trim() });
  for (const { word, count } of words) {
    if (out.length >= MAX_SUGGESTIONS) break;
    if (!word.startsWith(last) || word === last) continue;
    const value = `${head}${word}`;
    out.push({ name: value, value, why: `${count}× in the articles` });
  }
  return out;
}
