import type { Passage } from '../corpus/types.ts';
import { ok, refuse, type Result, type UserProblem } from '../result.ts';
import type { SearchIndex } from '../search/index.ts';
import { PerIndex, SLICE } from '../search/per-index.ts';
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
  const passage = passageById(index).get(id);
  if (!passage) {
    const near = [...passageById(index).keys()].find((k) => k.toLowerCase() === id.toLowerCase());
    return refuse(
      'unknown-citation',
      `quote: no passage "${id}"${near ? ` (did you mean "${near}"?)` : ' (ids look like article-id#section-1; /sources lists articles)'}`,
    );
  }
  return ok({ kind: 'quote', result: wholeExcerpt(articleById(index, passage.articleId), passage) });
}

/** Citation id → passage, made once per index. */
export const passageIds = new PerIndex(function* (index: SearchIndex): Generator<void, ReadonlyMap<string, Passage>> {
  const map = new Map<string, Passage>();
  for (const [k, p] of index.corpus.passages.entries()) {
    map.set(p.id, p);
    if (k % SLICE === SLICE - 1) yield;
  }
  return map;
});

/** Citation id → passage. */
export function passageById(index: SearchIndex): ReadonlyMap<string, Passage> {
  return passageIds.get(index);
}
