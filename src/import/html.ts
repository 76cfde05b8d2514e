import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { err, ok, type Result } from '../result.ts';
import type { Draft, DraftBlock } from './draft.ts';
import { codeLines, isoDate, oneLine } from './draft.ts';
import {
  headingText,
  isNavigation,
  mostlyLinks,
  pageTitle,
  removePermalinks,
  removeTablesOfContents,
  takeBylines,
} from './html-furniture.ts';
import type { DomDocument, DomElement } from './dom.ts';

/** Where the page came from: its address, when it was fetched. */
export interface HtmlSource {
  /** The page's address: relative canonical links resolve against it, and it is the `url` without one. */
  readonly url?: string | undefined;
  /**
   * Find the article's main content among the page's boilerplate (default
   * true). Off for documents that are all content, such as converted Word files.
   */
  readonly readability?: boolean;
}

// Never part of an article: removed before Readability looks, so a short article
// cannot pull a cookie banner or a menu back in when Readability retries.
const BOILERPLATE = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'nav',
  'footer',
  'aside',
  'form',
  'dialog',
  'button',
  '[role="navigation"]',
  '[role="contentinfo"]',
  '[role="complementary"]',
  '[role="dialog"]',
  '[role="alertdialog"]',
  '[role="banner"]',
  '[hidden]',
  '[aria-hidden="true"]',
  '[aria-modal="true"]',
].join(',');

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'dialog',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'td',
  'th',
  'ul',
  'caption',
]);

/**
 * Reads a web page's article: the main content only (Readability, on a
 * linkedom DOM), the page's own title (`og:title`, its one `h1`, or `<title>`
 * without the site's name), `h1`–`h6` as sections, `p`, `li`, `blockquote`,
 * a table row and a definition-list entry as passages, `<pre>` as code;
 * publisher, author, date and canonical address from the page's meta tags
 * and its byline. Tables of contents, navigation lists and permalink signs are
 * left out. A page that is mostly links and menus is refused.
 */
export function parseHtml(html: string, source: HtmlSource = {}): Result<Draft, string> {
  // linkedom's types need the DOM's, which this project does not compile with.
  const document = (parseHTML(lowercaseAttributeNames(html)) as { document: unknown }).document as DomDocument;
  const meta = (key: string) =>
    document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content')?.trim() || undefined;
  const canonical = absolute(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), source.url);

  for (const el of document.querySelectorAll(BOILERPLATE)) el.remove();
  for (const br of document.querySelectorAll('br')) br.replaceWith(document.createTextNode(' '));
  removePermalinks(document);
  removeTablesOfContents(document);
  const byline = takeBylines(document);
  const title = pageTitle(document, meta('og:title') ?? meta('twitter:title'));

  let root: DomElement = document.body ?? document.documentDomElement;
  let found: { byline?: string | null | undefined; siteName?: string | null | undefined; publishedTime?: string | null | undefined } = {};
  if (source.readability !== false) {
    const parsed = new Readability<DomElement>(document, { serializer: (n) => n as never }).parse();
    if (parsed?.content) {
      root = parsed.content;
      found = parsed;
    }
  }
  // A Word file is all content, however many links it holds; a web page of links is menus.
  if (source.readability !== false && mostlyLinks(root)) return err('no article found: the page is mostly links and menus');

  const author = [meta('author'), meta('article:author'), byline, found.byline ?? undefined].find((a) => a && !/^https?:/.test(a));
  const sections: { heading: string; blocks: DraftBlock[] }[] = [{ heading: '', blocks: [] }];
  let titleSeen = false;
  // A Word file has no menus: its lists of links are its content.
  for (const b of collectBlocks(root, source.readability !== false)) {
    if (b.kind === 'heading') {
      // The headline is the title, not a section; so is Readability's copy of it.
      if (!titleSeen && b.text === title) titleSeen = true;
      else if (!CONTENTS_HEADING.test(b.text)) sections.push({ heading: b.text, blocks: [] });
    } else sections[sections.length - 1]!.blocks.push({ kind: b.kind, text: b.text });
  }
  return ok({
    title,
    publisher: meta('og:site_name') ?? found.siteName ?? undefined,
    url: canonical ?? (source.url && /^https?:/.test(source.url) ? source.url : undefined),
    author: author ? oneLine(author) : undefined,
    published: isoDate(meta('article:published_time') ?? found.publishedTime),
    sections,
  });
}

// A heading that names a table of contents: the list under it is left out, and so is the heading.
const CONTENTS_HEADING = /^(?:table of )?contents$/i;

type Block = { kind: 'heading'; level: number; text: string } | { kind: DraftBlock['kind']; text: string };

/** The content's headings, paragraphs, list items, rows, definitions and code in reading order; tables of contents and menus left out when `dropNavigation`. */
function collectBlocks(root: DomElement, dropNavigation: boolean): Block[] {
  const out: Block[] = [];
  const push = (kind: Block['kind'], raw: string, level = 0) => {
    if (kind === 'code') {
      if (raw.trim()) out.push({ kind, text: codeLines(raw) });
      return;
    }
    const text = kind === 'heading' ? headingText(raw) : oneLine(raw);
    if (!/[\p{L}\p{N}]/u.test(text)) return;
    out.push(kind === 'heading' ? { kind, level, text } : { kind, text });
  };
  const walk = (el: DomElement, inList: boolean) => {
    let inline = '';
    const flush = () => {
      push(inList ? 'bullet' : 'paragraph', inline);
      inline = '';
    };
    for (const node of el.childNodes) {
      if (node.nodeType === 3) {
        inline += node.textContent ?? '';
        continue;
      }
      if (node.nodeType !== 1) continue;
      const child = node as DomElement;
      const tag = child.tagName.toLowerCase();
      if (!BLOCK.has(tag)) {
        inline += child.textContent ?? '';
        continue;
      }
      flush();
      if (/^h[1-6]$/.test(tag)) push('heading', child.textContent ?? '', Number(tag[1]));
      else if (tag === 'pre') push('code', child.textContent ?? '');
      else if (dropNavigation && isNavigation(child)) continue;
      else if (tag === 'li') walkItem(child);
      else if (tag === 'dl') walkDefinitions(child);
      else if (tag === 'tr') push('paragraph', rowText(child));
      else if (tag !== 'hr') walk(child, false);
    }
    flush();
  };
  // A list item is one bullet (its own words); lists and code inside it follow as blocks of their own.
  const walkItem = (li: DomElement) => {
    const [own, ...rest] = partsOf(li);
    push('bullet', own);
    walkParts(rest);
  };
  // What follows a list item's or definition's first words: blocks, and words after them as paragraphs.
  const walkParts = (parts: readonly (string | DomElement)[]) => {
    for (const part of parts)
      if (typeof part === 'string') push('paragraph', part);
      else walkNested(part);
  };
  // A term with its definition is one passage (`term: definition`); code, tables and lists inside follow it.
  const walkDefinitions = (dl: DomElement) => {
    let term = '';
    for (const child of dl.children) {
      const tag = child.tagName.toLowerCase();
      if (tag === 'dt') {
        if (term) push('paragraph', term);
        term = oneLine(child.textContent ?? '');
      } else if (tag === 'dd') {
        const [own, ...rest] = partsOf(child);
        const said = oneLine(own);
        push('paragraph', term && said ? `${term}${/[:.]$/.test(term) ? '' : ':'} ${said}` : term || said);
        term = '';
        walkParts(rest);
      } else walk(child, false);
    }
    if (term) push('paragraph', term);
  };
  const walkNested = (block: DomElement) => {
    const tag = block.tagName.toLowerCase();
    if (tag === 'pre') push('code', block.textContent ?? '');
    else if (tag === 'dl') walkDefinitions(block);
    else walk(block, tag === 'ul' || tag === 'ol');
  };
  walk(root, false);
  return out;
}

/**
 * A list item's or definition's contents in order: runs of its own words, and
 * the code, tables, lists and definition lists inside it, which are blocks of
 * their own.
 */
function partsOf(el: DomElement): [string, ...(string | DomElement)[]] {
  const blocks: DomElement[] = [];
  const words: string[] = [''];
  const visit = (node: DomElement) => {
    for (const child of node.childNodes) {
      const tag = child.nodeType === 1 ? (child as DomElement).tagName.toLowerCase() : '';
      if (NESTED_BLOCK.has(tag)) {
        blocks.push(child as DomElement);
        words.push('');
      } else if (tag === 'p' || tag === 'div') {
        visit(child as DomElement);
        words[words.length - 1] += ' ';
      } else words[words.length - 1] += child.textContent ?? '';
    }
  };
  visit(el);
  // Words, then each block and the words after it.
  return [words[0]!, ...blocks.flatMap((b, i) => [b, words[i + 1]!])];
}
const NESTED_BLOCK = new Set(['pre', 'table', 'dl', 'ul', 'ol']);

const rowText = (tr: DomElement) =>
  [...tr.children]
    .map((c) => oneLine(c.textContent ?? ''))
    .filter(Boolean)
    .join(' | ');

/**
 * `<DIV CLASS="TOC">` as `<DIV class="TOC">`: HTML's attribute names are
 * case-insensitive, linkedom's are not (DocBook's HTML writes them in capitals).
 */
export function lowercaseAttributeNames(html: string): string {
  return html.replace(/<([a-zA-Z][\w-]*)(\s[^<>]*)>/g, (_, tag: string, attributes: string) => {
    const named = attributes.replace(
      /([^\s"'<>/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?/g,
      (_m, name: string, value = '') => `${name.toLowerCase()}${value}`,
    );
    return `<${tag}${named}>`;
  });
}

function absolute(href: string | null | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
