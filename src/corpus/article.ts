import { err, ok, type Result } from '../result.ts';
import { parseBody } from './body.ts';
import { decodeText } from './decode.ts';
import { parseFrontMatter } from './frontmatter.ts';
import { slugify } from './slug.ts';
import type { Article } from './types.ts';

/** `corpus/notes.md:4: front matter: title is required`: the one line a user sees. */
export type LoadError = string;

export const located = (file: string, line: number, message: string): LoadError =>
  line > 0 ? `${file}:${line}: ${message}` : `${file}: ${message}`;

/** The article id a file name gives: `Notes From X.md` → `notes-from-x`. */
export function articleIdFor(fileName: string): string {
  return slugify(fileName.replace(/\.md$/i, ''));
}

/** Parses one corpus file's bytes into an article, or says what is wrong and where. */
export function parseArticle(file: string, bytes: Uint8Array): Result<Article, LoadError> {
  const id = articleIdFor(file.split(/[\\/]/).pop() ?? file);
  if (!id) return err(located(file, 0, 'file name gives no article id (use letters or digits, e.g. my-article.md)'));
  const text = decodeText(bytes);
  if (!text.ok) return err(located(file, text.error.line, text.error.message));
  const split = parseFrontMatter(text.value);
  if (!split.ok) return err(located(file, split.error.line, split.error.message));
  const sections = parseBody(id, split.value.body);
  if (!sections.ok) return err(located(file, sections.error.line, sections.error.message));
  const fm = split.value.frontMatter;
  return ok({
    id,
    file,
    title: fm.title,
    ...(fm.publisher !== undefined && { publisher: fm.publisher }),
    ...(fm.url !== undefined && { url: fm.url }),
    ...(fm.author !== undefined && { author: fm.author }),
    ...(fm.published !== undefined && { published: fm.published }),
    ...(fm.original !== undefined && { original: fm.original }),
    sections: sections.value,
  });
}
