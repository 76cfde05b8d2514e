import { createHash } from 'node:crypto';
import { parseArticle } from '../corpus/article.ts';
import { corpusOf } from '../corpus/corpus.ts';
import type { Article, Corpus } from '../corpus/types.ts';

/** One of a server's own articles as an index build takes it: its id and its Markdown bytes. */
export interface OwnArticle {
  readonly id: string;
  readonly markdown: Uint8Array;
}

/**
 * The corpus a server answers from: the base's articles, then its own (in the
 * order given), with the base's synonyms. An own article that does not load,
 * or whose id the base has, is left out and named in `skipped`: one broken
 * article never stops a server's answers.
 */
export function combineCorpus(base: Corpus, own: readonly OwnArticle[]): { corpus: Corpus; skipped: string[] } {
  const { added, skipped } = parseOwn(own, new Set(base.articles.map((a) => a.id)));
  return { corpus: corpusOf([...base.articles, ...added], base.synonyms), skipped };
}

/** A server's own articles parsed, in the order given: one that does not load, or whose id is taken, is named in `skipped`. */
export function parseOwn(own: readonly OwnArticle[], taken: ReadonlySet<string>): { added: Article[]; skipped: string[] } {
  const ids = new Set(taken);
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
