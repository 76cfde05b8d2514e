import { ok, refuse, type Result, type UserProblem } from '../result.ts';
import type { SearchIndex } from '../search/index.ts';
import { CLAIM_COVERAGE, searchBest, tooCommonWords } from '../search/query.ts';
import { articleById, resolveArticle } from './articles.ts';
import { articleRef, excerptFromHit } from './excerpt.ts';
import { placesToLook } from './places.ts';
import type { AskAnswer } from './types.ts';

export interface AskOptions {
  /** Limit the question to one article (id or part of its title). */
  readonly article?: string | undefined;
  /** How many excerpts; default 3, at most ASK_MAX_COUNT. */
  readonly limit?: number;
  /** Skip this many of the best excerpts (for "more"); default 0. */
  readonly offset?: number;
  /** The text is a claim to find sources for, not a question: a looser relevance floor. */
  readonly claim?: boolean;
  /** Only these articles (a channel's scope); `article` wins over it. Ids the corpus lacks are ignored. */
  readonly scope?: readonly string[] | undefined;
}

export const ASK_DEFAULT_LIMIT = 3;
/** Passages per answer at most, in every front end: about what one Discord embed holds whole; More shows the rest. */
export const ASK_MAX_COUNT = 5;

/** The excerpts that best answer a question, best first, each cited. Empty when nothing answers. */
export function ask(index: SearchIndex, question: string, options: AskOptions = {}): Result<AskAnswer, UserProblem> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? ASK_DEFAULT_LIMIT), 1), ASK_MAX_COUNT);
  const offset = Math.max(Math.trunc(options.offset ?? 0), 0);
  let only;
  if (options.article !== undefined && options.article.trim() !== '') {
    const found = resolveArticle(index, options.article);
    if (!found.ok) return found;
    only = found.value;
  }
  if (!question.trim()) return refuse('empty-question', 'ask: the question is empty');
  const scope = only ? undefined : options.scope?.filter((id) => index.articles.has(id));
  // Only the passages this page shows are made into hits: a typo can reach tens of thousands.
  const { hits, total } = searchBest(index, question, offset + limit, {
    ...(only && { articles: new Set([only.id]) }),
    ...(scope && { articles: new Set(scope) }),
    ...(options.claim && { minCoverage: CLAIM_COVERAGE }),
  });
  return ok({
    kind: 'ask',
    query: question,
    article: only ? articleRef(only) : null,
    ...(scope && { scope: scope.length }),
    results: hits.slice(offset).map((h) => excerptFromHit(articleById(index, h.passage.articleId), h)),
    offset,
    total,
    tooCommon: total === 0 ? tooCommonWords(index, question) : [],
    ...(total === 0 && { places: placesToLook(index, question) }),
  });
}
