import { termsOf } from '../search/analysis.ts';
import type { SearchIndex } from '../search/index.ts';
import { PerIndex, SLICE } from '../search/per-index.ts';
import { passageId } from '../corpus/passage.ts';

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
  const { terms, entries, byTerm } = placeTable(index);
  const sharedWith = (text: string) =>
    terms(text)
      .filter((t) => asked.has(t))
      .map((t) => asked.get(t)!);
  // Only the titles and headings holding one of the asked terms, in corpus order.
  const candidates = new Set<number>();
  for (const term of asked.keys()) for (const e of byTerm.get(term) ?? []) candidates.add(e);
  const found: (Place & { order: number })[] = [];
  for (const e of [...candidates].sort((x, y) => x - y)) {
    const { article: a, section: s } = entries[e]!;
    const inTitle = sharedWith(a.title);
    if (!s) {
      if (inTitle.length > 0) found.push({ kind: 'article', articleId: a.id, title: a.title, words: inTitle, order: e });
      continue;
    }
    const first = s.passages[0]!;
    const words = sharedWith(s.heading).filter((w) => !inTitle.includes(w));
    if (words.length > 0)
      found.push({ kind: 'section', articleId: a.id, title: a.title, heading: s.heading, citation: passageId(first), words, order: e });
  }
  return found
    .sort((x, y) => y.words.length - x.words.length || (x.kind === y.kind ? 0 : x.kind === 'article' ? -1 : 1) || x.order - y.order)
    .slice(0, max)
    .map(({ order: _order, ...place }) => place);
}

type Article = SearchIndex['corpus']['articles'][number];
interface PlaceTable {
  /** A title's or heading's distinct terms, in order. */
  readonly terms: (text: string) => readonly string[];
  /** Each article, then each of its sections with a passage, in corpus order. */
  readonly entries: readonly { readonly article: Article; readonly section?: Article['sections'][number] }[];
  /** Term → the entries whose title (articles) or heading (sections) holds it, ascending. */
  readonly byTerm: ReadonlyMap<string, readonly number[]>;
}

/**
 * Titles and headings analysed once per index rather than at every question
 * nothing answers (10,000 articles have some 70,000 headings: stemming them
 * all took hundreds of milliseconds a refusal), with the entries each term is in.
 */
export const placeTables = new PerIndex(makePlaceTable);
const placeTable = (index: SearchIndex): PlaceTable => placeTables.get(index);

function* makePlaceTable(index: SearchIndex): Generator<void, PlaceTable> {
  const cache = new Map<string, readonly string[]>();
  const terms = (text: string) => {
    let t = cache.get(text);
    if (!t) cache.set(text, (t = [...new Set(termsOf(text))]));
    return t;
  };
  const entries: PlaceTable['entries'][number][] = [];
  const byTerm = new Map<string, number[]>();
  const add = (text: string) => {
    for (const t of terms(text)) {
      const list = byTerm.get(t);
      if (list) list.push(entries.length - 1);
      else byTerm.set(t, [entries.length - 1]);
    }
  };
  for (const [a, article] of index.corpus.articles.entries()) {
    entries.push({ article });
    add(article.title);
    for (const section of article.sections) {
      if (!section.passages[0]) continue;
      entries.push({ article, section });
      add(section.heading);
    }
    if (a % ARTICLE_SLICE === ARTICLE_SLICE - 1) yield;
  }
  return { terms, entries, byTerm };
}

/** Articles whose title and headings are analysed between pauses (each has several headings to stem). */
const ARTICLE_SLICE = SLICE / 10;
