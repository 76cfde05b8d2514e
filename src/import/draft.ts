/**
 * What every importer produces before it is written: an article's metadata and
 * its sections of paragraphs and bullets, each passage the source's own words.
 */
export interface DraftBlock {
  readonly kind: 'paragraph' | 'bullet' | 'code';
  /**
   * One line: the words as the source has them, whitespace runs made single
   * spaces. A code block keeps its lines and indentation.
   */
  readonly text: string;
}

export interface DraftSection {
  /** Empty for text before the first heading (the loader calls that section "Introduction"). */
  readonly heading: string;
  readonly blocks: readonly DraftBlock[];
}

export interface Draft {
  readonly title: string;
  readonly publisher?: string | undefined;
  readonly url?: string | undefined;
  readonly author?: string | undefined;
  /** ISO date, `2024-05-01` (or `2024-05`, `2024`). */
  readonly published?: string | undefined;
  readonly sections: readonly DraftSection[];
}

/** The loader refuses a longer title. */
export const TITLE_MAX = 300;

/** Whitespace runs (newlines, tabs, no-break spaces) as single spaces, trimmed. */
export const oneLine = (text: string): string => text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

/** A title the loader accepts: one line, at most TITLE_MAX characters, cut at a word. */
export function fitTitle(title: string): string {
  const line = oneLine(title);
  if (line.length <= TITLE_MAX) return line;
  const cut = line.slice(0, TITLE_MAX - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), TITLE_MAX / 2)).trimEnd()}…`;
}

/** A date the loader accepts, from an ISO timestamp or date (`2024-05-01T09:00:00Z` → `2024-05-01`). */
export function isoDate(value: string | null | undefined): string | undefined {
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:[T ]|$)/.exec(value ?? '');
  return m?.[1];
}

/**
 * Each passage on one line (code keeps its lines), what the writer may rely on.
 * A heading with no text of its own stays when a section follows it (a
 * chapter whose text is all in its sections); text before the first heading
 * and a last heading must hold text.
 */
export function tidy(draft: Draft): Draft {
  const tidied = draft.sections.map((s) => ({
    heading: oneLine(s.heading),
    blocks: s.blocks
      .map((b) => ({ kind: b.kind, text: b.kind === 'code' ? codeLines(b.text) : oneLine(b.text) }))
      .filter((b) => b.text.length > 0),
  }));
  const sections = tidied.filter(
    (s, i) => s.blocks.length > 0 || (s.heading !== '' && tidied.slice(i + 1).some((t) => t.blocks.length > 0)),
  );
  return { ...draft, title: fitTitle(draft.title), sections };
}

/** How many passages a draft has. */
export const passageCount = (draft: Draft): number => draft.sections.reduce((n, s) => n + s.blocks.length, 0);

/** A code block's lines: tabs and line ends as written, trailing spaces and the blank lines around it dropped. */
export function codeLines(code: string): string {
  const lines = code
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+$/, ''));
  while (lines.length && !lines[0]) lines.shift();
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  return lines.join('\n');
}
