import type { SearchIndex } from '../search/index.ts';
import { prepareMatching } from '../search/matches.ts';
import { passageTables } from '../search/table.ts';
import { placeTables } from './places.ts';
import { topicWords } from './suggest.ts';

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Makes the tables answers read of an index from its whole corpus (the
 * passage table, the titles' and headings' words, the topic
 * words for autocomplete, the matcher's), a slice at a time, yielding to the
 * event loop between slices. A reload runs it before it swaps a new index in
 * and a start runs it in the background: otherwise the first question that
 * needs each table makes it on the spot (at 100,000 articles, seconds).
 */
export async function prepareIndex(index: SearchIndex, pause: () => Promise<void> = yieldNow): Promise<void> {
  await passageTables.prepare(index, pause);
  prepareMatching(index.mini);
  await pause();
  await placeTables.prepare(index, pause);
  await topicWords.prepare(index, pause);
}
