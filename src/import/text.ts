import { err, ok, type Result } from '../result.ts';
import type { Draft, DraftBlock, DraftSection } from './draft.ts';

// `- `, `• `, `▸ ` (also `- ▸`, as copied from web pages) and `1. ` / `1) ` start a bullet.
const BULLET = /^(?:(?:[-*]\s+|[•▸▪◦‣●]\s*)+|\d{1,3}[.)]\s+)/;
// Words that end a sentence or a clause: a heading has none of these at its end.
const CLOSING = /[.!?:;,…]["'”’)\]]*$/;
// `Best for: CTO, …`: a labelled line, read as its own section after a list.
const LABELLED = /^(\p{Lu}[\p{L}\p{N}'’ -]{0,40}?):\s+\S/u;
const HEADING_MAX_WORDS = 10;
const HEADING_MAX_CHARS = 80;

/**
 * Reads plain text as the articles in `shared/seeds` are written: the first
 * non-empty line is the title; a short line without closing punctuation that
 * is followed by more text is a section heading; `- `, `• `, `▸ ` and numbered
 * lines are bullets; other lines are paragraphs (a line that does not end a
 * sentence runs on into the next). A `Label: text` line straight after a list
 * starts a section named by its label, the whole line its passage.
 */
export function parseText(text: string): Result<Draft, string> {
  const lines = text.split('\n').map((l) => l.replace(/\s+$/, ''));
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return err('no text');
  const title = lines[first]!.trim();
  const sections: { heading: string; blocks: DraftBlock[] }[] = [];
  const section = () => {
    if (sections.length === 0) sections.push({ heading: '', blocks: [] });
    return sections[sections.length - 1]!;
  };
  let last: { kind: DraftBlock['kind']; text: string } | undefined;
  let blankBefore = false;

  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (!trimmed) {
      blankBefore = true;
      continue;
    }
    const bullet = BULLET.exec(trimmed);
    if (bullet) {
      last = { kind: 'bullet', text: trimmed.slice(bullet[0].length).trim() };
      section().blocks.push(last);
    } else if (isHeading(trimmed) && hasTextAfter(lines, i)) {
      sections.push({ heading: trimmed, blocks: [] });
      last = undefined;
    } else if (last?.kind === 'bullet' && LABELLED.test(trimmed) && wordCount(LABELLED.exec(trimmed)![1]!) <= 4) {
      last = { kind: 'paragraph', text: trimmed };
      sections.push({ heading: LABELLED.exec(trimmed)![1]!, blocks: [last] });
    } else if (last && !blankBefore && !CLOSING.test(last.text) && (last.kind === 'paragraph' || /^\s/.test(line))) {
      // A hard-wrapped line: the sentence goes on.
      last.text = `${last.text} ${trimmed}`;
    } else {
      last = { kind: 'paragraph', text: trimmed };
      section().blocks.push(last);
    }
    blankBefore = false;
  }
  return ok({ title, sections: sections as DraftSection[] });
}

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

function isHeading(line: string): boolean {
  return line.length <= HEADING_MAX_CHARS && wordCount(line) <= HEADING_MAX_WORDS && !CLOSING.test(line) && /\p{L}/u.test(line);
}

function hasTextAfter(lines: readonly string[], i: number): boolean {
  for (let k = i + 1; k < lines.length; k++) if (lines[k]!.trim()) return true;
  return false;
}
