// Characters that Discord markdown gives meaning to; a backslash makes each literal.
const MARKDOWN = /[\\*_~`|>#\-[\]()<:]/g;
const ZWSP = '\u200b';

/**
 * Makes user text safe to echo: markdown shown literally, and mentions
 * (`@everyone`, `@here`, `<@123>`, `<#1>`, `<@&2>`) broken with a zero-width
 * space so they render as text. (Messages also carry empty allowed_mentions;
 * this is the second lock.) `unescapeUserText` is its exact inverse.
 */
export function escapeUserText(text: string): string {
  return text.replace(MARKDOWN, '\\$&').replace(/@/g, `@${ZWSP}`);
}

export function unescapeUserText(text: string): string {
  return text.replace(new RegExp(`@${ZWSP}`, 'g'), '@').replace(/\\([\\*_~`|>#\-[\]()<:])/g, '$1');
}

/**
 * Article text inside our own formatting: markdown that would break the layout
 * is made literal, and mentions are broken like user text (a corpus file is
 * not trusted to ping anyone either).
 */
export const escapeArticleText = escapeUserText;
