/** The answer functions: pure, typed, the same for every front end. */
export { ask, type AskOptions, ASK_DEFAULT_LIMIT, ASK_MAX_COUNT } from './ask.ts';
export { takeaway, type TakeawayOptions } from './takeaway.ts';
export { compare, type CompareOptions } from './compare.ts';
export { sources, summary, quote, findPassage } from './lookup.ts';
export { resolveArticle } from './articles.ts';
export { suggestArticles, suggestCitations, suggestTopics, type Suggestion, MAX_SUGGESTIONS } from './suggest.ts';
export type * from './types.ts';
