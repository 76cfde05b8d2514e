// One corpus of the base's articles and a server's own, as a reference index is built over in the
// differential tests (a server's index is a layer over the base: src/search/layered.ts).
import { corpusOf } from '../../src/corpus/corpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { parseOwn, type OwnArticle } from '../../src/tenancy/combine.ts';

/** The base's articles, then the server's own that load and whose ids the base lacks, with the base's synonyms. */
export function combineCorpus(base: Corpus, own: readonly OwnArticle[]): Corpus {
  const taken = new Set(base.articles.map((a) => a.id));
  const { added } = parseOwn(own.filter((o) => !taken.has(o.id)));
  return corpusOf([...base.articles, ...added], base.synonyms);
}
