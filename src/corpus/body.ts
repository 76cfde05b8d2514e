import { err, ok, type Result } from '../result.ts';
import type { Located } from './frontmatter.ts';
import type { Passage, Section } from './types.ts';
import { splitSentences } from './sentences.ts';
import { slugify } from './slug.ts';
import { spansOf } from './passage.ts';

const HEADING = /^(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const BULLET = /^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(.*)$/;
const FENCE = /^\s*(`{3,}|~{3,})/;
// A thematic break (`---`, `***`, `_ _ _`) separates blocks; it is not text to quote.
const RULE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;

/** The heading given to text that comes before the first `##` heading. */
export const LEAD_SECTION = 'Introduction';

interface Block {
  kind: Passage['kind'];
  line: number;
  parts: string[];
}

/** Where parseBody is in the body, line by line. */
interface Reader {
  readonly sections: { heading: string; slug: string; line: number; blocks: Block[] }[];
  /** Each section's slug, to give a second section of one name its own. */
  readonly slugs: Map<string, number>;
  /** The block the next line may continue. */
  current: Block | undefined;
  inComment: boolean;
  /** The marker that opened the code block being read (```` ``` ```` or `~~~`); only the same closes it. */
  fence: string | undefined;
}

/**
 * Reads the body: `##` headings open sections; blank lines separate paragraphs;
 * `-`, `*`, `+` or `1.` lines are bullets (indented lines continue them).
 * Every paragraph and bullet becomes a passage numbered within its section.
 */
export function parseBody(
  articleId: string,
  lines: readonly { line: number; text: string }[],
): Result<Section[], Located> {
  const r: Reader = { sections: [], slugs: new Map(), current: undefined, inComment: false, fence: undefined };
  for (const { line, text } of lines) {
    if (inComment(r, text) || inCode(r, line, text)) continue;
    const problem = readLine(r, line, text);
    if (problem) return err(problem);
  }
  const result = sectionsOf(articleId, r);
  if (!result.some((s) => s.passages.length > 0)) {
    return err({ line: lines[0]?.line ?? 1, message: 'body: no text (add "## Section" headings with paragraphs or - bullets)' });
  }
  return ok(result);
}

/** True when the line is in an HTML comment (outside code), which is not text to quote. */
function inComment(r: Reader, text: string): boolean {
  if (r.inComment) {
    if (text.includes('-->')) r.inComment = false;
    return true;
  }
  if (!r.fence && text.includes('<!--') && /^\s*<!--/.test(text)) {
    if (!text.includes('-->')) r.inComment = true;
    return true;
  }
  return false;
}

/** True when the line opens or closes a code block, or is in one: code is one passage per block, its lines as written. */
function inCode(r: Reader, line: number, text: string): boolean {
  const marker = (text.includes('```') || text.includes('~~~')) && FENCE.exec(text)?.[1];
  const { fence } = r;
  if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length && !text.trim().slice(marker.length)))) {
    r.fence = fence ? undefined : marker;
    r.current = r.fence ? { kind: 'code', line: line + 1, parts: [] } : undefined;
    if (r.current) sectionAt(r, line).blocks.push(r.current);
    return true;
  }
  if (fence && r.current) {
    // Never split into sentences or run together.
    r.current.parts.push(text.trimEnd());
    return true;
  }
  return false;
}

/** A heading, a blank line or break, a bullet, or a paragraph's line; what is wrong with it, if anything. */
function readLine(r: Reader, line: number, text: string): Located | undefined {
  const heading = text.startsWith('#') ? HEADING.exec(text) : null;
  if (heading) {
    const title = (heading[2] ?? '').trim();
    if (!title) return { line, message: 'body: heading has no text' };
    openSection(r, title, line);
    r.current = undefined;
    return undefined;
  }
  const trimmed = text.trim();
  if (!trimmed || (/^[-*_]/.test(trimmed) && RULE.test(text))) {
    r.current = undefined;
    return undefined;
  }
  const bullet = BULLET.exec(text);
  if (bullet) {
    r.current = { kind: 'bullet', line, parts: [bullet[1]!.trim()] };
    sectionAt(r, line).blocks.push(r.current);
  } else if (r.current && (r.current.kind === 'paragraph' || /^\s/.test(text))) r.current.parts.push(trimmed);
  else {
    r.current = { kind: 'paragraph', line, parts: [trimmed] };
    sectionAt(r, line).blocks.push(r.current);
  }
  return undefined;
}

function openSection(r: Reader, heading: string, line: number): void {
  const base = slugify(heading) || 'section';
  // Two sections with one name still get distinct, stable ids: the second is `-2`.
  let slug = base;
  for (let n = 2; r.slugs.has(slug); n++) slug = `${base}-${n}`;
  r.slugs.set(slug, line);
  r.sections.push({ heading, slug, line, blocks: [] });
}

/** The section a line belongs to: text before the first heading opens LEAD_SECTION. */
function sectionAt(r: Reader, line: number) {
  if (r.sections.length === 0) openSection(r, LEAD_SECTION, line);
  return r.sections[r.sections.length - 1]!;
}

function sectionsOf(articleId: string, r: Reader): Section[] {
  return r.sections.map((s) => ({
    heading: s.heading,
    slug: s.slug,
    line: s.line,
    passages: s.blocks
      .map((b) => ({ ...b, text: b.kind === 'code' ? codeText(b.parts) : b.parts.join(' ').trim() }))
      .filter((b) => b.text.length > 0)
      .map(
        (b, i): Passage => ({
          n: i + 1,
          articleId,
          section: s.heading,
          sectionSlug: s.slug,
          kind: b.kind,
          text: b.text,
          spans: spansOf(b.text, b.kind === 'code' ? [b.text] : splitSentences(b.text)),
          line: b.line,
        }),
      ),
  }));
}

/** A code block's lines as written, without the blank lines around them. */
function codeText(lines: readonly string[]): string {
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return '';
  let last = lines.length - 1;
  while (!lines[last]!.trim()) last--;
  return lines.slice(first, last + 1).join('\n');
}
