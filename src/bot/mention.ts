/** At most this much of a message is taken as the question, as /ask allows 300 characters. */
export const MENTION_QUESTION_MAX = 300;

/** Whether a message's text addresses the bot: `<@id>` or `<@!id>` anywhere in it. */
export function mentionsBot(content: string, botId: string): boolean {
  return content.includes(`<@${botId}>`) || content.includes(`<@!${botId}>`);
}

/**
 * The question in a message that mentions the bot: every mention (users,
 * roles, channels, @everyone, @here), custom emoji and markdown markers taken
 * out, spaces collapsed. Empty when nothing but mentions was written.
 * `@citebot what about **funding**?` → `what about funding?`
 */
export function questionFromMention(content: string): string {
  const text = content
    // <@1>, <@!1>, <@&1>, <#1>, slash-command mentions </ask:1>, custom emoji <:name:1> and <a:name:1>, timestamps <t:1:R>
    .replace(/<(?:@[!&]?\d+|#\d+|\/[\w -]+:\d+|a?:\w+:\d+|t:\d+(?::\w)?)>/g, ' ')
    .replace(/@(?:everyone|here)\b/g, ' ')
    // Code fences, quotes, headings, spoilers, emphasis: the words stay, the markers go.
    .replace(/```\w*/g, ' ')
    .replace(/^\s*(?:>>>|>|#{1,3}|-#)\s+/gm, ' ')
    .replace(/\|\||\*\*|__|~~|[*_`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...text].slice(0, MENTION_QUESTION_MAX).join('').trim();
}
