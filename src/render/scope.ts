import type { ScopeAnswer } from '../answers/types.ts';
import { escapeArticleText } from './escape.ts';
import { safeMessage, type MessagePayload } from './limits.ts';

const HEADLINE: Record<ScopeAnswer['action'], string> = {
  set: 'Channel scope set',
  cleared: 'Channel scope cleared',
  shown: 'Channel scope',
};

/** What the scope now is, as lines: its articles, or that the channel answers from every article. */
function scopeLines(answer: ScopeAnswer, show: (s: string) => string): string[] {
  if (answer.articles.length === 0) return ['This channel answers from every article.'];
  return [
    `This channel (and its threads) answers from ${answer.articles.length === 1 ? 'this article' : `these ${answer.articles.length} articles`} only, unless a command names another:`,
    ...answer.articles.map((a) => `• ${show(a.title)} (\`${a.id}\`)`),
  ];
}

/** /scope as Discord shows it: only to the one who asked. */
export function renderScopeDiscord(answer: ScopeAnswer): MessagePayload {
  return safeMessage({
    embeds: [{ title: HEADLINE[answer.action], description: scopeLines(answer, escapeArticleText).join('\n'), color: 0x5865f2 }],
    components: [],
    ephemeral: true,
  });
}

/** The same as plain text. */
export const renderScopeText = (answer: ScopeAnswer): string => [HEADLINE[answer.action], ...scopeLines(answer, (s) => s)].join('\n');
