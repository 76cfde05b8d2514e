import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Draft, DraftBlock } from './draft.ts';
import { isoDate, oneLine } from './draft.ts';

// The little of the DOM this reads (the project compiles without the DOM's types).
interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
}
interface DomElement extends DomNode {
  readonly tagName: string;
  readonly childNodes: Iterable<DomNode>;
  readonly children: Iterable<DomElement>;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  getAttribute(name: string): string | null;
  remove(): void;
  replaceWith(node: DomNode): void;
}
interface DomDocument extends DomElement {
  readonly body: DomElement | null;
  readonly documentDomElement: DomElement;
  createTextNode(text: string): DomNode;
}

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
 * linkedom DOM), `h1`/`og:title` as the title, `h2`–`h6` as sections, `p`,
 * `li` and `blockquote` as passages; publisher, author, date and canonical
 * address from the page's meta tags.
 */
export function parseHtml(html: string, source: HtmlSource = {}): Draft {
  // linkedom's types need the DOM's, which this project does not compile with.
  const document = (parseHTML(html) as { document: unknown }).document as DomDocument;
  const meta = (key: string) =>
    document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content')?.trim() || undefined;
  const pageH1 = document.querySelector('h1');
  const metaTitle = meta('og:title') ?? meta('twitter:title');
  const canonical = absolute(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), source.url);

  for (const el of document.querySelectorAll(BOILERPLATE)) el.remove();
  for (const br of document.querySelectorAll('br')) br.replaceWith(document.createTextNode(' '));

  let root: DomElement = document.body ?? document.documentDomElement;
  let found: {
    title?: string | null | undefined;
    byline?: string | null | undefined;
    siteName?: string | null | undefined;
    publishedTime?: string | null | undefined;
  } = {};
  if (source.readability !== false) {
    const titleH1 = pageH1 ? oneLine(pageH1.textContent ?? '') : '';
    const parsed = new Readability<DomElement>(document, { serializer: (n) => n as never }).parse();
    if (parsed?.content) {
      root = parsed.content;
      found = parsed;
    }
    // Readability drops the headline from the content; the title below names it.
    if (titleH1) for (const h of root.querySelectorAll('h1')) if (oneLine(h.textContent ?? '') === titleH1) h.remove();
  }

  const blocks = collectBlocks(root);
  const firstH1 = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  const title =
    metaTitle ??
    (pageH1 ? oneLine(pageH1.textContent ?? '') : undefined) ??
    firstH1?.text ??
    found.title ??
    document.querySelector('title')?.textContent ??
    '';
  const author = [meta('author'), meta('article:author'), found.byline ?? undefined].find((a) => a && !/^https?:/.test(a));

  const sections: { heading: string; blocks: DraftBlock[] }[] = [{ heading: '', blocks: [] }];
  for (const b of blocks) {
    if (b.kind === 'heading') {
      // The headline of a document without meta tags is its title, not a section.
      if (b === firstH1 && oneLine(title) === b.text) continue;
      sections.push({ heading: b.text, blocks: [] });
    } else sections[sections.length - 1]!.blocks.push({ kind: b.kind, text: b.text });
  }
  return {
    title: oneLine(title),
    publisher: meta('og:site_name') ?? found.siteName ?? undefined,
    url: canonical ?? (source.url && /^https?:/.test(source.url) ? source.url : undefined),
    author: author ? oneLine(author) : undefined,
    published: isoDate(meta('article:published_time') ?? found.publishedTime),
    sections,
  };
}

type Block = { kind: 'heading'; level: number; text: string } | { kind: DraftBlock['kind']; text: string };

/** The content's headings, paragraphs and list items in reading order. */
function collectBlocks(root: DomElement): Block[] {
  const out: Block[] = [];
  const push = (kind: Block['kind'], raw: string, level = 0) => {
    const text = oneLine(raw);
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
      else if (tag === 'li') walkItem(child);
      else if (tag === 'tr')
        push(
          'paragraph',
          [...child.children]
            .map((c) => oneLine(c.textContent ?? ''))
            .filter(Boolean)
            .join(' | '),
        );
      else if (tag !== 'hr') walk(child, false);
    }
    flush();
  };
  // A list item is one bullet (its own words); lists inside it follow as bullets of their own.
  const walkItem = (li: DomElement) => {
    let own = '';
    const nested: DomElement[] = [];
    for (const node of li.childNodes) {
      const tag = node.nodeType === 1 ? (node as DomElement).tagName.toLowerCase() : '';
      if (tag === 'ul' || tag === 'ol') nested.push(node as DomElement);
      else own += ` ${node.textContent ?? ''}`;
    }
    push('bullet', own);
    for (const list of nested) walk(list, true);
  };
  walk(root, false);
  return out;
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
