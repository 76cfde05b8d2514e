import { corpusJson } from './corpus.ts';
import { textFragmentUrl } from './fragment.ts';
import type { Answer, ArticleInfo, ArticleRef, Excerpt } from '../answers/types.ts';
import { reportJson } from '../report/format.ts';

/**
 * The public JSON contract (documented in the README). Field names and shapes
 * stay as they are; new fields may be added, none removed.
 */
export type JsonArticle = { id: string; title: string; publisher: string | null };
export type JsonResult = { citation: string; article: JsonArticle; section: string; text: string; score: number; link?: string };

const article = (a: ArticleRef): JsonArticle => ({ id: a.id, title: a.title, publisher: a.publisher });
const result = (e: Excerpt): JsonResult => ({
  citation: e.citation,
  article: article(e.article),
  section: e.section,
  text: e.text,
  score: Math.round(e.score * 1000) / 1000,
  // Where the article has an address: a link to these very words on its page (a URL text fragment).
  ...(e.article.url && { link: textFragmentUrl(e.article.url, e.text) ?? e.article.url }),
});
const info = (a: ArticleInfo) => ({
  ...article(a.article),
  url: a.article.url,
  author: a.author,
  published: a.published,
  original: a.original,
  sections: a.sections.map((s) => ({ heading: s.heading, slug: s.slug, passages: s.passages })),
  passages: a.passages,
});

/** An answer as a plain object, ready for JSON.stringify. */
export function toJson(answer: Answer): Record<string, unknown> {
  switch (answer.kind) {
    case 'corpus':
      return corpusJson(answer);
    case 'ask':
      return { query: answer.query, results: answer.results.map(result) };
    case 'compare':
      return {
        topic: answer.topic,
        articles: answer.articles.map((a) => ({ article: article(a.article), results: a.results.map(result) })),
      };
    case 'takeaway':
      return { article: answer.article && article(answer.article), topic: answer.topic, results: answer.results.map(result) };
    case 'summary':
      return { article: info(answer.info), results: answer.results.map(result) };
    case 'sources':
      return { articles: answer.articles.map(info) };
    case 'quote':
      return { result: result(answer.result) };
    case 'help':
      return { commands: answer.commands };
    case 'stats':
      return { ...reportJson(answer.report) };
    case 'scope':
      return { action: answer.action, articles: answer.articles.map((a) => a.id) };
  }
}
