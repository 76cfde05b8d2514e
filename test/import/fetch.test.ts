import type { LookupAddress } from 'node:dns';
import { BlockList } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, isRefusedAddress } from '../../src/import/fetch.ts';
import { importSource } from '../../src/import/import.ts';
import { filesIn, tempDir } from './helpers.ts';
import { startPageServer } from './server.ts';

let site: Awaited<ReturnType<typeof startPageServer>>;
beforeAll(async () => {
  site = await startPageServer();
});
afterAll(() => site.close());

// The test server is on 127.0.0.1, which the real rules refuse. These rules stand in for them:
// 127.0.0.1 plays a public host, and 127.0.0.2 and 169.254.0.0/16 the private ones.
const standIn = new BlockList();
standIn.addAddress('127.0.0.2');
standIn.addSubnet('169.254.0.0', 16);
// A resolver that knows one intranet name, which resolves to a refused address.
const lookup = ((host: string, _options: unknown, callback: (e: Error | null, a: LookupAddress[]) => void) => {
  if (host === 'intranet.test') callback(null, [{ address: '127.0.0.2', family: 4 }]);
  else callback(null, [{ address: '127.0.0.1', family: 4 }]);
}) as never;

describe('fetchUrl', () => {
  it('refuses a loopback address before connecting, unless private addresses are allowed', async () => {
    expect(await fetchUrl(`${site.base}/article`)).toEqual({
      ok: false,
      error: 'is a private, loopback or link-local address: refused (add --allow-private to import from your own network)',
    });
    const allowed = await fetchUrl(`${site.base}/article`, { allowPrivate: true });
    expect(allowed.ok && allowed.value.contentType).toBe('text/html');
  });

  it('refuses a host name that resolves to a private address (the check is on the address connected to)', async () => {
    const result = await fetchUrl(`http://localhost:${new URL(site.base).port}/article`);
    expect(result).toEqual({
      ok: false,
      error: 'is a private, loopback or link-local address: refused (add --allow-private to import from your own network)',
    });
  });

  it('checks every redirect: to a private address given as a number, or as a name that resolves to one', async () => {
    const rules = { refused: standIn, lookup };
    const moved = await fetchUrl(`${site.base}/moved`, rules);
    expect(moved.ok && moved.value.url).toBe(`${site.base}/article`);
    expect(await fetchUrl(`${site.base}/to-metadata`, rules)).toEqual({
      ok: false,
      error: 'redirects to a private, loopback or link-local address: refused (add --allow-private to import from your own network)',
    });
    expect(await fetchUrl(`${site.base}/to-intranet`, rules)).toEqual({
      ok: false,
      error: 'redirects to a private, loopback or link-local address: refused (add --allow-private to import from your own network)',
    });
  });

  it('follows at most five redirects, and only to http or https', async () => {
    expect(await fetchUrl(`${site.base}/loop`, { allowPrivate: true })).toEqual({ ok: false, error: 'redirected more than 5 times' });
    expect(await fetchUrl(`${site.base}/to-file`, { allowPrivate: true })).toEqual({
      ok: false,
      error: 'redirected to a non-web address: only http:// and https:// addresses can be imported',
    });
    expect(await fetchUrl('ftp://example.com/file.pdf')).toEqual({
      ok: false,
      error: 'only http:// and https:// addresses can be imported',
    });
  });

  it('stops reading past the size limit, and refuses types the import cannot read', async () => {
    expect(await fetchUrl(`${site.base}/huge`, { allowPrivate: true, maxBytes: 100_000 })).toEqual({
      ok: false,
      error: 'is larger than 0.1 MB',
    });
    expect(await fetchUrl(`${site.base}/photo.png`, { allowPrivate: true, accept: (t) => t === 'text/html' })).toEqual({
      ok: false,
      error: 'is image/png: only web pages (HTML) and PDFs can be imported from an address',
    });
  });

  it('says what the server answered when it is not a page', async () => {
    expect(await fetchUrl(`${site.base}/missing`, { allowPrivate: true })).toEqual({
      ok: false,
      error: 'the server answered 404 (not found)',
    });
  });

  it('gives up at its time limit, whether the server never answers or stops sending, and says how long it waited', async () => {
    const message = 'took longer than 0.3 seconds; try again later or download it and import the file';
    for (const path of ['/silent', '/stalls'])
      expect(await fetchUrl(`${site.base}${path}`, { allowPrivate: true, timeoutMs: 300 })).toEqual({ ok: false, error: message });
  });
});

describe('isRefusedAddress', () => {
  it('refuses private, loopback, link-local and IPv4-mapped addresses, and allows public ones', () => {
    for (const a of [
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '127.0.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'not-an-ip',
    ]) {
      expect(isRefusedAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isRefusedAddress(a), a).toBe(false);
  });
});

describe('importing from an address', () => {
  it('imports a web page, its url the canonical address the page names', async () => {
    const dir = tempDir();
    const result = await importSource(`${site.base}/article`, { corpusDir: dir, allowPrivate: true });
    if (!result.ok) throw new Error(result.error);
    expect(result.value.article.url).toBe('https://digest.example.com/2025/06/inside-chinas-ai-labs');
    expect(filesIn(dir)).toEqual(['inside-chinas-ai-labs-how-cultural-differences-shape-ai-development.md']);
  });

  it('imports a PDF by its content type, its url the address it came from', async () => {
    const result = await importSource(`${site.base}/notes.pdf`, { corpusDir: tempDir(), allowPrivate: true });
    if (!result.ok) throw new Error(result.error);
    expect(result.value.kind).toBe('pdf');
    expect(result.value.article.url).toBe(`${site.base}/notes.pdf`);
  });

  it('refuses an image and writes nothing', async () => {
    const dir = tempDir();
    const result = await importSource(`${site.base}/photo.png`, { corpusDir: dir, allowPrivate: true });
    expect(result).toEqual({ ok: false, error: 'is image/png: only web pages (HTML) and PDFs can be imported from an address' });
    expect(filesIn(dir)).toEqual([]);
  });
});
