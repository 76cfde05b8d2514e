import mammoth from 'mammoth';
import { err, type Result } from '../result.ts';
import type { Draft } from './draft.ts';
import { parseHtml } from './html.ts';

// Word's own Title style is the article's title; headings map to h1–h6 by mammoth's defaults.
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p:fresh"];
// Images carry no words to quote: leave them out rather than inline megabytes of base64.
const NO_IMAGES = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

/**
 * Reads a Word file (.docx) with mammoth, which turns its styles into HTML
 * (Heading 1 → h1, lists → li), then reads that HTML as a web page whose
 * every part is content: the first heading is the title.
 */
export async function parseDocx(bytes: Uint8Array): Promise<Result<Draft, string>> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { styleMap: STYLE_MAP, convertImage: NO_IMAGES })).value;
  } catch {
    return err('not a Word file (.docx) that can be read');
  }
  // mammoth gives the body's contents; the DOM wants a whole document.
  return parseHtml(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`, { readability: false });
}
