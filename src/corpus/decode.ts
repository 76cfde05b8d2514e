import { err, ok, type Result } from '../result.ts';
import type { Located } from './frontmatter.ts';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Bytes → text with LF line endings. A BOM and CRLF are accepted; anything that
 * is not UTF-8 text (invalid bytes, NUL) is refused with the line where it starts.
 */
export function decodeText(bytes: Uint8Array): Result<string, Located> {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const at = firstInvalidByte(bytes);
    return err({ line: lineAt(bytes, at), message: `not UTF-8 text (invalid byte 0x${bytes[at]?.toString(16).padStart(2, '0')} at offset ${at})` });
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) return err({ line: text.slice(0, nul).split('\n').length, message: 'not text (contains a NUL byte)' });
  return ok(text.replace(/\r\n?/g, '\n'));
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // A well-formed but disallowed sequence (overlong, surrogate): TextDecoder rejects it; so do we.
    try {
      decoder.decode(bytes.subarray(i, i + need + 1));
    } catch {
      return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
