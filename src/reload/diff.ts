import { passagesOf } from '../corpus/corpus.ts';
import type { Article, Corpus } from '../corpus/types.ts';
import { passageId } from '../corpus/passage.ts';

/** What a reload changed, for the log line and /reload's reply. */
export interface CorpusChange {
  /** Article ids, sorted. */
  readonly added: readonly string[];
  readonly edited: readonly string[];
  readonly removed: readonly string[];
  readonly synonymsChanged: boolean;
  readonly passagesBefore: number;
  readonly passagesAfter: number;
  /** Citation ids that named a passage before and name none now. */
  readonly removedPassages: readonly string[];
}

/** Articles compared between two pauses: a slice that takes a few milliseconds. */
const SLICE = 100;

/**
 * Compares two corpora article by article: an article is edited when anything
 * in it differs. Awaits `pause` between slices of articles, so a caller on a
 * busy thread can let other work in.
 */
export async function diffCorpus(before: Corpus, after: Corpus, pause: () => Promise<void> = async () => {}): Promise<CorpusChange> {
  const old = new Map(before.articles.map((a) => [a.id, a]));
  const now = new Map(after.articles.map((a) => [a.id, a]));
  const added = [...now.keys()].filter((id) => !old.has(id)).sort();
  const removed = [...old.keys()].filter((id) => !now.has(id)).sort();
  const edited: string[] = [];
  let n = 0;
  for (const [id, a] of now) {
    const was = old.get(id);
    if (was && was !== a && fingerprint(was) !== fingerprint(a)) edited.push(id);
    if (++n % SLICE === 0) await pause();
  }
  // Only a removed or edited article can have lost a passage: the others' are not read.
  const removedPassages = [...removed, ...edited].flatMap((id) => {
    const is = now.get(id);
    const kept = new Set(is ? passagesOf(is).map(passageId) : []);
    return passagesOf(old.get(id)!)
      .map(passageId)
      .filter((p) => !kept.has(p));
  });
  return {
    added,
    edited: edited.sort(),
    removed,
    synonymsChanged: JSON.stringify(before.synonyms) !== JSON.stringify(after.synonyms),
    passagesBefore: before.passages.length,
    passagesAfter: after.passages.length,
    removedPassages,
  };
}

/** True when a reload changed nothing an answer could show. */
export const unchanged = (c: CorpusChange): boolean => c.added.length + c.edited.length + c.removed.length === 0 && !c.synonymsChanged;

/**
 * One line: `+2 articles, 1 edited, −1 (old-id); passages 120 → 131; 0.8 s`.
 * Ids are shown up to three of each; the rest are counted.
 */
export function describeChange(c: CorpusChange, ms: number): string {
  const ids = (list: readonly string[]) =>
    list.length ? ` (${list.slice(0, 3).join(', ')}${list.length > 3 ? `, +${list.length - 3} more` : ''})` : '';
  const parts = [
    c.added.length ? `+${c.added.length} article${c.added.length === 1 ? '' : 's'}${ids(c.added)}` : '',
    c.edited.length ? `${c.edited.length} edited${ids(c.edited)}` : '',
    c.removed.length ? `−${c.removed.length}${ids(c.removed)}` : '',
    c.synonymsChanged ? 'synonyms changed' : '',
  ].filter(Boolean);
  const what = parts.length ? parts.join(', ') : 'no change';
  return `${what}; passages ${c.passagesBefore} → ${c.passagesAfter}; ${ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`}`;
}

function fingerprint(a: Article): string {
  const { file: _file, ...rest } = a;
  return JSON.stringify(rest, (key, value: unknown) => (key === 'line' ? undefined : value));
}
