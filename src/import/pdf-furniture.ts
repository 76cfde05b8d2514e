// What a PDF's pages carry besides the document's text: page numbers, running
// heads, tables of contents, indexes, the title page's byline. Recognised from
// the lines' text, size and place, so pdf.ts assembles only the body.
import type { PdfLine } from './pdf.ts';

// A table-of-contents or index entry: dot leaders, then a page number (arabic or roman).
const LEADERS = /(?:\s?\.){5,}\s*(?:\d{1,4}|[ivxlc]{1,6})$/i;
// A page number alone: `7`, `Page 7`, `7 / 20`, `vii`.
const PAGE_NUMBER = /^(?:page\s+)?(?:\d{1,4}(?:\s*(?:\/|of)\s*\d{1,4})?|[ivxlc]{1,6})$/i;
// A heading that opens a table of contents or an index, or an index's letter (`A`, `F`).
const CONTENTS = /^(?:(?:short |table of )?contents|list of (?:figures|tables))$/i;
const INDEX = /^(?:.{0,60}\s)?index$/i;
const INDEX_LETTER = /^\p{L}$/u;

/** True for a heading that is furniture: a table of contents', an index's or an index letter. */
export const isFurnitureHeading = (text: string): boolean => CONTENTS.test(text) || INDEX.test(text) || INDEX_LETTER.test(text);

/**
 * The lines without page furniture: page numbers; running heads and feet (the
 * first or last line of a page whose words, page number aside, open or close
 * another page too, or that repeat on most pages); table-of-contents pages and
 * entries (dot leaders to a page number); and the index, from the page its
 * heading is on to the end. `titleSize`: lines this large on page 1 are the
 * title, never a running head.
 */
export function withoutFurniture(lines: readonly PdfLine[], titleSize: number): PdfLine[] {
  const byPage = new Map<number, PdfLine[]>();
  for (const l of lines) byPage.set(l.page, [...(byPage.get(l.page) ?? []), l]);
  const pages = byPage.size;
  const edgeKey = (l: PdfLine) => l.text.replace(/^(?:\d{1,4}|[ivxlc]{1,6})\s+|\s+(?:\d{1,4}|[ivxlc]{1,6})$/gi, '').trim();
  const edges = new Map<string, Set<number>>();
  const seen = new Map<string, Set<number>>();
  for (const [page, ls] of byPage) {
    for (const l of [ls[0]!, ls[ls.length - 1]!]) edges.set(edgeKey(l), (edges.get(edgeKey(l)) ?? new Set()).add(page));
    for (const l of ls) seen.set(l.text, (seen.get(l.text) ?? new Set()).add(page));
  }
  const isEdge = (l: PdfLine) => {
    const ls = byPage.get(l.page)!;
    return l === ls[0] || l === ls[ls.length - 1];
  };
  const tocPages = new Set(
    [...byPage].filter(([, ls]) => ls.filter((l) => LEADERS.test(l.text)).length >= Math.max(3, ls.length * 0.4)).map(([p]) => p),
  );
  const indexFrom = lines.find(
    (l) => l.page > 1 && INDEX.test(l.text) && l.text.length <= 80 && byPage.get(l.page)!.some((o) => LEADERS.test(o.text)),
  )?.page;

  return lines.filter((l) => {
    if (l.page === 1 && l.size >= titleSize) return true;
    if (PAGE_NUMBER.test(l.text) || LEADERS.test(l.text) || tocPages.has(l.page)) return false;
    if (indexFrom !== undefined && l.page >= indexFrom) return false;
    if (isEdge(l) && edgeKey(l) && edges.get(edgeKey(l))!.size >= 2) return false;
    return !(pages >= 3 && seen.get(l.text)!.size > pages / 2);
  });
}

// A person's name as a title page sets it: two to four capitalised words (`Xavier Leroy`, `Simon Josefsson`).
const NAME = /^\p{Lu}[\p{Ll}'’-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{Ll}'’-]+|de|van|von|der|da|la)){1,3}$/u;

/** A title-page line's person, its address in brackets left aside (`Nikos M. (help@gnu.org)` → `Nikos M.`); else undefined. */
export function personOf(text: string): string | undefined {
  const name = text.replace(/\s*[(<][^()<>]*[)>]\s*$/, '').trim();
  return NAME.test(name) ? name : undefined;
}

/** A line that gives the document's version, not part of its title (`Version 1.04`). */
export const isVersionLine = (text: string): boolean => /^(?:version|release|revision|v)\s*\d[\w.-]*$/i.test(text);

/** A metadata title that is the document's own: not a file name, an editor's placeholder, or empty. */
export function isRealTitle(title: string | undefined): title is string {
  if (!title || !/\p{L}{2}/u.test(title)) return false;
  return !/\.(?:pdf|dvi|tex|docx?|odt|rtf|txt|indd|qxd)$|^(?:untitled|title|document\d*|microsoft word\b.*|slide \d+)$/i.test(title.trim());
}

/**
 * Words the PDF joined with a drawn rule: TeX sets `\_` outside typewriter
 * type as a line, not a character, so `asn1_parser2tree` in a heading reads
 * `asn1 parser2tree`. Where the document writes the same words with
 * underscores elsewhere, the underscores are put back: always for a name with
 * a digit or of three parts or more; for a name of two plain words
 * (`error_desc`) only where a colon or a bracket follows at once, as a
 * parameter's label or a call (`error desc:`, `read value(`).
 */
export function underscoreRestorer(lines: readonly PdfLine[]): (text: string) => string {
  const names = new Map<string, string>();
  const labels = new Map<string, string>();
  for (const l of lines)
    for (const token of l.text.match(/[\p{L}\p{N}]+(?:_[\p{L}\p{N}]+)+/gu) ?? []) {
      const parts = token.split('_');
      (parts.length >= 3 || parts.some((p) => /\d/.test(p)) ? names : labels).set(parts.join(' '), token);
    }
  const restore = (spaced: Map<string, string>, after: string) => {
    if (spaced.size === 0) return (text: string) => text;
    const keys = [...spaced.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${keys.join('|')})${after}`, 'gu');
    return (text: string) => text.replace(pattern, (m) => spaced.get(m) ?? m);
  };
  const [named, labelled] = [restore(names, '(?![\\p{L}\\p{N}_])'), restore(labels, '(?=[:(])')];
  return (text) => labelled(named(text));
}

/**
 * Why a text layer cannot be read as words, or undefined when it can:
 * characters the fonts do not map to letters (`�`, private-use codes,
 * control codes), words run together without spaces, or UTF-8 read as Latin-1.
 */
export function textLayerProblem(lines: readonly PdfLine[]): string | undefined {
  const text = lines.map((l) => l.text).join('\n');
  const chars = text.replace(/\s/g, '').length;
  if (chars < 200) return undefined;
  const unmapped = [...text].filter(
    (c) => c === '\ufffd' || (c >= '\ue000' && c <= '\uf8ff') || (c < ' ' && c !== '\n' && c !== '\t'),
  ).length;
  if (unmapped > chars * 0.05) return 'its characters do not map to letters';
  const words = text.split(/\s+/).filter(Boolean);
  const long = words.filter((w) => w.length > 25).reduce((n, w) => n + w.length, 0);
  if (long > chars * 0.3) return 'its words run together without spaces';
  const mojibake = (text.match(/Ã[\u0080-\u00bf]|â€|Â[\u00a0-\u00bf]/g) ?? []).length;
  if (mojibake > words.length * 0.02) return 'its characters are garbled (mojibake)';
  return undefined;
}
