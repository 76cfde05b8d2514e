import { createHash } from 'node:crypto';
import { parseArticle } from '../corpus/article.ts';
import type { Article } from '../corpus/types.ts';

/** One of a server's own articles as an index build takes it: its id and its Markdown bytes. */
export interface OwnArticle {
  readonly id: string;
  readonly markdown: Uint8Array;
}

/** A server's own articles parsed, in the order given: one that does not load, or whose id came earlier, is named in `skipped`. */
export function parseOwn(own: readonly OwnArticle[]): { added: Article[]; skipped: string[] } {
  const ids = new Set<string>();
  const added: Article[] = [];
  const skipped: string[] = [];
  for (const o of own) {
    const parsed = parseArticle(`${o.id}.md`, o.markdown);
    if (!parsed.ok || ids.has(o.id)) {
      skipped.push(o.id);
      continue;
    }
    ids.add(o.id);
    added.push(parsed.value);
  }
  return { added, skipped };
}

/** The key of a server's corpus: the base's key and its own articles' bytes (it changes when either does). */
export function ownKey(baseKey: string, own: readonly OwnArticle[]): string {
  const hash = createHash('sha256').update(baseKey);
  for (const o of own) hash.update(`\0${o.id}\0`).update(o.markdown);
  return hash.digest('hex');
}
