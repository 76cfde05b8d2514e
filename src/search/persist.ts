import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import type { Corpus } from '../corpus/types.ts';
import { err, ok, type Result } from '../result.ts';
import { STOP_WORDS } from './stopwords.ts';
import { articleTable, buildDocs, COMMON_TERM_MIN_DOCS, COMMON_TERM_SHARE, INDEX_FIELDS, INDEX_VERSION, newMiniSearchOptions, type SearchIndex } from './index.ts';
import { buildSynonymMap } from './synonyms.ts';

/**
 * What the index depends on: every passage's id and text, the synonyms, the
 * stop words and the index version. Any change gives another key, so a stale
 * index is never loaded.
 */
export function indexKey(corpus: Corpus): string {
  const h = createHash('sha256');
  h.update(`v${INDEX_VERSION}\0${INDEX_FIELDS.join(',')}\0${COMMON_TERM_SHARE}/${COMMON_TERM_MIN_DOCS}\0${[...STOP_WORDS].join(' ')}\0`);
  h.update(JSON.stringify(corpus.synonyms));
  for (const p of corpus.passages) h.update(`\0${p.id}\0${p.section}\0${p.sentences.join('\u0001')}`);
  return h.digest('hex');
}

const FILE = 'index.json';
const MAGIC = 'citebot-index';

/**
 * Writes the index as one file: a first line with the key and a checksum of
 * the rest, then the index. Written to a temporary name and renamed, so a
 * crash mid-write never leaves a half file under the real name.
 */
export function saveIndex(dir: string, key: string, index: SearchIndex): void {
  mkdirSync(dir, { recursive: true });
  const body = JSON.stringify({ df: [...index.df], common: [...index.common], mini: index.mini.toJSON() });
  const sum = createHash('sha256').update(body).digest('hex');
  const tmp = join(dir, `${FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, `${MAGIC} ${key} ${sum}\n${body}`);
  renameSync(tmp, join(dir, FILE));
}

/** Why a saved index was not used: "missing" is the normal first start; anything else is worth a warning. */
export type CacheMiss = { reason: 'missing' | 'stale' | 'corrupt'; detail?: string };

/** Loads the saved index if it was built from this very corpus and is intact. */
export function loadIndex(dir: string, key: string, corpus: Corpus): Result<SearchIndex, CacheMiss> {
  let raw: string;
  try {
    raw = readFileSync(join(dir, FILE), 'utf8');
  } catch {
    return err({ reason: 'missing' });
  }
  const newline = raw.indexOf('\n');
  const [magic, savedKey, sum] = raw.slice(0, newline < 0 ? 0 : newline).split(' ');
  if (magic !== MAGIC || !savedKey || !sum) return err({ reason: 'corrupt', detail: 'no header' });
  if (savedKey !== key) return err({ reason: 'stale' });
  const body = raw.slice(newline + 1);
  if (createHash('sha256').update(body).digest('hex') !== sum) return err({ reason: 'corrupt', detail: 'checksum mismatch (truncated or edited)' });
  try {
    const parsed = JSON.parse(body) as { df: [string, number][]; common: string[]; mini: unknown };
    const mini = MiniSearch.loadJS<number>(parsed.mini as never, newMiniSearchOptions(() => ''));
    const docs = buildDocs(corpus);
    if (mini.documentCount !== docs.length / 2) return err({ reason: 'corrupt', detail: 'document count does not match the corpus' });
    return ok({ corpus, mini, docs, df: new Map(parsed.df), common: new Set(parsed.common), synonyms: buildSynonymMap(corpus.synonyms), articles: articleTable(corpus) });
  } catch (e) {
    return err({ reason: 'corrupt', detail: (e as Error).message.slice(0, 120) });
  }
}

/** Removes a bad cache file so the next start does not trip on it again. */
export function discardIndex(dir: string): void {
  rmSync(join(dir, FILE), { force: true });
}
