import { existsSync, linkSync, mkdirSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { articleIdFor, parseArticle } from '../corpus/article.ts';
import type { Article } from '../corpus/types.ts';
import { slugify } from '../corpus/slug.ts';
import { err, ok, type Result } from '../result.ts';

/** Longest id made from a title: long enough to tell articles apart, short enough for a citation. */
const ID_MAX = 80;

/** The id a title gives: its slug, cut at a hyphen to ID_MAX characters. */
export function idFromTitle(title: string): string {
  const slug = slugify(title);
  if (slug.length <= ID_MAX) return slug;
  const cut = slug.slice(0, ID_MAX + 1);
  return cut.slice(0, cut.lastIndexOf('-') > ID_MAX / 2 ? cut.lastIndexOf('-') : ID_MAX).replace(/-+$/, '');
}

/** Checks a user's `--id`: it must already be a slug, as the file name will be `<id>.md`. */
export function checkId(id: string): Result<string, string> {
  if (id !== '' && slugify(id) === id) return ok(id);
  return err(`--id "${id}": use lowercase letters, digits and single hyphens (e.g. ${slugify(id) || 'my-article'})`);
}

export interface WriteOptions {
  /** Replace an existing article with this id; default false (refused). */
  readonly force?: boolean | undefined;
}

export interface Written {
  /** Where the file was written, relative to the working folder when inside it. */
  readonly file: string;
  /** The article as the loader reads the written file. */
  readonly article: Article;
}

/**
 * The article the loader would read from `bytes` saved as `<dir>/<id>.md`,
 * or the loader's one-line message. Also refuses an id that is taken (unless
 * `force`), including by a file whose name gives the same id (`Notes.md`).
 */
export function checkArticle(dir: string, id: string, bytes: Uint8Array, options: WriteOptions = {}): Result<Article, string> {
  const file = shown(join(dir, `${id}.md`));
  const twin = listing(dir).find((name) => name.toLowerCase().endsWith('.md') && name !== `${id}.md` && articleIdFor(name) === id);
  if (twin) return err(`${file}: the id "${id}" is taken by ${shown(join(dir, twin))} (choose another with --id)`);
  if (!options.force && existsSync(join(dir, `${id}.md`)))
    return err(`${file}: already exists (add --force to replace it, or choose another --id)`);
  return parseArticle(file, bytes);
}

/**
 * Writes `<dir>/<id>.md` only if the loader reads it back as an article: on
 * any problem nothing is written. The file appears whole (written aside, then
 * moved in), so a running bot never reads half of it.
 */
export function writeArticle(dir: string, id: string, bytes: Uint8Array, options: WriteOptions = {}): Result<Written, string> {
  const article = checkArticle(dir, id, bytes, options);
  if (!article.ok) return article;
  const target = join(dir, `${id}.md`);
  // Not `.md`: the loader and a watcher ignore it until it is moved in.
  const aside = join(dir, `.${id}.${process.pid}.${Date.now()}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(aside, bytes, { flag: 'wx' });
    if (options.force) renameSync(aside, target);
    else {
      // A link fails if the name was taken meanwhile, where a rename would replace it.
      linkSync(aside, target);
      unlinkSync(aside);
    }
  } catch (e) {
    try {
      unlinkSync(aside);
    } catch {
      // Never written, or already moved in.
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return err(`${shown(target)}: already exists (add --force to replace it, or choose another --id)`);
    return err(`${shown(target)}: cannot be written (${code ?? (e as Error).message})`);
  }
  return ok({ file: shown(target), article: article.value });
}

function listing(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

const shown = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
};
