import type { Draft, DraftBlock } from './draft.ts';

// A line the loader would read as something other than a paragraph: a heading,
// a bullet, a code fence, a comment or a thematic break.
const NOT_A_PARAGRAPH = /^(?:#|\s{0,3}(?:[-*+]|\d{1,3}[.)])(?:\s|$)|\s*(?:```|~~~|<!--)|\s{0,3}([-*_])(?:\s*\1){2,}\s*$)/;

/**
 * The draft as a corpus file in the loader's format: front matter, then `##`
 * sections of paragraphs (one line each) and `- ` bullets. A paragraph the
 * loader would misread (it starts with `#`, `1. `, ```` ``` ````) is written as a
 * bullet, which keeps every word.
 */
export function toMarkdown(draft: Draft): string {
  const front = [
    ['title', draft.title],
    ['publisher', draft.publisher],
    ['url', draft.url],
    ['author', draft.author],
    ['published', draft.published],
  ]
    .filter((f): f is [string, string] => typeof f[1] === 'string' && f[1].trim() !== '')
    // JSON strings are YAML double-quoted strings: quotes, colons and `#` in a title stay text.
    .map(([k, v]) => `${k}: ${k === 'published' ? v : JSON.stringify(v)}`);
  const out = ['---', ...front, '---', ''];
  for (const section of draft.sections) {
    if (section.heading) out.push(`## ${section.heading}${section.heading.endsWith('#') ? ' ##' : ''}`, '');
    for (const block of section.blocks) out.push(blockLine(block), ...(block.kind === 'bullet' ? [] : ['']));
    if (out[out.length - 1] !== '') out.push('');
  }
  return out.join('\n');
}

function blockLine(b: DraftBlock): string {
  if (b.kind === 'code') {
    // A fence longer than any run of backticks at a line's start inside the code, so the code cannot close it.
    const runs = b.text.match(/^\s*`{3,}/gm) ?? [];
    const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.trim().length + 1)));
    return `${fence}\n${b.text}\n${fence}`;
  }
  if (b.kind === 'bullet' || NOT_A_PARAGRAPH.test(b.text)) return `- ${b.text}`;
  return b.text;
}
