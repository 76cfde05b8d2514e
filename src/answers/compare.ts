import type { Article } from '../corpus/types.ts';
import { ok, refuse, type Result, type UserProblem } from '../result.ts';
import type { SearchIndex } from '../search/index.ts';
import { searchPassages } from '../search/query.ts';
import { inScope, resolveArticle } from './articles.ts';
import { articleRef, excerptFromHit } from './excerpt.ts';
import type { CompareAnswer } from './types.ts';

export interface CompareOptions {
  /** The articles to set side by side (ids or parts of titles); default: every article, up to 10. */
  readonly articles?: readonly string[];
  /** Excerpts per article; default 2. */
  readonly perArticle?: number;
  /** Only these articles when none is named (a channel's scope). Ids the corpus lacks are ignored. */
  readonly scope?: readonly string[] | undefined;
}

export const COMPARE_MAX_ARTICLES = 10;

/**
 * How each article treats a topic: its best excerpt(s), side by side, or an
 * empty list for an article that does not cover it (never a stretch).
 */
export function compare(index: SearchIndex, topic: string, options: CompareOptions = {}): Result<CompareAnswer, UserProblem> {
  if (!topic.trim()) return refuse('empty-topic', 'compare: the topic is empty');
  let articles: Article[];
  const names = (options.articles ?? []).filter((n) => n.trim());
  const scope = names.length > 0 ? undefined : inScope(index, options.scope);
  if (names.length > 0) {
    articles = [];
    for (const name of names) {
      const found = resolveArticle(index, name);
      if (!found.ok) return found;
      if (!articles.includes(found.value)) articles.push(found.value);
    }
  } else {
    articles = (scope ?? index.corpus.articles).slice(0, COMPARE_MAX_ARTICLES);
  }
  const per = Math.min(Math.max(Math.trunc(options.perArticle ?? 2), 1), 5);
  // One search for all the articles, then each article's own best: whether an article
  // covers the topic is judged by the relevance floor alone, not against the others.
  const hits = searchPassages(index, topic, { articles: new Set(articles.map((a) => a.id)), relativeFloor: false, byMeaning: false });
  return ok({
    kind: 'compare',
    topic,
    ...(scope && { scope: scope.length }),
    articles: articles.map((a) => ({
      article: articleRef(a),
      results: hits
        .filter((h) => h.passage.articleId === a.id)
        .slice(0, per)
        .map((h) => excerptFromHit(a, h)),
    })),
  });
}
