import { termsOf } from '../search/analysis.ts';
import type { SearchIndex } from '../search/index.ts';
import { analyzeQuery, searchPassages, tooCommonWords, type PassageHit } from '../search/query.ts';
import { ok, refuse, type Result, type UserProblem } from '../result.ts';
import { articleById } from './articles.ts';
import { ASK_DEFAULT_LIMIT, ASK_MAX_COUNT } from './ask.ts';
import { articleRef, excerptFromHit } from './excerpt.ts';
import { placesToLook } from './places.ts';
import type { AskAnswer } from './types.ts';

/** What a Discuss thread was opened on: read back from its starter message, so nothing is kept in memory. */
export interface ThreadContext {
  /** The question the thread's answer was for. */
  readonly question: string;
  /** The article that question was limited to, if any (its id). */
  readonly articleId: string | null;
  /** The articles the thread's answer quoted, best first. */
  readonly citedArticles: readonly string[];
}

/**
 * How much the original question's words may lift a passage: enough to
 * reorder passages the follow-up scores (nearly) alike, never enough to put a
 * weak match above a strong one.
 */
const CONTEXT_BONUS = 0.05;

// "the other article", "the other one", "the other source": a follow-up about the articles not yet discussed.
const OTHER = /\b(?:the\s+)?other\s+(?:article|one|piece|source|paper|post|text)s?\b/i;

/**
 * Answers a follow-up in a thread. The thread's article scope applies; "the
 * other article" turns to the articles the thread has not quoted; a follow-up
 * with nothing to search by of its own ("and in the other article?") asks the
 * thread's question again; and the thread's question's words break ties.
 */
export function followUp(
  index: SearchIndex,
  text: string,
  context: ThreadContext,
  options: { limit?: number } = {},
): Result<AskAnswer, UserProblem> {
  if (!text.trim()) return refuse('empty-question', 'ask: the question is empty');
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? ASK_DEFAULT_LIMIT), 1), ASK_MAX_COUNT);
  const known = (id: string | null): id is string => id !== null && index.articles.has(id);
  let scope: Set<string> | undefined = known(context.articleId) ? new Set([context.articleId]) : undefined;
  const other = OTHER.test(text);
  if (other) {
    const discussed = new Set(known(context.articleId) ? [context.articleId] : context.citedArticles.filter(known).slice(0, 1));
    const rest = index.corpus.articles.map((a) => a.id).filter((id) => !discussed.has(id));
    if (discussed.size > 0 && rest.length > 0) scope = new Set(rest);
  }
  const own = text.replace(OTHER, ' ');
  const query = analyzeQuery(index, own).length > 0 ? own : context.question;
  const hits = rerank(searchPassages(index, query, { ...(scope && { articles: scope }) }), query === own ? context.question : '');
  const only = scope?.size === 1 ? articleById(index, [...scope][0]!) : undefined;
  return ok({
    kind: 'ask',
    query: text,
    article: only ? articleRef(only) : null,
    results: hits.slice(0, limit).map((h) => excerptFromHit(articleById(index, h.passage.articleId), h)),
    offset: 0,
    total: hits.length,
    tooCommon: hits.length === 0 ? tooCommonWords(index, query) : [],
    ...(hits.length === 0 && { places: placesToLook(index, query) }),
  });
}

/** Lifts passages that also share words with the thread's question, by at most CONTEXT_BONUS. */
function rerank(hits: PassageHit[], contextQuestion: string): PassageHit[] {
  const context = new Set(termsOf(contextQuestion));
  if (context.size === 0 || hits.length < 2) return hits;
  const lifted = hits.map((h) => {
    const terms = new Set(termsOf(h.passage.text));
    const shared = [...context].filter((t) => terms.has(t)).length;
    return { h, score: h.score * (1 + (CONTEXT_BONUS * shared) / context.size) };
  });
  return lifted.sort((a, b) => b.score - a.score).map((x) => x.h);
}
