import { err, ok, type Result } from '../result.ts';
import type { Draft, DraftBlock } from './draft.ts';

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
 * is followed by more text (not going on in lowercase) is a section heading; `- `, `• `, `▸ ` and numbered
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
  // The block a next line may run on into: a paragraph whose sentence is not finished.
  let last: { kind: DraftBlock['kind']; text: string; closed?: boolean } | undefined;
  let blankBefore = false;

  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (!trimmed) {
      blankBefore = true;
      continue;
    }
    const bullet = BULLET.exec(trimmed);
    const label = LABELLED.exec(trimmed)?.[1];
    if (bullet) {
      last = { kind: 'bullet', text: trimmed.slice(bullet[0].length).trim() };
      section().blocks.push(last);
    } else if (last && !last.closed && !blankBefore && !CLOSING.test(last.text) && (last.kind === 'paragraph' || /^\s/.test(line))) {
      // A hard-wrapped line: the sentence goes on.
      last.text = `${last.text} ${trimmed}`;
    } else if (isHeading(trimmed) && hasTextAfter(lines, i)) {
      sections.push({ heading: trimmed, blocks: [] });
      last = undefined;
    } else if (last?.kind === 'bullet' && label && wordCount(label) <= 4) {
      last = { kind: 'paragraph', text: trimmed, closed: true };
      sections.push({ heading: label, blocks: [last] });
    } else {
      last = { kind: 'paragraph', text: trimmed };
      section().blocks.push(last);
    }
    blankBefore = false;
  }
  const clean = sections.map((s) => ({ heading: s.heading, blocks: s.blocks.map((b) => ({ kind: b.kind, text: b.text })) }));
  return ok({ title, sections: clean });
}

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

function isHeading(line: string): boolean {
  return line.length <= HEADING_MAX_CHARS && wordCount(line) <= HEADING_MAX_WORDS && !CLOSING.test(line) && /\p{L}/u.test(line);
}

/** True when text follows line `i` and starts anew: a line going on in lowercase continues a wrapped sentence instead. */
function hasTextAfter(lines: readonly string[], i: number): boolean {
  for (let k = i + 1; k < lines.length; k++) if (lines[k]!.trim()) return !/^\p{Ll}/u.test(lines[k]!.trim());
  return false;
}
