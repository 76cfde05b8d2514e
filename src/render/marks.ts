import type { Excerpt } from '../answers/types.ts';

/**
 * The excerpt's text with each marked range wrapped by `wrap`, and the text
 * between marks passed through `plain` (for escaping). Marks never overlap.
 */
export function withMarks(
  e: Pick<Excerpt, 'text' | 'marks'>,
  wrap: (word: string) => string,
  plain: (text: string) => string = (t) => t,
): string {
  let out = '';
  let at = 0;
  for (const [start, end] of e.marks) {
    if (start < at) continue;
    out += plain(e.text.slice(at, start)) + wrap(e.text.slice(start, end));
    at = end;
  }
  return out + plain(e.text.slice(at));
}
