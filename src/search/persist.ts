import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusFiles } from '../corpus/load.ts';
import { STOP_WORDS } from './stopwords.ts';
import { COMMON_TERM_MIN_DOCS, COMMON_TERM_SHARE, INDEX_FIELDS, INDEX_VERSION } from './index.ts';
import { ENGLISH_FREQUENCIES } from './english.ts';
import { WORD_VECTORS } from './vectors.ts';

export { discardIndex, loadIndex, saveIndex, type CacheMiss } from './snapshot.ts';

/**
 * The saved form's version. Bump it whenever the loader or the index would
 * make something different of the same files: it is part of every key.
 */
const SNAPSHOT_VERSION = 5;

/**
 * What the analysis depends on besides our code: the versions of the stemmer
 * and of MiniSearch, and the bytes of the word lists (English frequencies, word
 * vectors). Read once per process: hashing the 11 MB vector table costs ~20 ms.
 */
let analysisKey: string | undefined;
function analysisDependencies(): string {
  if (analysisKey === undefined) {
    const h = createHash('sha256');
    h.update(`${analysisPackages().join(' ')}\0`);
    for (const file of [ENGLISH_FREQUENCIES, WORD_VECTORS]) h.update(readFileSync(file));
    analysisKey = h.digest('hex');
  }
  return analysisKey;
}

/** The packages the analysis depends on, as `name@version`: part of every key. */
export function analysisPackages(): string[] {
  return ['stemmer', 'minisearch'].map((name) => `${name}@${packageVersion(name)}`);
}

/** An installed package's version, from the package.json above its entry point. */
function packageVersion(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    } catch {
      // No package.json at this level (dist/, lib/): look further up.
    }
    const up = dirname(dir);
    if (up === dir) return '?';
    dir = up;
  }
}

/**
 * What a saved corpus and index depend on: the bytes and name of every corpus
 * file, the folder as the loader names it in messages, and how the index is
 * built (versions, fields, pruning, stop words, the stemmer's and MiniSearch's
 * versions, the word lists and vectors). Any change gives another key,
 * so a stale index is never loaded. Undefined when the folder cannot be read
 * (the loader then says why).
 *
 * Hashing the files' bytes rather than their parsed passages is what lets an
 * unchanged corpus start without being parsed at all.
 */
export function corpusKey(dir: string): string | undefined {
  const key = corpusKeyOf(dir);
  try {
    const { articles, synonyms } = corpusFiles(readdirSync(dir));
    for (const name of synonyms ? [...articles, synonyms] : articles) {
      const path = join(dir, name);
      // A folder, pipe or device under an article's name: never read it here (a pipe would block);
      // the loader says what is wrong with it.
      if (!statSync(path).isFile()) return undefined;
      key.add(name, readFileSync(path));
    }
  } catch {
    return undefined;
  }
  return key.digest();
}

/**
 * The key, file by file: give it each file's bytes in the order the loader
 * reads them (articles by name, then the synonyms). The engine hashes the very
 * bytes the loader parsed, so a file changed mid-start cannot be saved under
 * the key of its old content.
 */
export function corpusKeyOf(dir: string): { add: (name: string, bytes: Uint8Array) => void; digest: () => string } {
  const h = createHash('sha256');
  h.update(
    `v${SNAPSHOT_VERSION}.${INDEX_VERSION}\0${INDEX_FIELDS.join(',')}\0${COMMON_TERM_SHARE}/${COMMON_TERM_MIN_DOCS}\0${[...STOP_WORDS].join(' ')}\0`,
  );
  h.update(`${analysisDependencies()}\0`);
  h.update(`${relative(process.cwd(), dir) || '.'}\0`);
  return {
    add(name, bytes) {
      h.update(`${name}\0${bytes.length}\0`);
      h.update(bytes);
    },
    digest: () => h.digest('hex'),
  };
}
