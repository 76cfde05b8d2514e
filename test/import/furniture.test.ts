import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus/article.ts';
import { headingText, withoutSiteName } from '../../src/import/html-furniture.ts';
import { lowercaseAttributeNames, parseHtml } from '../../src/import/html.ts';
import { toMarkdown } from '../../src/import/markdown.ts';
import { isRealTitle, personOf, textLayerProblem, underscoreRestorer, withoutFurniture } from '../../src/import/pdf-furniture.ts';
import type { PdfLine } from '../../src/import/pdf.ts';

const page = (body: string, head = '') => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
// Read as a web page (Readability on), or as a Word file's HTML is read.
const draft = (html: string, readability = true) => {
  const parsed = parseHtml(html, { readability });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};
const texts = (html: string, readability = true) =>
  draft(html, readability).sections.flatMap((s) => s.blocks.map((b) => `${b.kind}: ${b.text}`));

describe('headingText', () => {
  it('strips the permalink signs Sphinx and MkDocs leave at a heading end, and keeps C#', () => {
    expect(headingText('1. Copyright¶')).toBe('1. Copyright');
    expect(headingText('Install #')).toBe('Install');
    expect(headingText('# Install')).toBe('Install');
    expect(headingText('Learning C#')).toBe('Learning C#');
    expect(headingText('Installation\uf0c1')).toBe('Installation');
  });
});

describe('withoutSiteName', () => {
  it("removes the site's name and Sphinx's version suffix from a page's <title>", () => {
    expect(withoutSiteName('Getting Started - MkDocs')).toBe('Getting Started');
    expect(withoutSiteName('What’s New In Python 3.1 — Python 3.11.2 documentation')).toBe('What’s New In Python 3.1');
    expect(withoutSiteName('Debian Python Policy 0.12.0.0 documentation')).toBe('Debian Python Policy');
  });
});

describe('lowercaseAttributeNames', () => {
  it("lowercases DocBook's capital attribute names and leaves their values and the text alone", () => {
    expect(lowercaseAttributeNames('<DIV CLASS="TOC" TITLE="A B">Text AND</DIV>')).toBe('<DIV class="TOC" title="A B">Text AND</DIV>');
  });
});

describe('parseHtml, on the furniture of documentation pages', () => {
  it('takes a heading’s permalink anchor out of the section name', () => {
    const d = draft(
      page(
        '<h1>Guide</h1><h2>Setup<a class="headerlink" href="#setup">¶</a></h2><p>Run it.</p><h2 id="x">Use <a href="#x">#</a></h2><p>Use it.</p>',
      ),
    );
    expect(d.sections.map((s) => s.heading)).toEqual(['', 'Setup', 'Use']);
  });

  it('gives a DocBook book’s author headings to author, not to sections', () => {
    const d = draft(
      page('<h1 class="title">Users</h1><h3 class="author">Joey Hess</h3><h3 class="author">Colin Watson</h3><h1>Intro</h1><p>Text.</p>'),
    );
    expect(d.author).toBe('Joey Hess, Colin Watson');
    expect(d.sections.map((s) => s.heading)).toEqual(['', 'Intro']);
  });

  it('takes a Sphinx field list’s Author to author', () => {
    const d = draft(
      page('<h1>News</h1><dl class="field-list"><dt>Author<span>:</span></dt><dd><p>Raymond Hettinger</p></dd></dl><p>Text.</p>'),
    );
    expect(d.author).toBe('Raymond Hettinger');
    expect(texts(page('<h1>News</h1><dl class="field-list"><dt>Author:</dt><dd>R. H.</dd></dl><p>Text.</p>'))).toEqual([
      'paragraph: Text.',
    ]);
  });

  it('titles a page whose h1s are its sections by its <title>, without the site name', () => {
    const d = draft(
      page(
        '<h1>Abstract</h1><p>A.</p><h1>Contents</h1><h2>1. Scope</h2><p>B.</p>',
        '<title>Debian Python Policy 0.12.0.0 documentation</title>',
      ),
    );
    expect(d.title).toBe('Debian Python Policy');
    expect(d.sections.map((s) => s.heading)).toEqual(['', 'Abstract', '1. Scope']);
  });

  it('leaves out a table of contents and a list of links, and keeps a list of words', () => {
    const html = page(
      '<h1>T</h1><div class="toc"><b>Table of Contents</b><dl><dt>1. <a href="#a">Intro</a></dt></dl></div><p>The body of the page, in words of its own that outnumber the words of its links by far.</p>' +
        '<ul><li><a href="genindex.html">Index</a></li><li><a href="search.html">Search Page</a></li></ul><ul><li>One <a href="#">link</a> in words.</li><li>Two.</li></ul>',
    );
    expect(texts(html)).toEqual([
      'paragraph: The body of the page, in words of its own that outnumber the words of its links by far.',
      'bullet: One link in words.',
      'bullet: Two.',
    ]);
  });

  it('makes each term and its definition one passage, and code inside it a code passage after it', () => {
    const html = page(
      '<h1>T</h1><dl><dt>root</dt><dd><p>Root is the superuser.</p></dd><dt>bin</dt><dd>Legacy.<pre>ls -l /bin</pre>More.</dd></dl>',
    );
    expect(texts(html)).toEqual([
      'paragraph: root: Root is the superuser.',
      'paragraph: bin: Legacy.',
      'code: ls -l /bin',
      'paragraph: More.',
    ]);
  });

  it('keeps a <pre> block as one code passage with its lines and indentation', () => {
    expect(texts(page('<h1>T</h1><pre>int main() {\n    return 0;\n}\n</pre>'))).toEqual(['code: int main() {\n    return 0;\n}']);
  });
});

describe('toMarkdown with code', () => {
  it('fences code, with a longer fence when the code holds one, and the loader reads back the same code', () => {
    const code = 'echo "```"\n```\n  indented';
    const md = toMarkdown({ title: 'T', sections: [{ heading: 'S', blocks: [{ kind: 'code', text: code }] }] });
    expect(md).toContain('````\necho');
    const read = parseArticle('t.md', new TextEncoder().encode(md));
    if (!read.ok) throw new Error(read.error);
    expect(read.value.sections[0]!.passages.map((p) => [p.kind, p.text])).toEqual([['code', code]]);
  });
});

const line = (text: string, page: number, y: number, size = 10, x = 72): PdfLine => ({ text, page, y, size, x });

describe('withoutFurniture', () => {
  it('drops running heads with their page numbers, page numbers, contents entries and the index pages', () => {
    const lines = [
      line('A Manual', 1, 700, 20),
      line('Table of Contents', 2, 700, 14),
      ...['1 Introduction', '2 Usage', '3 Options'].map((t, i) => line(`${t} . . . . . . . . ${i + 1}`, 2, 680 - i * 12)),
      line('Chapter 1: Introduction 1', 3, 750),
      line('The text of the manual.', 3, 700),
      line('Chapter 1: Introduction 2', 4, 750),
      line('More text of the manual.', 4, 700),
      line('iv', 4, 40),
      line('Function Index', 5, 700, 14),
      line('asn1_perror . . . . . . . . . 3', 5, 680),
      line('asn1_strerror', 5, 660),
    ];
    expect(withoutFurniture(lines, 20).map((l) => l.text)).toEqual(['A Manual', 'The text of the manual.', 'More text of the manual.']);
  });
});

describe('the title page', () => {
  it('reads a name as a person, its address aside, and an affiliation or a date as none', () => {
    expect(personOf('Nikos Mavrogiannopoulos (help-libtasn1@gnu.org)')).toBe('Nikos Mavrogiannopoulos');
    expect(personOf('Xavier Leroy')).toBe('Xavier Leroy');
    expect(personOf('INRIA Rocquencourt')).toBeUndefined();
    expect(personOf('X Desktop Group (http://www.freedesktop.org)')).toBeUndefined();
    expect(personOf('May 1, 2002')).toBeUndefined();
  });

  it('takes a metadata title only when it is a real one', () => {
    expect(isRealTitle('Shared MIME-info Database')).toBe(true);
    expect(isRealTitle('report-final.pdf')).toBe(false);
    expect(isRealTitle('Microsoft Word - draft3')).toBe(false);
    expect(isRealTitle('untitled')).toBe(false);
  });
});

describe('underscoreRestorer', () => {
  it('puts back the underscores TeX drew as rules where the document writes the name with them elsewhere', () => {
    const restore = underscoreRestorer([
      line('int asn1_parser2tree (asn1_node * definitions)', 1, 700),
      line('see asn1_read_value_type', 1, 680),
    ]);
    expect(restore('asn1 parser2tree')).toBe('asn1_parser2tree');
    expect(restore('asn1 read value type and more')).toBe('asn1_read_value_type and more');
    expect(restore('read value')).toBe('read value');
  });

  it('puts back a two-word name only as a label or a call, never in prose', () => {
    const restore = underscoreRestorer([line('int f (char * error_desc)', 1, 700)]);
    expect(restore('error desc: return the error description')).toBe('error_desc: return the error description');
    expect(restore('an error desc is a description')).toBe('an error desc is a description');
  });
});

describe('textLayerProblem', () => {
  const many = (text: string) => Array.from({ length: 20 }, (_, i) => line(text, 1, 700 - i * 12));
  it('finds no problem in ordinary text', () => {
    expect(textLayerProblem(many('An ordinary line of text, as a manual has it, with words and spaces.'))).toBeUndefined();
  });
  it('names words run together, characters the fonts do not map, and mojibake', () => {
    expect(textLayerProblem(many('Anordinarylineoftextasamanualhasitwithwordsandnospaces'))).toBe('its words run together without spaces');
    expect(textLayerProblem(many('\ue001\ue002\ue003 \ue004\ue005 text \ufffd\ufffd'))).toBe('its characters do not map to letters');
    expect(textLayerProblem(many('The rÃ©sumÃ© â€” cafÃ© naÃ¯ve words here'))).toBe('its characters are garbled (mojibake)');
  });
});

describe('parseHtml, on a page of links', () => {
  const links = page(
    '<h1>Links</h1><ul><li><a href="/a">Alpha</a></li><li><a href="/b">Beta</a></li><li><a href="/c">Gamma</a></li></ul><p><a href="/d">Delta</a></p>',
  );
  it('says a web page that is mostly links has no article', () => {
    expect(parseHtml(links)).toEqual({ ok: false, error: 'no article found: the page is mostly links and menus' });
  });
  it('reads a Word file of links as content all the same, its list kept', () => {
    expect(texts(links, false)).toEqual(['bullet: Alpha', 'bullet: Beta', 'bullet: Gamma', 'paragraph: Delta']);
  });
});
