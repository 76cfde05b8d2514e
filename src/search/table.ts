import type { SearchIndex } from './index.ts';
import { PerIndex, SLICE } from './per-index.ts';
import { wordRowsOf } from './vectors.ts';
import { sentenceCount } from '../corpus/passage.ts';

/**
 * What a query reads of each passage, in flat arrays made at an index's first
 * query (reading a passage object for each of thousands of matching sentences
 * was a cache miss each), and the tally's scratch table.
 */
export interface PassageTable {
  /** Passage → its slot in the query being tallied, -1 when none (reset after each query). */
  readonly slotOf: Int32Array;
  /** Passage → how many sentences it has. */
  readonly sentences: Int32Array;
  /** Passage → its article's number. */
  readonly article: Int32Array;
  /** Article number → how many sentences the article has. */
  readonly articleSentences: Int32Array;
  /** Article number → its first sentence's document id; its sentences run on to the next article's first. */
  readonly articleFirstDoc: Int32Array;
  /** Term → the numbers of the articles whose title holds it. */
  readonly titles: ReadonlyMap<string, readonly number[]>;
  /** Passage → the word-vector rows of its words, made when a question first needs them. */
  readonly words: Map<number, Int32Array>;
}

/** At most this many passages' word rows are kept (a few MB). */
const WORDS_KEPT = 20_000;

/** Each index's passage table, made at its first query or ahead of it (see prepareIndex). */
export const passageTables = new PerIndex(makeTable);

/** The index's passage table. */
export function passageTable(index: SearchIndex): PassageTable {
  return passageTables.get(index);
}

function* makeTable(index: SearchIndex): Generator<void, PassageTable> {
  const { passages } = index.corpus;
  const number = new Map<string, number>();
  const titles = new Map<string, number[]>();
  const articles = index.corpus.articles.length;
  const table = {
    slotOf: new Int32Array(passages.length).fill(-1),
    sentences: new Int32Array(passages.length),
    article: new Int32Array(passages.length),
    articleSentences: new Int32Array(articles),
    articleFirstDoc: new Int32Array(articles + 1),
    titles,
    words: new Map<number, Int32Array>(),
  };
  let doc = 0;
  for (const [p, passage] of passages.entries()) {
    const sentences = sentenceCount(passage);
    table.sentences[p] = sentences;
    let n = number.get(passage.articleId);
    if (n === undefined) {
      number.set(passage.articleId, (n = number.size));
      table.articleFirstDoc[n] = doc;
      for (const t of index.articles.get(passage.articleId)?.titleTerms ?? []) {
        const holding = titles.get(t);
        if (holding) holding.push(n);
        else titles.set(t, [n]);
      }
    }
    table.article[p] = n;
    table.articleSentences[n]! += sentences;
    doc += sentences;
    if (p % SLICE === SLICE - 1) yield;
  }
  table.articleFirstDoc[number.size] = doc;
  return table;
}

/** The word-vector rows of passage `p`'s words (stop words left out), kept once made. */
export function passageWords(table: PassageTable, index: SearchIndex, p: number): Int32Array {
  let rows = table.words.get(p);
  if (!rows) {
    // Kept for the passages questions reach again and again, in bounded memory.
    if (table.words.size >= WORDS_KEPT) table.words.clear();
    table.words.set(p, (rows = wordRowsOf(index.corpus.passages[p]!.text)));
  }
  return rows;
}
