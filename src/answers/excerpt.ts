import type { Article, Passage } from '../corpus/types.ts';
import { termOf, tokenize } from '../search/analysis.ts';
import type { PassageHit } from '../search/query.ts';
import type { ArticleRef, Excerpt, Mark } from './types.ts';
import { passageId, sentenceAt, sentenceCount, sentencesOf } from '../corpus/passage.ts';

/** The longest excerpt, in characters: a sentence or two, readable at a glance. */
export const EXCERPT_MAX = 400;

export function articleRef(a: Article): ArticleRef {
  return { id: a.id, title: a.title, publisher: a.publisher ?? null, url: a.url ?? null };
}

/** The most sentences a quote joins. */
const QUOTE_SENTENCES = 3;
/** A neighbour that matched at least this share of the best sentence's score joins the quote. */
const NEIGHBOUR_SHARE = 0.1;
/** A quote shorter than this takes its neighbour (the following one first), matched or not. */
const SHORT_QUOTE = 160;
/** What a neighbour linked by a pronoun ("It", "This", "They" …) adds, as a share of the best score. */
const REFERS_BACK = 0.2;
/** What being next to the quote adds, as a share of the best score: the following sentence more, as a sentence often needs the next one. */
const AFTER = 0.05;
const BEFORE = 0.025;
/** A sentence opening with a word that points back at the sentence before it. */
const POINTS_BACK = /^(?:This|These|It|Its|He|She|They|His|Her|Their)\b/;

/**
 * Quotes the sentence that best answers (ties: the earlier one), grown one
 * neighbour at a time while the whole fits EXCERPT_MAX, up to QUOTE_SENTENCES:
 * a neighbour joins when it matched the question well enough, when it is
 * linked to the quote by a pronoun ("It was …" after the sentence it is about,
 * or the sentence a quoted "This …" refers to), or, the following one first,
 * when the quote is still short. A sentence longer than EXCERPT_MAX is cut at
 * a word boundary around its first match, with `…` where words were left out.
 */
export function excerptFromHit(article: Article, hit: PassageHit): Excerpt {
  const { passage } = hit;
  const sentences = sentencesOf(passage);
  const scores = new Map<number, number>();
  for (const s of hit.sentences) scores.set(s.index, s.score);
  let best = 0;
  let bestScore = -1;
  for (const [i, score] of scores) {
    if (score > bestScore || (score === bestScore && i < best)) [best, bestScore] = [i, score];
  }
  let first = best;
  let last = best;
  // A neighbour's claim to join: its own match, and a pronoun tying it to the quote.
  const claim = (i: number) =>
    (scores.get(i) ?? 0) + bestScore * ((i > last ? AFTER : BEFORE) + (POINTS_BACK.test(sentences[Math.max(i, first)]!) ? REFERS_BACK : 0));
  // A neighbour too long to join now never will (the quote only grows): it is not tried again.
  const tooLong = new Set<number>();
  while (last - first + 1 < QUOTE_SENTENCES) {
    const short = joinLength(passage, first, last) < SHORT_QUOTE;
    const candidates = [last + 1, first - 1]
      .filter((i) => i >= 0 && i < sentences.length && !tooLong.has(i))
      .map((i) => ({ i, claim: claim(i) }))
      .filter((c) => short || c.claim >= NEIGHBOUR_SHARE * bestScore)
      .sort((a, b) => b.claim - a.claim); // stable: the following sentence first on a tie
    let joined = false;
    for (const { i } of candidates) {
      const [lo, hi] = [Math.min(first, i), Math.max(last, i)];
      if (joinLength(passage, lo, hi) > EXCERPT_MAX) tooLong.add(i);
      else {
        [first, last, joined] = [lo, hi, true];
        break;
      }
    }
    if (!joined) break;
  }
  return makeExcerpt(article, passage, first, last, new Set(hit.terms), hit.score);
}

/** The passage's opening sentences that fit EXCERPT_MAX (at least the first, cut if it must be). */
export function leadExcerpt(article: Article, passage: Passage, terms: ReadonlySet<string> = new Set(), score = 0): Excerpt {
  let last = 0;
  while (last + 1 < sentenceCount(passage) && joinLength(passage, 0, last + 1) <= EXCERPT_MAX) last++;
  return makeExcerpt(article, passage, 0, last, terms, score);
}

/** The whole passage, uncut. */
export function wholeExcerpt(article: Article, passage: Passage, terms: ReadonlySet<string> = new Set()): Excerpt {
  return {
    citation: passageId(passage),
    article: articleRef(article),
    section: passage.section,
    text: passage.text,
    marks: markTerms(passage.text, terms),
    score: 0,
    partial: false,
    ...(passage.kind === 'code' && { code: true as const }),
  };
}

function joinLength(p: Passage, first: number, last: number): number {
  let n = last - first;
  for (let i = first; i <= last; i++) n += sentenceAt(p, i).length;
  return n;
}

function makeExcerpt(article: Article, passage: Passage, first: number, last: number, terms: ReadonlySet<string>, score: number): Excerpt {
  let text = sentencesOf(passage)
    .slice(first, last + 1)
    .join(' ');
  let marks = markTerms(text, terms);
  let cut = first > 0 || last < sentenceCount(passage) - 1;
  if (text.length > EXCERPT_MAX) {
    ({ text, marks } = window(text, marks));
    cut = true;
  }
  const code = passage.kind === 'code' && { code: true as const };
  return {
    citation: passageId(passage),
    article: articleRef(article),
    section: passage.section,
    text,
    marks,
    score,
    partial: cut,
    ...code,
  };
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
