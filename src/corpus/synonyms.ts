import type { SynonymGroups } from './types.ts';
import { err, ok, type Result } from '../result.ts';
import { decodeText } from './decode.ts';

/** The synonym list's file name inside the corpus folder. */
export const SYNONYMS_FILE = 'synonyms.txt';

/**
 * One group a line, words separated by commas: `gpu, gpus, chips`.
 * Case matters only for acronyms that are also words: `US` is the country.
 * `#` starts a comment. A group needs at least two words.
 */
export function parseSynonyms(file: string, bytes: Uint8Array): Result<SynonymGroups, string> {
  const text = decodeText(bytes);
  if (!text.ok) return err(`${file}:${text.error.line}: ${text.error.message}`);
  const groups: string[][] = [];
  const lines = text.value.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const words = line.split(',').map((w) => w.trim()).filter(Boolean);
    if (words.length < 2) return err(`${file}:${i + 1}: synonyms: a group needs two or more words separated by commas`);
    groups.push(words);
  }
  return ok(groups);
}
