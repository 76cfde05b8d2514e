import {
  ButtonStyle,
  ComponentType,
  type APIEmbed,
  type APIButtonComponent,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
} from 'discord.js';
import type { Answer, ArticleInfo, ArticleRef, AskAnswer, CommandHelp, Excerpt, HelpAnswer } from '../answers/types.ts';
import { escapeArticleText, escapeUserText } from './escape.ts';
import { cut, safeMessage, LIMITS, type MessagePayload } from './limits.ts';
import { renderCorpusDiscord } from './corpus.ts';
import { renderScopeDiscord } from './scope.ts';
import { noPreview, textFragmentUrl } from './fragment.ts';
import { withMarks } from './marks.ts';
import { NOTHING_FOUND, tooCommonHint } from './text.ts';
import { renderStats } from '../report/discord.ts';
import { placesLines } from './places.ts';

// Discord's blurple for answers, grey for "nothing", amber for a user's mistake.
const COLOR = { answer: 0x5865f2, none: 0x99aab5, warn: 0xfaa61a } as const;

/** Buttons under an answer; the custom ids are built by the bot, which knows how to read them back. */
export interface AnswerButtons {
  readonly more?: string;
  readonly discuss?: string | undefined;
}

/** A quoted excerpt with its matched words in bold and its citation below. */
export function excerptBlock(e: Excerpt, withArticle = true): string {
  const quoted = withMarks(e, (w) => `**${escapeArticleText(w)}**`, escapeArticleText);
  const title = escapeArticleText(e.article.title);
  // With the article's address, the title links to the quoted words on its page; `<…>` so Discord shows no preview.
  const link = e.article.url ? (textFragmentUrl(e.article.url, e.text) ?? e.article.url) : undefined;
  const source = withArticle
    ? (link ? `[${title}](${noPreview(link)})` : `*${title}*`) + `, ${escapeArticleText(e.section)}`
    : link
      ? `[${escapeArticleText(e.section)}](${noPreview(link)})`
      : escapeArticleText(e.section);
  return `${e.code ? codeBlock(e.text) : `> ${quoted}`}\n— ${source} · \`${e.citation.replace(/`/g, "'")}\``;
}

/** Code shown as code, its lines kept: a fence inside it is broken so it cannot close the block. */
const codeBlock = (code: string) => `\`\`\`\n${code.replace(/```/g, '`\u200b``')}\n\`\`\``;

/** Joins blocks up to `max` characters, whole blocks only, so no quote is cut mid-way. */
function blocks(parts: readonly string[], max: number): string {
  let out = '';
  for (const p of parts) {
    const next = out ? `${out}\n\n${p}` : p;
    if (next.length > max) return out || cut(p, max);
    out = next;
  }
  return out;
}

const byline = (a: ArticleRef) => `${a.title}${a.publisher ? ` · ${a.publisher}` : ''}`;

function buttonsRow(b: AnswerButtons): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const buttons: APIButtonComponent[] = [];
  if (b.more)
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'More', custom_id: b.more, emoji: { name: '➕' } });
  if (b.discuss)
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: 'Discuss',
      custom_id: b.discuss,
      emoji: { name: '💬' },
    });
  return buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

function infoLines(a: ArticleInfo): string {
  return [
    a.article.publisher ? `Publisher: ${escapeArticleText(a.article.publisher)}` : 'Publisher: not stated in the article',
    a.author && `Author: ${escapeArticleText(a.author)}`,
    a.published && `Published: ${a.published}`,
    a.original && `Summarises: ${escapeArticleText(a.original)}`,
    `${a.passages} passages · id \`${a.article.id}\``,
  ]
    .filter(Boolean)
    .join('\n');
}

/** An answer as a Discord message: embeds within every limit, mentions off. */
export function renderDiscord(answer: Answer, buttons: AnswerButtons = {}): MessagePayload {
  switch (answer.kind) {
    case 'corpus':
      return renderCorpusDiscord(answer);
    case 'scope':
      return renderScopeDiscord(answer);
    case 'ask':
      return renderAsk(answer, buttons);
    case 'help':
      return renderHelp(answer);
    case 'stats':
      return renderStats(answer);
    case 'takeaway':
      return renderTakeaway(answer, buttons);
    case 'compare':
      return renderCompare(answer, buttons);
    case 'summary':
      return renderSummary(answer);
    case 'sources':
      return renderSources(answer);
    case 'quote':
      return renderQuote(answer);
  }
}

function renderTakeaway(answer: Extract<Answer, { kind: 'takeaway' }>, buttons: AnswerButtons): MessagePayload {
  const what = answer.article ? `Takeaways: ${answer.article.title}` : 'Key takeaways';
  const title = embedTitle(answer.topic ? `${what} — on “${answer.topic}”` : what);
  if (answer.results.length === 0) {
    const why = answer.topic
      ? 'None of the takeaways bear on that topic. Try `/ask` for the whole articles.'
      : 'No takeaway section in this article. Try `/summary`.';
    const scoped = answer.scope === undefined ? '' : ` ${scopeNote(answer).replace(/ · $/, '.')}`;
    return safeMessage({ embeds: [{ title, description: `${why}${scoped}`, color: COLOR.none }], components: [] });
  }
  return safeMessage({
    embeds: [
      {
        title,
        description: blocks(
          answer.results.map((e) => excerptBlock(e, !answer.article)),
          LIMITS.embedDescription,
        ),
        color: COLOR.answer,
        ...(answer.article?.url && { url: answer.article.url }),
        ...(answer.scope !== undefined && { footer: { text: scopeNote(answer).replace(/ · $/, '') } }),
      },
    ],
    components: buttonsRow(buttons),
  });
}

function renderCompare(answer: Extract<Answer, { kind: 'compare' }>, buttons: AnswerButtons): MessagePayload {
  const fields = answer.articles.map(({ article, results }) => ({
    name: escapeArticleText(byline(article)),
    value: results.length
      ? blocks(
          results.map((e) => excerptBlock(e, false)),
          LIMITS.fieldValue,
        )
      : '*Does not cover this topic.*',
    inline: answer.articles.length <= 3,
  }));
  const covered = answer.articles.filter((a) => a.results.length > 0).length;
  return safeMessage({
    embeds: [
      {
        title: embedTitle(`Compare: ${answer.topic}`),
        fields,
        color: covered ? COLOR.answer : COLOR.none,
        footer: { text: `${scopeNote(answer)}${covered} of ${answer.articles.length} articles cover this topic` },
      },
    ],
    components: buttonsRow(buttons),
  });
}

function renderSummary(answer: Extract<Answer, { kind: 'summary' }>): MessagePayload {
  const a = answer.info;
  return safeMessage({
    embeds: [
      {
        title: embedTitle(a.article.title),
        ...(a.article.url && { url: a.article.url }),
        description: blocks([infoLines(a), ...answer.results.map((e) => excerptBlock(e, false))], LIMITS.embedDescription),
        fields: [{ name: 'Sections', value: a.sections.map((s) => `${escapeArticleText(s.heading)} (${s.passages})`).join(' · ') }],
        color: COLOR.answer,
      },
    ],
    components: [],
  });
}

function renderSources(answer: Extract<Answer, { kind: 'sources' }>): MessagePayload {
  const shown = answer.articles.slice(0, LIMITS.embedFields);
  const rest = answer.articles.length - shown.length;
  return safeMessage({
    embeds: [
      {
        title: embedTitle(`${answer.articles.length} article${answer.articles.length === 1 ? '' : 's'} in the corpus`),
        fields: shown.map((a) => ({
          name: `${escapeArticleText(a.article.title)}${answer.own?.has(a.article.id) ? ' · this server’s own' : ''}`,
          value: `${infoLines(a)}\n${a.sections.map((s) => escapeArticleText(s.heading)).join(' · ')}`,
        })),
        color: COLOR.answer,
        ...(rest > 0 && { footer: { text: `and ${rest} more; /summary or the article option's autocomplete finds any of them` } }),
      },
    ],
    components: [],
  });
}

function renderQuote(answer: Extract<Answer, { kind: 'quote' }>): MessagePayload {
  const e = answer.result;
  return safeMessage({
    embeds: [
      {
        title: embedTitle(`${e.section} — ${e.article.title}`),
        ...(e.article.url && { url: textFragmentUrl(e.article.url, e.text) ?? e.article.url }),
        description: e.code ? codeBlock(e.text) : `> ${escapeArticleText(e.text)}`,
        footer: { text: e.citation },
        color: COLOR.answer,
      },
    ],
    components: [],
  });
}

/**
 * Every embed's title, by one rule: on one line, escaped whatever it holds (a
 * question, a topic, an article's title); safeMessage cuts it to the limit.
 */
export function embedTitle(text: string): string {
  return escapeUserText(text.replace(/\s+/g, ' ').trim());
}

/** An answer's title: the question, as embedTitle makes it (More reads the question back from it). */
export const askTitle = embedTitle;

function renderAsk(answer: AskAnswer, buttons: AnswerButtons): MessagePayload {
  const title = askTitle(answer.query);
  const scope = answer.article
    ? `In ${escapeArticleText(answer.article.title)}. `
    : answer.scope !== undefined
      ? `${scopeNote(answer).replace(/ · $/, '.')} `
      : '';
  if (answer.results.length === 0) {
    const hint = tooCommonHint(answer.tooCommon, escapeUserText);
    const places = placesLines(answer.places, escapeArticleText);
    const description =
      answer.offset > 0
        ? 'No more passages answer that.'
        : `${scope}${NOTHING_FOUND}${hint || (places.length ? '' : ' Try other words, or `/sources` to see what it covers.')}${places.length ? `\n\n${places.join('\n')}` : ''}`;
    return safeMessage({ embeds: [{ title, description, color: COLOR.none }], components: [] });
  }
  const from = answer.offset + 1;
  const to = answer.offset + answer.results.length;
  const embed: APIEmbed = {
    title,
    description: blocks(
      answer.results.map((e) => excerptBlock(e)),
      LIMITS.embedDescription,
    ),
    color: COLOR.answer,
    footer: {
      text: `${answer.article ? `In ${answer.article.title} · ` : ''}${scopeNote(answer)}${from === to ? `Passage ${from}` : `Passages ${from}–${to}`} of ${answer.total}`,
    },
  };
  return safeMessage({ embeds: [embed], components: buttonsRow(to < answer.total ? buttons : { discuss: buttons.discuss }) });
}

/** The footer's word that a channel's scope limited the answer (an explicit article wins, and says so itself). */
const scopeNote = (answer: { readonly scope?: number | undefined }) =>
  answer.scope === undefined ? '' : `This channel answers from ${answer.scope} article${answer.scope === 1 ? '' : 's'} (/scope) · `;

/** A user's mistake or a notice (cooldown, stale button): short, amber, only for them. */
export function renderNotice(message: string): MessagePayload {
  return safeMessage({ embeds: [{ description: escapeUserText(message), color: COLOR.warn }], components: [], ephemeral: true });
}

/** /help, from the one list of commands: how each is used, and what the buttons do. */
function renderHelp(answer: HelpAnswer): MessagePayload {
  const usage = (c: CommandHelp) => {
    if (c.kind === 'message') return `**${c.name}** (right-click a message → Apps) — ${c.description}.`;
    const args = c.options.map((o) => (o.required ? o.name : `[${o.name}]`)).join(' ');
    return `\`/${c.name}${args ? ` ${args}` : ''}\` — ${c.description}.`;
  };
  const lines = [
    ...answer.commands.filter((c) => c.name !== 'help').map(usage),
    '',
    'Every quote is the article’s own words, with a citation id like `article-id#summary-1` that `/quote` opens. **More** shows further passages; **Discuss** opens a thread on the answer.',
  ];
  return safeMessage({
    embeds: [{ title: embedTitle('citebot'), description: lines.join('\n'), color: COLOR.answer }],
    components: [],
    ephemeral: true,
  });
}
