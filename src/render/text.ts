import type { Answer, ArticleInfo, ArticleRef, CommandHelp, Excerpt } from '../answers/types.ts';
import { renderCorpusText } from './corpus.ts';
import { renderScopeText } from './scope.ts';
import { withMarks } from './marks.ts';
import { reportText } from '../report/format.ts';
import { placesLines } from './places.ts';

/** "Nothing in the corpus answers that": said the same way by every front end. */
export const NOTHING_FOUND = 'Nothing in the corpus answers that.';

export interface TextStyle {
  /** Wraps a matched word; default: leaves it as it is. */
  readonly highlight?: (word: string) => string;
  /** How to see the passages an answer left out, said after how many (default "/more", the console's; "" says only how many). */
  readonly more?: string;
}

const byline = (a: ArticleRef) => `${a.title}${a.publisher ? ` (${a.publisher})` : ''}`;

function excerptLines(e: Excerpt, n: number | null, style: TextStyle): string[] {
  const text = withMarks(e, style.highlight ?? ((w) => w));
  const lead = n === null ? '  ' : `${String(n).padStart(2)}. `;
  return [`${lead}“${text}”`, `    — ${byline(e.article)}, ${e.section}  [${e.citation}]`];
}

function list(results: readonly Excerpt[], style: TextStyle, first = 1): string[] {
  return results.flatMap((e, i) => excerptLines(e, first + i, style));
}

function info(a: ArticleInfo): string[] {
  const meta = [
    a.article.publisher ? `publisher: ${a.article.publisher}` : 'publisher: not stated',
    a.author && `author: ${a.author}`,
    a.published && `published: ${a.published}`,
  ].filter(Boolean);
  return [
    `${a.article.title}  [${a.article.id}]`,
    `  ${meta.join(' · ')}`,
    ...(a.original ? [`  summarises: ${a.original}`] : []),
    ...(a.article.url ? [`  ${a.article.url}`] : []),
    `  ${a.passages} passages in ${a.sections.length} sections: ${a.sections.map((s) => s.heading).join(', ')}`,
  ];
}

/**
 * Why a question found nothing when its words are too common in a large corpus
 * to search by: " “model” is in too many passages…". `show` escapes the words
 * for where they are shown.
 */
export function tooCommonHint(words: readonly string[], show: (word: string) => string): string {
  if (words.length === 0) return '';
  const list = words
    .slice(0, 5)
    .map((w) => `“${show(w)}”`)
    .join(', ');
  return ` ${list} ${words.length === 1 ? 'is' : 'are'} in too many passages to tell them apart: add a more specific word.`;
}

/** An answer as readable plain text, citations included: what the console prints. */
export function renderText(answer: Answer, style: TextStyle = {}): string {
  switch (answer.kind) {
    case 'corpus':
      return renderCorpusText(answer);
    case 'ask': {
      const scope = answer.article ? ` (in ${answer.article.title})` : '';
      if (answer.results.length === 0) {
        if (answer.offset > 0) return 'No more passages answer that.';
        return [
          (answer.article ? `Nothing in “${answer.article.title}” answers that.` : NOTHING_FOUND) +
            tooCommonHint(answer.tooCommon, (w) => w),
          ...placesLines(answer.places, (w) => w),
        ].join('\n');
      }
      const left = answer.total - answer.offset - answer.results.length;
      const how = style.more ?? '/more';
      const more = left > 0 ? `\n  (${left} more${how ? `: ${how}` : ''})` : '';
      return [`Q: ${answer.query}${scope}`, ...list(answer.results, style, answer.offset + 1)].join('\n') + more;
    }
    case 'takeaway': {
      const what = answer.article ? `Takeaways of ${answer.article.title}` : 'Takeaways';
      const head = answer.topic ? `${what} on “${answer.topic}”` : what;
      if (answer.results.length === 0) {
        return answer.topic
          ? `${head}: none of the takeaways bear on that.`
          : `${head}: no takeaway section in ${answer.article ? 'this article' : 'the corpus'}.`;
      }
      return [head, ...list(answer.results, style)].join('\n');
    }
    case 'compare': {
      const lines = [`Compare: ${answer.topic}`];
      for (const { article, results } of answer.articles) {
        lines.push('', `■ ${byline(article)}`);
        if (results.length === 0) lines.push('    Does not cover this topic.');
        else lines.push(...results.flatMap((e) => excerptLines(e, null, style)));
      }
      return lines.join('\n');
    }
    case 'summary':
      return [...info(answer.info), '', ...list(answer.results, style)].join('\n');
    case 'sources':
      return [
        `${answer.articles.length} article${answer.articles.length === 1 ? '' : 's'}:`,
        ...answer.articles.flatMap((a) => ['', ...info(a)]),
      ].join('\n');
    case 'quote':
      return excerptLines(answer.result, null, style).join('\n').replace(/^ {2}/, '');
    case 'help':
      return answer.commands
        .filter((c) => c.kind === 'slash')
        .map((c) => `  ${commandUsage(c).padEnd(54)} ${c.description}`)
        .join('\n');
    case 'stats':
      return reportText(answer.report, (c) => answer.where[c]);
    case 'scope':
      return renderScopeText(answer);
  }
}

/** `/ask <question> [article: …] [count: …]`: a command as typed in the console, without Discord-only options. */
export function commandUsage(c: CommandHelp): string {
  const others = c.options.filter((o) => o.name !== c.main && !o.discordOnly).map((o) => ` [${o.name}: …]`);
  return `/${c.name}${c.main ? ` <${c.main}>` : ''}${others.join('')}`;
}
