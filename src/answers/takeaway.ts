import type { Article } from '../corpus/types.ts';
import { ok, type Result, type UserProblem } from '../result.ts';
import type { SearchIndex } from '../search/index.ts';
import { searchPassages } from '../search/query.ts';
import { articleById, inScope, resolveArticle } from './articles.ts';
import { articleRef, excerptFromHit, leadExcerpt } from './excerpt.ts';
import type { TakeawayAnswer } from './types.ts';

/** Sections that say what the article wants the reader to do or remember. */
const TAKEAWAY_HEADING =
  /\b(key\s+)?take-?aways?\b|\bkey\s+(insights?|points?|lessons?)\b|\bconclusions?\b|\brecommendations?\b|\bin\s+practice\b|\blessons?\b|\bbottom\s+line\b|\bwhat\s+to\s+do\b|\btl;?dr\b/i;

export function isTakeawaySection(heading: string): boolean {
  return TAKEAWAY_HEADING.test(heading);
}

export interface TakeawayOptions {
  /** One article (id or part of its title); default: every article. */
  readonly article?: string | undefined;
  /** Only the takeaways that bear on this topic, best first. */
  readonly topic?: string | undefined;
  /** At most this many excerpts; default 10. */
  readonly limit?: number;
  /** Only these articles (a channel's scope); `article` wins over it. Ids the corpus lacks are ignored. */
  readonly scope?: readonly string[] | undefined;
}

/**
 * An article's key takeaways, in the article's order; or, with a topic, the
 * takeaways that best match it. Empty when the article has no takeaway section
 * or none bears on the topic.
 */
export function takeaway(index: SearchIndex, options: TakeawayOptions = {}): Result<TakeawayAnswer, UserProblem> {
  let articles: readonly Article[] = index.corpus.articles;
  let only: Article | undefined;
  if (options.article !== undefined && options.article.trim() !== '') {
    const found = resolveArticle(index, options.article);
    if (!found.ok) return found;
    only = found.value;
    articles = [only];
  }
  const scope = only ? undefined : inScope(index, options.scope);
  if (scope) articles = scope;
  const scoped = scope && { scope: scope.length };
  const limit = Math.max(1, Math.trunc(options.limit ?? 10));
  const topic = options.topic?.trim() ? options.topic : null;
  if (topic === null) {
    const results = articles
      .flatMap((a) => a.sections.filter((s) => isTakeawaySection(s.heading)).flatMap((s) => s.passages.map((p) => leadExcerpt(a, p))))
      .slice(0, limit);
    return ok({ kind: 'takeaway', article: only ? articleRef(only) : null, topic, results, ...scoped });
  }
  const sections = new Set(articles.flatMap((a) => a.sections.filter((s) => isTakeawaySection(s.heading)).map((s) => s.slug)));
  const hits = sections.size === 0 ? [] : searchPassages(index, topic, { articles: new Set(articles.map((a) => a.id)), sections });
  return ok({
    kind: 'takeaway',
    article: only ? articleRef(only) : null,
    topic,
    ...scoped,
    // The section filter is by slug, which two articles may share with different roles: check again.
    results: hits
      .filter((h) => isTakeawaySection(h.passage.section))
      .slice(0, limit)
      .map((h) => excerptFromHit(articleById(index, h.passage.articleId), h)),
  });
}
