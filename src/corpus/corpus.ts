import type { Article, Corpus, Passage, SynonymGroups } from './types.ts';

/** An article's passages, section after section: the order citations and indexes number them in. */
export function passagesOf(article: Article): Passage[] {
  return article.sections.flatMap((s) => s.passages);
}

/** A corpus of these articles, their passages in order. */
export function corpusOf(articles: readonly Article[], synonyms: SynonymGroups): Corpus {
  return { articles, passages: articles.flatMap(passagesOf), synonyms };
}
