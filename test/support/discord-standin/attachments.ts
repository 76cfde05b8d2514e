// Files people attach to a command, as Discord's CDN serves them: stored here and served at the
// attachment's url on the stand-in's own address, so a bot downloads them as it would from Discord.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIAttachment } from 'discord-api-types/v10';
import type { StandInState } from './state.ts';

export class Attachments {
  private readonly files = new Map<string, { bytes: Buffer; contentType: string }>();
  /** How many times each attachment was downloaded, by id. */
  readonly downloads = new Map<string, number>();

  constructor(private readonly state: StandInState) {}

  /** Stores a file a user attaches; give the result to slashCommand's `attachments`. */
  add(filename: string, bytes: Uint8Array, contentType: string): APIAttachment {
    const id = this.state.snowflake();
    const url = `${this.state.apiUrl}/attachments/${id}/${encodeURIComponent(filename)}`;
    this.files.set(id, { bytes: Buffer.from(bytes), contentType });
    return { id, filename, size: bytes.length, url, proxy_url: url, content_type: contentType };
  }

  /** Answers GET /api/attachments/<id>/<name> for a stored file; false for any other request. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const m = /^\/api\/attachments\/(\d+)\/[^/]+$/.exec(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = m && req.method === 'GET' ? this.files.get(m[1]!) : undefined;
    if (!file) return false;
    this.downloads.set(m![1]!, (this.downloads.get(m![1]!) ?? 0) + 1);
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.length) }).end(file.bytes);
    return true;
  }
}
