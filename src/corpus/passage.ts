import type { Passage, SentenceSpans } from './types.ts';

/**
 * A passage keeps its sentences as where they are in its text, not as strings
 * of their own, and its citation id as its number in its section. At 100,000
 * articles a corpus holds 1.9 million passages and 4 million sentences: a
 * string per sentence, an array of them per passage and a citation id per
 * passage (with a map of every id) were most of the objects V8 marks in every
 * full collection, marking that a reload's answers waited on.
 *
 * The spans are one string of UTF-16 code units, a start and an end per
 * sentence, or '' when the one sentence is the whole text (a code block, a
 * one-sentence paragraph). A text longer than a code unit can count, or a
 * sentence that is not its text's own characters, keeps its sentences as strings.
 */

const MAX_OFFSET = 0xffff;

/** The passage's citation id: `<article-id>#<section-slug>-<n>`. */
export function passageId(p: Pick<Passage, 'articleId' | 'sectionSlug' | 'n'>): string {
  return `${p.articleId}#${p.sectionSlug}-${p.n}`;
}

/** What a citation id names, read back from it; undefined when it is not one's shape. */
export function citationParts(id: string): { articleId: string; sectionSlug: string; n: number } | undefined {
  const hash = id.lastIndexOf('#');
  const dash = id.lastIndexOf('-');
  if (hash <= 0 || dash <= hash + 1) return undefined;
  const n = id.slice(dash + 1);
  if (!/^[1-9]\d{0,8}$/.test(n)) return undefined;
  return { articleId: id.slice(0, hash), sectionSlug: id.slice(hash + 1, dash), n: Number(n) };
}

/** The spans of `sentences` in `text` (each found after the one before). */
export function spansOf(text: string, sentences: readonly string[]): SentenceSpans {
  const bounds: number[] = [];
  let from = 0;
  for (const sentence of sentences) {
    const at = text.indexOf(sentence, from);
    if (at < 0) return [...sentences];
    bounds.push(at, (from = at + sentence.length));
  }
  return spansFromBounds(text, bounds);
}

/** The spans from [start, end) offsets into `text`, two per sentence (as a saved index keeps them). */
export function spansFromBounds(text: string, bounds: readonly number[]): SentenceSpans {
  if (bounds.length === 2 && bounds[0] === 0 && bounds[1] === text.length) return '';
  if (bounds.length === 0 || text.length > MAX_OFFSET) return boundsToSentences(text, bounds);
  return String.fromCharCode(...bounds);
}

/** A passage's sentences as [start, end) offsets into its text, or undefined where it keeps them as strings. */
export function boundsOf(p: Passage): number[] | undefined {
  const { spans } = p;
  if (typeof spans !== 'string') return undefined;
  if (spans === '') return [0, p.text.length];
  const bounds: number[] = [];
  for (let i = 0; i < spans.length; i++) bounds.push(spans.charCodeAt(i));
  return bounds;
}

/** How many sentences the passage has. */
export function sentenceCount(p: Passage): number {
  const { spans } = p;
  if (typeof spans !== 'string') return spans.length;
  return spans === '' ? 1 : spans.length / 2;
}

/** The passage's sentence `i` (from 0), its text's own characters. */
export function sentenceAt(p: Passage, i: number): string {
  const { spans } = p;
  if (typeof spans !== 'string') return spans[i]!;
  if (spans === '') return p.text;
  return p.text.slice(spans.charCodeAt(i * 2), spans.charCodeAt(i * 2 + 1));
}

/** All the passage's sentences: joined by single spaces they give back its text (whitespace runs aside). */
export function sentencesOf(p: Passage): string[] {
  const all: string[] = [];
  for (let i = 0, n = sentenceCount(p); i < n; i++) all.push(sentenceAt(p, i));
  return all;
}

function boundsToSentences(text: string, bounds: readonly number[]): string[] {
  const sentences: string[] = [];
  for (let i = 0; i < bounds.length; i += 2) sentences.push(text.slice(bounds[i], bounds[i + 1]));
  return sentences;
}
