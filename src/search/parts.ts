import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * A file of named parts, written and read one part at a time, so that no
 * part, and never the whole, has to be one string or one buffer (V8's
 * strings stop at 512 MB: one JSON string of a 100,000-article index threw
 * `RangeError: Invalid string length`).
 *
 *     <magic> <key>\n
 *     <name> <bytes> <sha256 of the bytes>\n<bytes>     one per part, in order
 *     end <number of parts>\n
 *
 * Each part carries its own checksum, checked before it is used; the end
 * line tells a whole file from one cut short between parts.
 */

/** A part's bytes: a JSON text or a typed array's (little-endian, as every machine we run on). */
export type PartBytes = Buffer | ArrayBufferView;

const bytesOf = (b: PartBytes): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/**
 * Writes the parts to `file` under a temporary name and renames it into
 * place, so a crash mid-write never leaves a half file under the real name.
 * The parts are asked for one at a time: only one is in memory at once.
 */
export function writeParts(file: string, magic: string, key: string, parts: Iterable<[name: string, bytes: PartBytes]>): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const write = (b: Buffer) => {
      for (let done = 0; done < b.length;) done += writeSync(fd, b, done, b.length - done);
    };
    write(Buffer.from(`${magic} ${key}\n`));
    let count = 0;
    for (const [name, part] of parts) {
      const b = bytesOf(part);
      write(Buffer.from(`${name} ${b.length} ${createHash('sha256').update(b).digest('hex')}\n`));
      write(b);
      count++;
    }
    write(Buffer.from(`end ${count}\n`));
    closeSync(fd);
    renameSync(tmp, file);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // Already closed (the rename failed).
    }
    throw e;
  } finally {
    // After a failed write or rename, no half copy is left behind (after a rename there is nothing to remove).
    rmSync(tmp, { force: true });
  }
}

/** Why a parts file cannot be used: its key is another's, or it is not whole. */
export class PartsError extends Error {
  constructor(
    readonly reason: 'stale' | 'corrupt',
    detail: string,
  ) {
    super(detail);
  }
}

/** Reads a parts file in order: the header, then each part as it is asked for, its checksum checked. */
export class PartsReader {
  private readonly fd: number;
  private at = 0;
  private count = 0;

  /** Opens `file` (throws as fs does: ENOENT when there is none) and checks its first line. */
  constructor(file: string, magic: string, key: string) {
    this.fd = openSync(file, 'r');
    try {
      const [m, savedKey] = (this.line() ?? '').split(' ');
      if (m !== magic || !savedKey) throw new PartsError('corrupt', 'no header');
      if (savedKey !== key) throw new PartsError('stale', 'made from other files');
    } catch (e) {
      this.close();
      throw e;
    }
  }

  /** The next part's bytes, which must be called `name`, into a new array made by `make` (a Buffer when none). */
  next(name: string): Buffer;
  next<T extends ArrayBufferView>(name: string, make: (bytes: number) => T): T;
  next(name: string, make: (bytes: number) => ArrayBufferView = (n) => Buffer.allocUnsafe(n)): ArrayBufferView {
    const line = this.line();
    if (line === undefined) throw new PartsError('corrupt', `truncated (no part "${name}")`);
    const [found, length, sum] = line.split(' ');
    const bytes = Number(length);
    if (found !== name || !sum || !Number.isSafeInteger(bytes) || bytes < 0)
      throw new PartsError('corrupt', `expected the part "${name}", found ${found === 'end' ? 'the end' : 'something else'}`);
    let into: ArrayBufferView;
    try {
      into = make(bytes);
    } catch {
      throw new PartsError('corrupt', `the part "${name}" has an impossible length`);
    }
    if (into.byteLength !== bytes) throw new PartsError('corrupt', `the part "${name}" has an impossible length`);
    const view = bytesOf(into);
    this.readFully(view, `the part "${name}"`);
    if (createHash('sha256').update(view).digest('hex') !== sum) throw new PartsError('corrupt', 'checksum mismatch (truncated or edited)');
    this.count++;
    return into;
  }

  /** The next part as JSON. */
  json<T>(name: string): T {
    return JSON.parse(this.next(name).toString('utf8')) as T;
  }

  /** Checks that the file ends here, after every part was read. */
  end(): void {
    if (this.line() !== `end ${this.count}`) throw new PartsError('corrupt', 'truncated (no end line)');
  }

  close(): void {
    closeSync(this.fd);
  }

  private readFully(into: Buffer, what: string): void {
    for (let done = 0; done < into.length;) {
      const n = readSync(this.fd, into, done, into.length - done, this.at);
      if (n === 0) throw new PartsError('corrupt', `truncated (${what} is cut short)`);
      done += n;
      this.at += n;
    }
  }

  /** The line at the current position (at most 300 bytes), without its newline; undefined when there is none. */
  private line(): string | undefined {
    const buf = Buffer.alloc(300);
    const n = readSync(this.fd, buf, 0, buf.length, this.at);
    const newline = buf.subarray(0, n).indexOf(10);
    if (newline < 0) return undefined;
    this.at += newline + 1;
    return buf.toString('utf8', 0, newline);
  }
}
