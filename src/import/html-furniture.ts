// What a web page carries besides its article: permalink signs, bylines,
// tables of contents and menus. Recognised here, so html.ts reads only the text.
import { oneLine } from './draft.ts';
import type { DomDocument, DomElement } from './dom.ts';

// Permalink anchors as Sphinx (`¶`), MkDocs, GitHub and common themes write them.
const PERMALINK = 'a.headerlink, a.anchor, a.header-anchor, a.heading-anchor, a.anchor-link, a.anchorjs-link, a.permalink';
// What a heading's own anchor link shows: nothing, or a sign.
const ANCHOR_SIGN = /^[¶#§🔗]?$/u;

/** Removes permalink anchors: the themes' own classes, and any in-page link in a heading that shows only a sign. */
export function removePermalinks(document: DomDocument): void {
  for (const a of document.querySelectorAll(PERMALINK)) a.remove();
  for (const a of document.querySelectorAll(
    'h1 a[href^="#"], h2 a[href^="#"], h3 a[href^="#"], h4 a[href^="#"], h5 a[href^="#"], h6 a[href^="#"]',
  ))
    if (ANCHOR_SIGN.test((a.textContent ?? '').trim())) a.remove();
}

/**
 * A heading's words, without a permalink sign left at either end (`1. Copyright¶`, `# Install`) or an icon
 * font's glyph (private-use characters, as MkDocs' theme draws its link sign); `C#` keeps its `#`.
 */
export const headingText = (raw: string): string =>
  oneLine(raw.replace(/[\ue000-\uf8ff]/gu, ''))
    .replace(/(?:\s*[¶§🔗]|\s+#)+$/u, '')
    .replace(/^[#§]\s+/u, '')
    .trim();

// Where pages name their authors: DocBook's `.author`, bylines, schema.org's author, a rel=author link.
const BYLINE = '.author, .AUTHOR, .byline, .authors, [itemprop="author"], a[rel="author"]';
const AUTHOR_FIELD = /^authors?\s*:?$/i;

/**
 * Takes the page's bylines out of its text and gives their names, joined by
 * commas: DocBook's author headings, `.byline`, schema.org's author, and a
 * Sphinx field list's `Author:` entry. Undefined when the page names none.
 */
export function takeBylines(document: DomDocument): string | undefined {
  const names: string[] = [];
  const add = (text: string | null) => {
    const name = oneLine(text ?? '').replace(/^by\s+/i, '');
    if (name && name.length <= 120 && !names.includes(name)) names.push(name);
  };
  for (const el of [...document.querySelectorAll(BYLINE)]) {
    add(el.textContent);
    el.remove();
  }
  for (const dl of [...document.querySelectorAll('dl.field-list, dl.docinfo')]) {
    const items = [...dl.children];
    for (let i = 0; i < items.length - 1; i++) {
      if (items[i]!.tagName.toLowerCase() !== 'dt' || !AUTHOR_FIELD.test(oneLine(items[i]!.textContent ?? ''))) continue;
      add(items[i + 1]!.textContent);
      items[i]!.remove();
      items[i + 1]!.remove();
    }
    if ([...dl.children].length === 0) dl.remove();
  }
  return names.length ? names.join(', ') : undefined;
}

/**
 * The page's own title: `og:title` when it has one; else the `<title>`
 * without the site's name when a main heading says the same, else the page's
 * one `h1`, else the `<title>` without the site's name (a page whose `h1`s
 * are its sections, as Sphinx writes a document).
 */
export function pageTitle(document: DomDocument, metaTitle: string | undefined): string {
  if (metaTitle) return oneLine(metaTitle);
  const h1s = [...document.querySelectorAll('h1')].map((h) => headingText(h.textContent ?? '')).filter(Boolean);
  const tag = withoutSiteName(oneLine(document.querySelector('title')?.textContent ?? ''));
  if (tag && h1s.includes(tag)) return tag;
  if (h1s.length === 1) return h1s[0]!;
  return tag || h1s[0] || '';
}

/** `Getting Started - MkDocs` → `Getting Started`; `Debian Python Policy 0.12.0.0 documentation` → `Debian Python Policy`. */
export function withoutSiteName(title: string): string {
  const first = title.split(/\s+[|—–·•»]\s+|\s+-\s+/)[0]!.trim();
  return first.replace(/\s+v?\d+(?:\.\d+)*\s+documentation$/i, '').trim();
}

const letters = (text: string | null) => (text ?? '').replace(/[^\p{L}\p{N}]/gu, '').length;
const linkedLetters = (el: DomElement) => [...el.querySelectorAll('a')].reduce((n, a) => n + letters(a.textContent), 0);
// A class that names a table of contents (DocBook's `TOC`, Sphinx's local `contents`), not Sphinx's `toctree-wrapper`,
// which on a one-page document holds the chapters themselves.
const TOC_CLASS = /(?:^|\s)(?:toc|table-of-contents|contents)(?:\s|$)/i;

/** Removes the blocks whose class names a table of contents (before Readability, which drops classes). */
export function removeTablesOfContents(document: DomDocument): void {
  for (const el of [...document.querySelectorAll('[class]')]) if (TOC_CLASS.test(el.getAttribute('class') ?? '')) el.remove();
}

/** A menu or an unnamed table of contents: a list (`ul`, `ol`, `dl`) of two or more items that are each nearly all link. */
export function isNavigation(el: DomElement): boolean {
  const tag = el.tagName.toLowerCase();
  if (tag !== 'ul' && tag !== 'ol' && tag !== 'dl') return false;
  const items = [...el.children].filter((c) => letters(c.textContent) > 0);
  return items.length >= 2 && items.every((item) => linkedLetters(item) >= 0.8 * letters(item.textContent));
}

/** True when most of the text is in links: a page of menus, not an article. */
export function mostlyLinks(root: DomElement): boolean {
  const linked = linkedLetters(root);
  return linked > 0 && linked > 0.5 * letters(root.textContent);
}
