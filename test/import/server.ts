import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixture } from './helpers.ts';

/**
 * A web server on 127.0.0.1 for import tests: the fixture page and PDF, and
 * the awkward answers a URL import must handle (redirects, wrong types, size, silence).
 */
export async function startPageServer(): Promise<{ base: string; server: Server; close: () => Promise<void> }> {
  const page = readFileSync(fixture('inside-chinas-ai-labs.html'));
  const pdf = readFileSync(fixture('notes-from-inside-chinas-ai-labs.pdf'));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const redirect = (to: string) => res.writeHead(302, { location: to }).end();
    switch (url.pathname) {
      case '/article':
        return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      case '/notes.pdf':
        return res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
      case '/photo.png':
        return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(64));
      case '/huge':
        // Says nothing of its length: the limit must hold while reading.
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write(Buffer.alloc(64 * 1024, 0x20));
        return res.end(Buffer.alloc(64 * 1024, 0x20));
      case '/moved':
        return redirect('/article');
      case '/to-metadata':
        return redirect('http://169.254.169.254/latest/meta-data/');
      case '/to-intranet':
        return redirect(`http://intranet.test:${(server.address() as AddressInfo).port}/article`);
      case '/to-file':
        return redirect('file:///etc/passwd');
      case '/loop':
        return redirect(`/loop?n=${Number(url.searchParams.get('n') ?? 0) + 1}`);
      case '/missing':
        return res.writeHead(404).end();
      case '/silent':
        // Never answers: the import's time limit must end the wait.
        return;
      case '/stalls':
        // Starts the page, then sends no more.
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.write(page.subarray(0, 1024));
      default:
        return res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
