import type { APIEmbed } from 'discord.js';
import type { ChangedArticle, CorpusAnswer } from '../answers/types.ts';
import { escapeArticleText } from './escape.ts';
import { safeMessage, type MessagePayload } from './limits.ts';

const HEADLINE: Record<CorpusAnswer['action'], string> = {
  reloaded: 'Corpus reloaded',
  added: 'Article added',
  replaced: 'Article replaced',
  removed: 'Article removed',
};

/** The article's facts as lines: sections with passage counts, passages, first citation ids. */
function articleLines(a: ChangedArticle, show: (s: string) => string, code: (s: string) => string): string[] {
  return [
    `${show(a.title)}${a.publisher ? ` · ${show(a.publisher)}` : ''} (id ${code(a.id)})`,
    `Sections: ${a.sections.map((s) => `${show(s.heading)} (${s.passages})`).join(', ')}`,
    `${a.passages} passage${a.passages === 1 ? '' : 's'}; cite as ${a.citations.map(code).join(', ')}`,
  ];
}

/** /reload and /article as Discord shows them: only to the one who asked. */
export function renderCorpusDiscord(answer: CorpusAnswer): MessagePayload {
  const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
  const lines = [
    ...(answer.article ? articleLines(answer.article, escapeArticleText, code) : []),
    answer.reloadProblem
      ? `Not reloaded, still answering from the previous corpus: ${escapeArticleText(answer.reloadProblem)}`
      : `Reloaded: ${escapeArticleText(answer.change)}`,
  ];
  const embed: APIEmbed = {
    title: HEADLINE[answer.action],
    description: lines.join('\n'),
    color: answer.reloadProblem ? 0xfaa61a : 0x5865f2,
  };
  return safeMessage({ embeds: [embed], components: [], ephemeral: true });
}

/** The same as plain text, for the console. */
export function renderCorpusText(answer: CorpusAnswer): string {
  return [
    HEADLINE[answer.action],
    ...(answer.article
      ? articleLines(
          answer.article,
          (s) => s,
          (s) => s,
        ).map((l) => `  ${l}`)
      : []),
    answer.reloadProblem ? `  not reloaded, still answering from the previous corpus: ${answer.reloadProblem}` : `  ${answer.change}`,
  ].join('\n');
}

/** The same as JSON (the CLI's contract: fields may be added, never renamed). */
export function corpusJson(answer: CorpusAnswer): Record<string, unknown> {
  return { action: answer.action, change: answer.change, article: answer.article, reloadProblem: answer.reloadProblem };
}
