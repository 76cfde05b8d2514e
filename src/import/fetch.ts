import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import { err, ok, type Result } from '../result.ts';

/**
 * Addresses a fetch is never sent to unless allowed: "this" network, private
 * (RFC 1918), shared (CGNAT), loopback, link-local (cloud metadata lives at
 * 169.254.169.254), documentation, benchmarking, multicast and reserved
 * ranges; IPv6 loopback, unique-local, link-local, multicast and the ranges
 * that embed an IPv4 address (an IPv4-mapped address is checked as IPv4).
 */
export const PRIVATE_RANGES: BlockList = (() => {
  const list = new BlockList();
  for (const [net, bits] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 3],
  ] as const)
    list.addSubnet(net, bits, 'ipv4');
  for (const [net, bits] of [
    ['::', 128],
    ['::1', 128],
    ['64:ff9b::', 96],
    ['64:ff9b:1::', 48],
    ['100::', 64],
    ['2001:db8::', 32],
    ['2002::', 16],
    ['fc00::', 7],
    ['fe80::', 10],
    ['fec0::', 10],
    ['ff00::', 8],
  ] as const)
    list.addSubnet(net, bits, 'ipv6');
  return list;
})();

/** True when `address` (an IP address) is in `ranges`; anything that is not an IP address counts as in. */
export function isRefusedAddress(address: string, ranges: BlockList = PRIVATE_RANGES): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return ranges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export interface FetchOptions {
  /** Allow addresses in PRIVATE_RANGES (a page on the team's own network); default false. */
  readonly allowPrivate?: boolean;
  /** The ranges refused unless allowPrivate; default PRIVATE_RANGES. */
  readonly refused?: BlockList;
  /** Default 10 MB. */
  readonly maxBytes?: number;
  /** For the whole fetch, redirects and body included; default 15 s. */
  readonly timeoutMs?: number;
  /** Default 5. */
  readonly maxRedirects?: number;
  /** Which content types to accept (lowercase, no parameters); default any. */
  readonly accept?: (contentType: string) => boolean;
  /** Resolves a host name (default: the system's resolver). */
  readonly lookup?: typeof dnsLookup;
  /**
   * What follows a private address's refusal: how this front end lets one
   * through. Each front end gives its own words (default: the command line's
   * `--allow-private`), so no message is reworded for another.
   */
  readonly privateHint?: string;
}

/** The command line's way through a private address (see FetchOptions.privateHint). */
export const CLI_PRIVATE_HINT = ' (add --allow-private to import from your own network)';

export interface Fetched {
  /** The address the body came from, after redirects. */
  readonly url: string;
  /** Lowercase, without parameters (`text/html`). */
  readonly contentType: string;
  /** The `charset` parameter, if any. */
  readonly charset: string | undefined;
  readonly bytes: Uint8Array;
}

export const FETCH_LIMITS = { maxBytes: 10 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 5 } as const;

/** A refusal raised inside the connection's DNS lookup, to tell it from a network error. */
class RefusedAddress extends Error {}

/**
 * Downloads `url` by the import's rules: http and https only, at most
 * `maxRedirects` redirects, `timeoutMs` in all, at most `maxBytes`, accepted
 * content types only. Unless `allowPrivate`, an address in the refused ranges
 * is refused before any connection: an IP address in the URL at once, a host
 * name after DNS resolution, on the first request and every redirect. The
 * connection goes to the very address that was checked (the check is the
 * connection's own lookup), so DNS rebinding cannot slip past it.
 */
export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<Result<Fetched, string>> {
  const rules = rulesOf(options);
  const agent = checkingAgent(rules.refused, options.lookup ?? dnsLookup);
  const signal = AbortSignal.timeout(rules.timeoutMs);
  try {
    let current = url;
    for (let hop = 0; ; hop++) {
      const target = webAddress(current, hop, rules);
      if (!target.ok) return target;
      const response = await request(agent, target.value, hop, signal, rules);
      if (!response.ok) return response;
      const { statusCode, headers, body } = response.value;
      if (statusCode >= 300 && statusCode < 400 && headers.location) {
        await body.dump().catch(() => undefined);
        if (hop >= rules.maxRedirects) return err(`redirected more than ${rules.maxRedirects} times`);
        current = new URL(String(headers.location), target.value).href;
        continue;
      }
      return await fetched(target.value, response.value, signal, rules);
    }
  } finally {
    void agent.close().catch(() => undefined);
  }
}

/** The options with their defaults, and what each refusal says. */
interface Rules {
  readonly maxBytes: number;
  readonly maxRedirects: number;
  readonly timeoutMs: number;
  readonly refused: (address: string) => boolean;
  readonly accept?: (contentType: string) => boolean;
  readonly privateHint: string;
}

function rulesOf(options: FetchOptions): Rules {
  return {
    maxBytes: options.maxBytes ?? FETCH_LIMITS.maxBytes,
    maxRedirects: options.maxRedirects ?? FETCH_LIMITS.maxRedirects,
    timeoutMs: options.timeoutMs ?? FETCH_LIMITS.timeoutMs,
    refused: (address) => !options.allowPrivate && isRefusedAddress(address, options.refused),
    ...(options.accept && { accept: options.accept }),
    privateHint: options.privateHint ?? CLI_PRIVATE_HINT,
  };
}

/** An agent whose connections look their host up themselves and refuse a refused address: the address checked is the one connected to. */
function checkingAgent(refused: (address: string) => boolean, resolve: typeof dnsLookup): Agent {
  return new Agent({
    connect: {
      lookup: (
        hostname: string,
        opts: LookupOptions,
        callback: (e: Error | null, address: string | LookupAddress[], family?: number) => void,
      ) => {
        const family = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : (opts.family ?? 0);
        resolve(hostname, { all: true, family }, (e, list) => {
          if (e) return callback(e, []);
          if (list.length === 0) return callback(new Error('no address'), []);
          if (list.some((a) => refused(a.address))) return callback(new RefusedAddress(), []);
          if (opts.all) callback(null, list);
          else callback(null, list[0]!.address, list[0]!.family);
        });
      },
    },
  });
}

/** The hop's address, if it is a web address that is not a refused IP address. */
function webAddress(current: string, hop: number, rules: Rules): Result<URL, string> {
  let parsed: URL;
  try {
    parsed = new URL(current);
  } catch {
    return err(hop === 0 ? 'not a web address (use http:// or https://)' : 'redirected to an address that is not valid');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return err(`${hop === 0 ? 'only' : 'redirected to a non-web address: only'} http:// and https:// addresses can be imported`);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && rules.refused(host)) return err(privateMessage(hop, rules.privateHint));
  return ok(parsed);
}

type Response = Dispatcher.ResponseData;

async function request(agent: Agent, target: URL, hop: number, signal: AbortSignal, rules: Rules): Promise<Result<Response, string>> {
  try {
    return ok(
      await agent.request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        headers: { 'user-agent': 'citebot-import/1', accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.1' },
        signal,
      }),
    );
  } catch (e) {
    if (causes(e).some((c) => c instanceof RefusedAddress)) return err(privateMessage(hop, rules.privateHint));
    if (signal.aborted) return err(tookTooLong(rules));
    return err(`could not be reached (${networkReason(e)})`);
  }
}

/** The body of a final answer, if its status, type and size are what an import takes. */
async function fetched(target: URL, response: Response, signal: AbortSignal, rules: Rules): Promise<Result<Fetched, string>> {
  const { statusCode, headers, body } = response;
  if (statusCode < 200 || statusCode >= 300) {
    await body.dump().catch(() => undefined);
    return err(`the server answered ${statusCode}${statusCode === 404 ? ' (not found)' : statusCode === 403 ? ' (forbidden)' : ''}`);
  }
  const [type = '', ...params] = String(headers['content-type'] ?? '')
    .split(';')
    .map((s) => s.trim());
  const contentType = type.toLowerCase();
  if (rules.accept && !rules.accept(contentType)) {
    await body.dump().catch(() => undefined);
    return err(`is ${contentType || 'of no stated type'}: only web pages (HTML) and PDFs can be imported from an address`);
  }
  const length = Number(headers['content-length']);
  if (Number.isFinite(length) && length > rules.maxBytes) {
    body.destroy();
    return err(`is larger than ${megabytes(rules.maxBytes)}`);
  }
  const bytes = await bodyBytes(body, signal, rules);
  if (!bytes.ok) return bytes;
  const charset = params.map((p) => /^charset=["']?([^"';]+)/i.exec(p)?.[1]).find(Boolean);
  return ok({ url: target.href, contentType, charset, bytes: bytes.value });
}

async function bodyBytes(body: Response['body'], signal: AbortSignal, rules: Rules): Promise<Result<Uint8Array, string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > rules.maxBytes) {
        body.destroy();
        return err(`is larger than ${megabytes(rules.maxBytes)}`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    if (signal.aborted) return err(tookTooLong(rules));
    return err(`was cut off while downloading (${networkReason(e)})`);
  }
  return ok(new Uint8Array(Buffer.concat(chunks)));
}

const tookTooLong = (rules: Rules) =>
  `took longer than ${Math.round(rules.timeoutMs / 100) / 10} seconds; try again later or download it and import the file`;

const privateMessage = (hop: number, hint: string) =>
  `${hop === 0 ? 'is' : 'redirects to'} a private, loopback or link-local address: refused${hint}`;

const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

function causes(e: unknown): unknown[] {
  const out: unknown[] = [];
  for (let c = e; c && out.length < 5; c = (c as { cause?: unknown }).cause) out.push(c);
  return out;
}

function networkReason(e: unknown): string {
  const code = causes(e)
    .map((c) => (c as NodeJS.ErrnoException).code)
    .find(Boolean);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'no such host';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET') return 'connection reset';
  return code ?? 'network error';
}
