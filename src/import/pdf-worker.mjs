// Reads a PDF's text items with pdf.js, in a worker thread: a large PDF never
// stalls the bot's answers, and the worker starts without the TypeScript loader
// (through it, pdf.js takes seconds to load instead of a fraction of one).
// Plain JavaScript for that reason; src/import/pdf.ts is its only user.
import { parentPort, workerData } from 'node:worker_threads';

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');

/** @param {Uint8Array} data */
async function read(data) {
  let doc;
  try {
    doc = await pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (e) {
    return { error: e && e.name === 'PasswordException' ? 'password' : 'unreadable' };
  }
  try {
    const pages = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .filter((i) => 'str' in i)
          .map((i) => ({
            str: i.str,
            transform: i.transform,
            width: i.width,
            hasEOL: i.hasEOL,
            // pdf.js says which fonts are fixed-pitch: the PDF's code.
            mono: content.styles[i.fontName]?.fontFamily === 'monospace',
          })),
      );
      page.cleanup();
    }
    const meta = await doc.getMetadata().catch(() => undefined);
    const info = meta && meta.info ? meta.info : {};
    return {
      pages,
      title: typeof info.Title === 'string' ? info.Title : undefined,
      author: typeof info.Author === 'string' ? info.Author : undefined,
    };
  } finally {
    await doc.destroy();
  }
}

parentPort.postMessage(await read(workerData));
