import { fold } from '../corpus/slug.ts';
import type { Article } from '../corpus/types.ts';
import { ok, refuse, type Result, type UserProblem } from '../result.ts';
import type { SearchIndex } from '../search/index.ts';
import { articleRef } from './excerpt.ts';
import type { ArticleInfo } from './types.ts';

/**
 * Finds an article by id, by title, or by a part of its title or id that only
 * one article has ("cultural differences"). Case and punctuation do not matter.
 */
export function resolveArticle(index: SearchIndex, name: string): Result<Article, UserProblem> {
  const articles = index.corpus.articles;
  const wanted = simple(name);
  if (!wanted) return refuse('empty-article', 'article: give an article id or a part of its title');
  const exact = articles.find((a) => a.id === name.trim() || simple(a.title) === wanted || simple(a.id) === wanted);
  if (exact) return ok(exact);
  const partial = articles.filter((a) => simple(a.title).includes(wanted) || simple(a.id).includes(wanted));
  if (partial.length === 1) return ok(partial[0]!);
  if (partial.length > 1) {
    const names = partial
      .slice(0, 3)
      .map((a) => `"${a.title}"`)
      .join(', ');
    return refuse(
      'ambiguous-article',
      `article: "${name.trim()}" matches ${partial.length} articles (${names}${partial.length > 3 ? ', …' : ''}); be more specific`,
    );
  }
  return refuse('unknown-article', `article: no article matches "${name.trim()}" (see /sources)`);
}

function simple(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function articleInfo(a: Article): ArticleInfo {
  return {
    article: articleRef(a),
    author: a.author ?? null,
    published: a.published ?? null,
    original: a.original ?? null,
    sections: a.sections.map((s) => ({ heading: s.heading, slug: s.slug, passages: s.passages.length })),
    passages: a.sections.reduce((n, s) => n + s.passages.length, 0),
  };
}

export function articleById(index: SearchIndex, id: string): Article {
  const entry = index.articles.get(id);
  if (!entry) throw new Error(`no article ${id} in the index`);
  return index.corpus.articles[entry.index]!;
}

/** A channel's scope as articles: those of its ids the corpus has; undefined when there is no scope or none of them is left. */
export function inScope(index: SearchIndex, scope: readonly string[] | undefined): Article[] | undefined {
  const articles = scope?.filter((id) => index.articles.has(id)).map((id) => articleById(index, id));
  return articles?.length ? articles : undefined;
}
