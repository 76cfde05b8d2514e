import type { Article, Passage } from '../corpus/types.ts';
import { termOf, tokenize } from '../search/analysis.ts';
import type { PassageHit } from '../search/query.ts';
import type { ArticleRef, Excerpt, Mark } from './types.ts';

/** The longest excerpt, in characters: a sentence or two, readable at a glance. */
export const EXCERPT_MAX = 400;

export function articleRef(a: Article): ArticleRef {
  return { id: a.id, title: a.title, publisher: a.publisher ?? null, url: a.url ?? null };
}

/**
 * Quotes the sentence that best answers (ties: the earlier one), with its best
 * matching neighbour when both fit, else with the sentence after (or before) it
 * when both fit. A sentence longer than EXCERPT_MAX is cut at
 * a word boundary around its first match, with `…` where words were left out.
 */
export function excerptFromHit(article: Article, hit: PassageHit): Excerpt {
  const { passage } = hit;
  const scores = new Map<number, number>();
  for (const s of hit.sentences) scores.set(s.index, s.score);
  let best = 0;
  let bestScore = -1;
  for (const [i, score] of scores) {
    if (score > bestScore || (score === bestScore && i < best)) [best, bestScore] = [i, score];
  }
  let first = best;
  let last = best;
  // Its best matching neighbour, if both fit; with no matching neighbour, the sentence after it
  // (else before it) when both fit: a sentence often needs the next one to make sense.
  const matched = [best - 1, best + 1].filter((i) => scores.has(i)).sort((a, b) => scores.get(b)! - scores.get(a)!);
  const others = [best + 1, best - 1].filter((i) => i >= 0 && i < passage.sentences.length && !scores.has(i));
  for (const n of [...matched.slice(0, 1), ...others]) {
    const lo = Math.min(first, n);
    const hi = Math.max(last, n);
    if (joinLength(passage, lo, hi) <= EXCERPT_MAX) {
      [first, last] = [lo, hi];
      break;
    }
    if (matched.includes(n)) break;
  }
  return makeExcerpt(article, passage, first, last, new Set(hit.terms), hit.score);
}

/** The passage's opening sentences that fit EXCERPT_MAX (at least the first, cut if it must be). */
export function leadExcerpt(article: Article, passage: Passage, terms: ReadonlySet<string> = new Set(), score = 0): Excerpt {
  let last = 0;
  while (last + 1 < passage.sentences.length && joinLength(passage, 0, last + 1) <= EXCERPT_MAX) last++;
  return makeExcerpt(article, passage, 0, last, terms, score);
}

/** The whole passage, uncut. */
export function wholeExcerpt(article: Article, passage: Passage, terms: ReadonlySet<string> = new Set()): Excerpt {
  return {
    citation: passage.id,
    article: articleRef(article),
    section: passage.section,
    text: passage.text,
    marks: markTerms(passage.text, terms),
    score: 0,
    partial: false,
  };
}

function joinLength(p: Passage, first: number, last: number): number {
  let n = last - first;
  for (let i = first; i <= last; i++) n += p.sentences[i]!.length;
  return n;
}

function makeExcerpt(article: Article, passage: Passage, first: number, last: number, terms: ReadonlySet<string>, score: number): Excerpt {
  let text = passage.sentences.slice(first, last + 1).join(' ');
  let marks = markTerms(text, terms);
  let cut = first > 0 || last < passage.sentences.length - 1;
  if (text.length > EXCERPT_MAX) {
    ({ text, marks } = window(text, marks));
    cut = true;
  }
  return { citation: passage.id, article: articleRef(article), section: passage.section, text, marks, score, partial: cut };
}

/** Character ranges of the words whose index term is in `terms`. */
export function markTerms(text: string, terms: ReadonlySet<string>): Mark[] {
  if (terms.size === 0) return [];
  const marks: Mark[] = [];
  for (const t of tokenize(text)) {
    const term = termOf(t.word);
    if (term && terms.has(term)) marks.push([t.start, t.end]);
  }
  return marks;
}

/** Cuts text to EXCERPT_MAX around its first mark, at word boundaries, with `…` at each cut. */
function window(text: string, marks: readonly Mark[]): { text: string; marks: Mark[] } {
  const budget = EXCERPT_MAX - 2; // room for an ellipsis at each end
  const anchor = marks[0]?.[0] ?? 0;
  let start = Math.max(0, Math.min(anchor - Math.floor(budget / 4), text.length - budget));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space < 0 || space >= anchor ? start : space + 1;
  }
  let end = Math.min(text.length, start + budget);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  const head = start > 0 ? '…' : '';
  const raw = text.slice(start, end);
  // Marks move with the whitespace trimmed off the front (a run of spaces where the cut fell), not only with the cut.
  const from = start + raw.length - raw.trimStart().length;
  const body = raw.trim();
  const shift = from - head.length;
  return {
    text: head + body + (end < text.length ? '…' : ''),
    marks: marks.filter(([s, e]) => s >= from && e <= from + body.length).map(([s, e]) => [s - shift, e - shift] as const),
  };
}
