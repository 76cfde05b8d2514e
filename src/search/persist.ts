import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { corpusFiles } from '../corpus/load.ts';
import type { Article, ArticleMeta, Corpus, Passage, Section, SynonymGroups } from '../corpus/types.ts';
import { err, ok, type Result } from '../result.ts';
import { STOP_WORDS } from './stopwords.ts';
import {
  articleTable,
  buildDocs,
  COMMON_TERM_MIN_DOCS,
  COMMON_TERM_SHARE,
  INDEX_FIELDS,
  INDEX_VERSION,
  newMiniSearchOptions,
  type SearchIndex,
} from './index.ts';
import { ENGLISH_FREQUENCIES } from './english.ts';
import { buildSynonymMap } from './synonyms.ts';
import { WORD_VECTORS } from './vectors.ts';

/**
 * The saved form's version. Bump it whenever the loader or the index would
 * make something different of the same files: it is part of every key.
 */
const SNAPSHOT_VERSION = 4;

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

// The corpus as saved: arrays rather than objects, and each passage's parents,
// ids and (usually) text left to be derived, so it parses several times faster
// than the Markdown it came from.
/** A passage's kind as saved: 0 a paragraph, 1 a bullet, 2 a code block. */
type SavedPassage = [id: string, kind: 0 | 1 | 2, line: number, sentences: readonly string[], text?: string];
const KIND_SAVED = { paragraph: 0, bullet: 1, code: 2 } as const;
const KIND_READ = ['paragraph', 'bullet', 'code'] as const;
type SavedSection = [heading: string, slug: string, line: number, passages: SavedPassage[]];
type SavedArticle = [meta: ArticleMeta, sections: SavedSection[]];
interface Saved {
  articles: SavedArticle[];
  synonyms: SynonymGroups;
  df: [string, number][];
  common: string[];
  /** The sentence embeddings' principal component; their int8 rows follow the JSON as raw bytes. */
  pc: number[];
  mini: unknown;
}

function savedArticle(a: Article): SavedArticle {
  const { sections, ...meta } = a;
  return [
    meta,
    sections.map((s) => [
      s.heading,
      s.slug,
      s.line,
      s.passages.map((p): SavedPassage => {
        const saved: SavedPassage = [p.id, KIND_SAVED[p.kind], p.line, p.sentences];
        // The text is its sentences joined by spaces; kept whole only where it is not.
        if (p.sentences.join(' ') !== p.text) saved.push(p.text);
        return saved;
      }),
    ]),
  ];
}

function articleFrom([meta, sections]: SavedArticle): Article {
  return {
    ...meta,
    sections: sections.map(([heading, slug, line, passages]): Section => ({
      heading,
      slug,
      line,
      passages: passages.map(([id, kind, pline, sentences, text]): Passage => ({
        id,
        articleId: meta.id,
        section: heading,
        sectionSlug: slug,
        kind: KIND_READ[kind],
        text: text ?? sentences.join(' '),
        sentences,
        line: pline,
      })),
    })),
  };
}

const FILE = 'index.json';
const MAGIC = 'citebot-index';

/**
 * Writes the corpus and its index as one file: a first line with the key, a
 * checksum of the rest and the JSON's length in bytes; the JSON (corpus and
 * MiniSearch index); then the sentence embeddings as raw int8 bytes (as text
 * they would be a third of the file, to hash, decode and parse at every
 * start). Written to a temporary name and renamed, so a crash mid-write never
 * leaves a half file under the real name.
 */
export function saveIndex(dir: string, key: string, index: SearchIndex): void {
  mkdirSync(dir, { recursive: true });
  const saved: Saved = {
    articles: index.corpus.articles.map(savedArticle),
    synonyms: index.corpus.synonyms,
    df: [...index.df],
    common: [...index.common],
    pc: [...index.embeddings.pc],
    mini: index.mini.toJSON(),
  };
  const json = Buffer.from(JSON.stringify(saved), 'utf8');
  const { rows } = index.embeddings;
  const body = [json, Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength)];
  const hash = createHash('sha256');
  for (const part of body) hash.update(part);
  const tmp = join(dir, `${FILE}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${MAGIC} ${key} ${hash.digest('hex')} ${json.length}\n`), ...body]));
    renameSync(tmp, join(dir, FILE));
  } finally {
    // After a failed write or rename, no half copy is left behind (after a rename there is nothing to remove).
    rmSync(tmp, { force: true });
  }
}

/** Why a saved index was not used: "missing" is the normal first start; anything else is worth a warning. */
export type CacheMiss = { reason: 'missing' | 'stale' | 'corrupt'; detail?: string };

/** Loads the saved corpus and index if they were made from these very files and are intact. */
export function loadIndex(dir: string, key: string): Result<SearchIndex, CacheMiss> {
  let raw: Buffer;
  try {
    raw = readFileSync(join(dir, FILE));
  } catch {
    return err({ reason: 'missing' });
  }
  const newline = raw.indexOf(10);
  const [magic, savedKey, sum, length] = raw.toString('utf8', 0, newline < 0 ? 0 : Math.min(newline, 300)).split(' ');
  const jsonLength = Number(length);
  if (magic !== MAGIC || !savedKey || !sum || !Number.isSafeInteger(jsonLength)) return err({ reason: 'corrupt', detail: 'no header' });
  if (savedKey !== key) return err({ reason: 'stale' });
  // Hashed as bytes: no copy of the file as text.
  if (
    createHash('sha256')
      .update(raw.subarray(newline + 1))
      .digest('hex') !== sum
  )
    return err({ reason: 'corrupt', detail: 'checksum mismatch (truncated or edited)' });
  try {
    const parsed = JSON.parse(raw.toString('utf8', newline + 1, newline + 1 + jsonLength)) as Saved;
    const articles = parsed.articles.map(articleFrom);
    const corpus: Corpus = {
      articles,
      passages: articles.flatMap((a) => a.sections.flatMap((s) => s.passages)),
      synonyms: parsed.synonyms,
    };
    const mini = MiniSearch.loadJS<number>(
      parsed.mini as never,
      newMiniSearchOptions(() => ''),
    );
    const docs = buildDocs(corpus);
    if (mini.documentCount !== docs.length / 2) return err({ reason: 'corrupt', detail: 'document count does not match the corpus' });
    const bytes = raw.subarray(newline + 1 + jsonLength);
    if (bytes.length !== (docs.length / 2) * parsed.pc.length)
      return err({ reason: 'corrupt', detail: 'sentence embeddings do not match the corpus' });
    // A copy, so the file's buffer can be let go.
    const rows = new Int8Array(bytes.length);
    rows.set(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    const embeddings = { pc: Float32Array.from(parsed.pc), rows };
    return ok({
      corpus,
      mini,
      docs,
      df: new Map(parsed.df),
      common: new Set(parsed.common),
      synonyms: buildSynonymMap(corpus.synonyms),
      embeddings,
      articles: articleTable(corpus),
    });
  } catch (e) {
    return err({ reason: 'corrupt', detail: (e as Error).message.slice(0, 120) });
  }
}

/** Removes a bad cache file so the next start does not trip on it again. */
export function discardIndex(dir: string): void {
  rmSync(join(dir, FILE), { force: true });
}
