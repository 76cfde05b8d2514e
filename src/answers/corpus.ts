import type { Article } from '../corpus/types.ts';
import { passageId } from '../corpus/passage.ts';

/** An article as a corpus change names it: enough to check it came in as meant. */
export interface ChangedArticle {
  readonly id: string;
  readonly title: string;
  readonly publisher: string | null;
  readonly sections: readonly { readonly heading: string; readonly passages: number }[];
  readonly passages: number;
  /** The first few citation ids. */
  readonly citations: readonly string[];
}

/** What /reload, /article add and /article remove did. */
export interface CorpusAnswer {
  readonly kind: 'corpus';
  readonly action: 'reloaded' | 'added' | 'replaced' | 'removed';
  /** The reload's one line: `+1 article (x); passages 23 → 31; 850 ms`. */
  readonly change: string;
  /** The article added, replaced or removed; null for a reload. */
  readonly article: ChangedArticle | null;
  /** Set when the file was written or moved but the reload did not take it (another file is broken). */
  readonly reloadProblem: string | null;
}

/** How many citation ids a change shows. */
const CITATIONS_SHOWN = 3;

export function changedArticle(a: Article): ChangedArticle {
  const sections = a.sections.filter((s) => s.passages.length > 0);
  const passages = sections.flatMap((s) => s.passages);
  return {
    id: a.id,
    title: a.title,
    publisher: a.publisher ?? null,
    sections: sections.map((s) => ({ heading: s.heading, passages: s.passages.length })),
    passages: passages.length,
    citations: passages.slice(0, CITATIONS_SHOWN).map(passageId),
  };
}
