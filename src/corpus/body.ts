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

/**
 * Reads the body: `##` headings open sections; blank lines separate paragraphs;
 * `-`, `*`, `+` or `1.` lines are bullets (indented lines continue them).
 * Every paragraph and bullet becomes a passage numbered within its section.
 */
export function parseBody(
  articleId: string,
  lines: readonly { line: number; text: string }[],
): Result<Section[], Located> {
  const sections: { heading: string; slug: string; line: number; blocks: Block[] }[] = [];
  const slugs = new Map<string, number>();
  let current: Block | undefined;
  let inComment = false;
  // The marker that opened the code block being read (```` ``` ```` or `~~~`); only the same closes it.
  let fence: string | undefined;

  const openSection = (heading: string, line: number) => {
    const base = slugify(heading) || 'section';
    // Two sections with one name still get distinct, stable ids: the second is `-2`.
    let slug = base;
    for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
    slugs.set(slug, line);
    sections.push({ heading, slug, line, blocks: [] });
  };
  const section = (line: number) => {
    if (sections.length === 0) openSection(LEAD_SECTION, line);
    return sections[sections.length - 1]!;
  };

  for (const { line, text } of lines) {
    if (inComment) {
      if (text.includes('-->')) inComment = false;
      continue;
    }
    if (!fence && text.includes('<!--') && /^\s*<!--/.test(text)) {
      if (!text.includes('-->')) inComment = true;
      continue;
    }
    const marker = (text.includes('```') || text.includes('~~~')) && FENCE.exec(text)?.[1];
    if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length && !text.trim().slice(marker.length)))) {
      fence = fence ? undefined : marker;
      current = fence ? { kind: 'code', line: line + 1, parts: [] } : undefined;
      if (current) section(line).blocks.push(current);
      continue;
    }
    if (fence && current) {
      // Code is one passage per block, its lines as written: never split into sentences or run together.
      current.parts.push(text.trimEnd());
      continue;
    }
    const heading = text.startsWith('#') ? HEADING.exec(text) : null;
    if (heading) {
      const title = (heading[2] ?? '').trim();
      if (!title) return err({ line, message: 'body: heading has no text' });
      openSection(title, line);
      current = undefined;
      continue;
    }
    const trimmed = text.trim();
    if (!trimmed || (/^[-*_]/.test(trimmed) && RULE.test(text))) {
      current = undefined;
      continue;
    }
    const bullet = BULLET.exec(text);
    if (bullet) {
      current = { kind: 'bullet', line, parts: [bullet[1]!.trim()] };
      section(line).blocks.push(current);
      continue;
    }
    if (current && (current.kind === 'paragraph' || /^\s/.test(text))) {
      current.parts.push(text.trim());
      continue;
    }
    current = { kind: 'paragraph', line, parts: [text.trim()] };
    section(line).blocks.push(current);
  }

  const result: Section[] = sections.map((s) => ({
    heading: s.heading,
    slug: s.slug,
    line: s.line,
    passages: s.blocks
      .map((b) => ({ ...b, text: b.kind === 'code' ? codeText(b.parts) : b.parts.join(' ').trim() }))
      .filter((b) => b.text.length > 0)
      .map((b, i): Passage => ({
        id: `${articleId}#${s.slug}-${i + 1}`,
        articleId,
        section: s.heading,
        sectionSlug: s.slug,
        kind: b.kind,
        text: b.text,
        spans: b.kind === 'code' ? '' : spansOf(b.text, splitSentences(b.text)),
        line: b.line,
      })),
  }));
  if (!result.some((s) => s.passages.length > 0)) {
    return err({ line: lines[0]?.line ?? 1, message: 'body: no text (add "## Section" headings with paragraphs or - bullets)' });
  }
  return ok(result);
}

/** A code block's lines as written, without the blank lines around them. */
function codeText(lines: readonly string[]): string {
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return '';
  let last = lines.length - 1;
  while (!lines[last]!.trim()) last--;
  return lines.slice(first, last + 1).join('\n');
}
