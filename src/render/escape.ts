// What Discord's markdown gives meaning to, and only that: a URL or a custom emoji is left as it is.
const ZWSP = '\u200b';

/** A link as Discord recognises one (the pattern its parser uses, stopping at a backslash or zero-width space, the two things escaping adds, so it cannot move where a link ends): left whole, or it stops being a link. */
const URL = /https?:\/\/[^\s<\\\u200b]+[^<.,:;"')\]\s\\\u200b]/g;
/** A custom emoji, `<:name:id>` or animated `<a:name:id>`: shown as the emoji, pinging no one. */
const EMOJI = /^<a?:\w{2,32}:\d{15,21}>/;
/** Marks anywhere in a line: emphasis, code, spoilers, masked links, and `<` that would open a mention or timestamp. */
const INLINE = /[\\*_~`|[\]<]/;
/** Marks only at the start of a line: headings and subtext (#, -#), quotes (>), lists (-, +, 1.). */
const LINE_START = /^([ \t]*)(?:([#>+-])|(\d+)\.(?=\s))/gm;

/**
 * Makes user text safe to echo: markdown shown literally, and mentions
 * (`@everyone`, `@here`, `<@123>`, `<#1>`, `<@&2>`) broken so they render as
 * text (a backslash before `<`, a zero-width space after every `@`). URLs
 * and custom emoji stay as they are. (Messages also carry empty
 * allowed_mentions; this is the second lock.) `unescapeUserText` is its
 * exact inverse.
 */
export function escapeUserText(text: string): string {
  return outsideUrls(text, (part) => escapeMarks(part).replace(/@/g, `@${ZWSP}`));
}

export function unescapeUserText(text: string): string {
  return outsideUrls(text, (part) => part.replace(new RegExp(`@${ZWSP}`, 'g'), '@').replace(/\\([\s\S])/g, '$1'));
}

/**
 * Article text inside our own formatting: markdown that would break the layout
 * is made literal, and mentions are broken like user text (a corpus file is
 * not trusted to ping anyone either).
 */
export const escapeArticleText = escapeUserText;

function escapeMarks(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const emoji = c === '<' ? EMOJI.exec(text.slice(i, i + 60)) : null;
    if (emoji) {
      out += emoji[0];
      i += emoji[0].length - 1;
    } else if (c === '<' && text[i + 1] === '#') {
      // A channel mention: both marks escaped, so no check for `<#` can find one left.
      out += '\\<\\#';
      i++;
    } else {
      out += INLINE.test(c) ? `\\${c}` : c;
    }
  }
  return out.replace(LINE_START, (_m, indent: string, mark: string | undefined, number: string | undefined) =>
    mark ? `${indent}\\${mark}` : `${indent}${number}\\.`,
  );
}

/** Applies `f` to the text between URLs, leaving the URLs as they are. */
function outsideUrls(text: string, f: (part: string) => string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(URL)) {
    out += f(text.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  return out + f(text.slice(at));
}
