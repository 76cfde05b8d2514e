import { citationParts, passageId } from '../corpus/passage.ts';
import type { Passage } from '../corpus/types.ts';
import { ok, refuse, type Result, type UserProblem } from '../result.ts';
import type { SearchIndex } from '../search/index.ts';
import { articleById, articleInfo, resolveArticle } from './articles.ts';
import { leadExcerpt, wholeExcerpt } from './excerpt.ts';
import type { QuoteAnswer, SourcesAnswer, SummaryAnswer } from './types.ts';

/** Every article: title, publisher, sections and how many passages each has. */
export function sources(index: SearchIndex, own?: ReadonlySet<string>): SourcesAnswer {
  const articles = index.corpus.articles.map(articleInfo);
  if (!own?.size) return { kind: 'sources', articles };
  // A server's own articles first: a large base would push them past what one message shows.
  const mine = (a: (typeof articles)[number]) => own.has(a.article.id);
  return { kind: 'sources', articles: [...articles.filter(mine), ...articles.filter((a) => !mine(a))], own };
}

/** An article at a glance: what it is, its sections, and its own summary. */
export function summary(index: SearchIndex, name: string): Result<SummaryAnswer, UserProblem> {
  const found = resolveArticle(index, name);
  if (!found.ok) return found;
  const a = found.value;
  const own = a.sections.find((s) => /\bsummary\b|\babstract\b|\boverview\b|\btl;?dr\b/i.test(s.heading) && s.passages.length > 0);
  const lead = own ?? a.sections.find((s) => s.passages.length > 0)!;
  return ok({ kind: 'summary', info: articleInfo(a), results: lead.passages.slice(0, 2).map((p) => leadExcerpt(a, p)) });
}

/** The whole passage a citation id names. Ids are case-sensitive, but surrounding spaces and <> are forgiven. */
export function quote(index: SearchIndex, citation: string): Result<QuoteAnswer, UserProblem> {
  const id = citation.trim().replace(/^<|>$/g, '');
  const passage = findPassage(index, id);
  if (!passage) {
    // Ids are lowercase (article ids and section slugs are slugs): one typed otherwise is that one.
    const near = id === id.toLowerCase() ? undefined : findPassage(index, id.toLowerCase());
    return refuse(
      'unknown-citation',
      `quote: no passage "${id}"${near ? ` (did you mean "${passageId(near)}"?)` : ' (ids look like article-id#section-1; /sources lists articles)'}`,
    );
  }
  return ok({ kind: 'quote', result: wholeExcerpt(articleById(index, passage.articleId), passage) });
}

/**
 * The passage a citation id names, found from the id itself: its article,
 * its section, its place there (no table of every id is kept: see passage.ts).
 */
export function findPassage(index: SearchIndex, id: string): Passage | undefined {
  const parts = citationParts(id);
  const entry = parts && index.articles.get(parts.articleId);
  if (!parts || !entry) return undefined;
  const section = index.corpus.articles[entry.index]!.sections.find((s) => s.slug === parts.sectionSlug);
  return section?.passages[parts.n - 1];
}
