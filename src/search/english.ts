import { readFileSync } from 'node:fs';

/**
 * How common words are in everyday English: SUBTLEXus word counts (film
 * subtitles, 51 million words), summed by index term; made by
 * scripts/word-frequencies.ts. A word the corpus lacks weighs by this: a
 * question's "kind", "mentioned" or "listed" is everyday wording, while
 * "lasagne" or "carburettor" says the question is about something else.
 */
export const ENGLISH_FREQUENCIES = new URL('../../data/english-frequencies.txt', import.meta.url);

interface Table {
  readonly counts: ReadonlyMap<string, number>;
  readonly total: number;
}

let table: Table | undefined;

function load(): Table {
  const counts = new Map<string, number>();
  const lines = readFileSync(ENGLISH_FREQUENCIES, 'utf8').split('\n');
  const total = Number(lines[0]!.split(' ')[1]);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const space = line.indexOf(' ');
    if (space > 0) counts.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return { counts, total };
}

/** Reads the list now rather than at the first question. */
export function loadEnglishFrequencies(): void {
  table ??= load();
}

/** Times the term occurs per million words of English; 0 for a term the list does not have. */
export function perMillion(term: string): number {
  table ??= load();
  return ((table.counts.get(term) ?? 0) * 1e6) / table.total;
}
