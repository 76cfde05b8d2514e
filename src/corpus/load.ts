import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { err, ok, type Result } from '../result.ts';
import { parseArticle, type LoadError } from './article.ts';
import { corpusOf } from './corpus.ts';
import { parseSynonyms, SYNONYMS_FILE } from './synonyms.ts';
import type { Article, Corpus, SynonymGroups } from './types.ts';

/** Called while a large corpus is read, so a front end can show progress. */
export type LoadProgress = (read: number, total: number) => void;
/** Hears every file's bytes as read (articles by name, then the synonyms), e.g. to key a cache by them. */
export type OnBytes = (name: string, bytes: Uint8Array) => void;

/**
 * The files of a folder's listing that make the corpus, in the order the
 * loader reads them: articles by name, then the synonym list if there is one.
 */
export function corpusFiles(names: readonly string[]): { articles: string[]; synonyms: string | undefined } {
  const sorted = [...names].sort();
  return { articles: sorted.filter((n) => n.toLowerCase().endsWith('.md')), synonyms: sorted.includes(SYNONYMS_FILE) ? SYNONYMS_FILE : undefined };
}

// Files that are not articles but that `npm run import` can turn into one.
const IMPORTABLE = /\.(?:txt|text|pdf|html?|xhtml|docx)$/i;

/**
 * The files in a corpus folder that the loader skips but `npm run import`
 * could bring in (a `.pdf` dropped beside the articles), each with the line
 * that says so. The synonym list is not one of them.
 */
export function skippedFiles(dir: string): { name: string; notice: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const shown = relative(process.cwd(), dir) || '.';
  return names
    .filter((n) => n !== SYNONYMS_FILE && IMPORTABLE.test(n))
    .sort()
    .map((name) => {
      const file = join(shown, name);
      const arg = /^[\w./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
      return { name, notice: `${file}: skipped, not an article (.md); to bring it in: npm run import -- ${arg} (then remove the original)` };
    });
}

/**
 * Reads every `*.md` file in `dir` (not sub-folders) and the synonym list.
 * All or nothing: any bad file means no corpus, and every problem is listed,
 * one line each, so a user can fix them all in one go.
 */
export function loadCorpus(dir: string, onProgress?: LoadProgress, onBytes?: OnBytes): Result<Corpus, LoadError[]> {
  const shown = relative(process.cwd(), dir) || '.';
  const display = (name: string) => join(shown, name);
  let names: string[];
  try {
    const stat = statSync(dir);
    if (!stat.isDirectory()) return err([`${shown}: the corpus must be a folder of .md files`]);
    names = readdirSync(dir);
  } catch (e) {
    return err([`${shown}: corpus folder not found or unreadable (${codeOf(e)}); set CORPUS_DIR or create it`]);
  }
  const { articles: files, synonyms: synonymsFile } = corpusFiles(names);
  if (files.length === 0) return err([`${shown}: no articles (no .md files) in the corpus folder`]);

  const problems: LoadError[] = [];
  const articles: Article[] = [];
  const byId = new Map<string, string>();
  for (const [i, name] of files.entries()) {
    const file = display(name);
    const bytes = readBytes(join(dir, name), file);
    if (!bytes.ok) {
      problems.push(bytes.error);
      continue;
    }
    onBytes?.(name, bytes.value);
    const article = parseArticle(file, bytes.value);
    if (!article.ok) {
      problems.push(article.error);
      continue;
    }
    const twin = byId.get(article.value.id);
    if (twin) {
      problems.push(`${file}: article id "${article.value.id}" is already used by ${twin} (rename one file)`);
      continue;
    }
    byId.set(article.value.id, file);
    articles.push(article.value);
    if (onProgress && (i + 1) % 500 === 0) onProgress(i + 1, files.length);
  }

  let synonyms: SynonymGroups = [];
  if (synonymsFile) {
    const file = display(synonymsFile);
    const bytes = readBytes(join(dir, synonymsFile), file);
    if (bytes.ok) onBytes?.(synonymsFile, bytes.value);
    const parsed = bytes.ok ? parseSynonyms(file, bytes.value) : bytes;
    if (parsed.ok) synonyms = parsed.value;
    else problems.push(parsed.error);
  }
  if (problems.length > 0) return err(problems);
  onProgress?.(files.length, files.length);
  return ok(corpusOf(articles, synonyms));
}

function readBytes(path: string, file: string): Result<Uint8Array, LoadError> {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return err(`${file}: not a regular file (a folder or device); remove it or rename it`);
    return ok(readFileSync(path));
  } catch (e) {
    return err(`${file}: cannot be read (${codeOf(e)})`);
  }
}

function codeOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'ELOOP') return 'a symbolic link loop';
  if (code === 'EACCES') return 'permission denied';
  return code ?? String(e);
}
