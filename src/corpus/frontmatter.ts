import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { z } from 'zod';
import { err, ok, type Result } from '../result.ts';

/** A problem located in a file: `line` is 1-based, 0 when no line can be named. */
export interface Located {
  readonly line: number;
  readonly message: string;
}

const text = (field: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${field} is required` : issue.input === null ? `${field} must not be empty` : `${field} must be text`) })
    .trim()
    .min(1, `${field} must not be empty`);

const optionalText = (field: string) => text(field).optional();

/** The front matter fields; unknown fields are refused so a typo (`titel`) is caught, not ignored. */
export const FrontMatterSchema = z.strictObject(
  {
    title: text('title').max(300, 'title must be at most 300 characters'),
    publisher: optionalText('publisher'),
    url: optionalText('url').refine((u) => u === undefined || /^https?:\/\/\S+$/.test(u), 'url must start with http:// or https://'),
    author: optionalText('author'),
    published: z
      .union([z.string(), z.number(), z.date()], { error: 'published must be a date like 2024-05-01' })
      .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim()))
      .refine((v) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v), 'published must be a date like 2024-05-01')
      .optional(),
    original: optionalText('original'),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field "${issue.keys[0]}" (known: title, publisher, url, author, published, original)` : undefined) },
);

export type FrontMatter = z.infer<typeof FrontMatterSchema>;

export interface SplitFile {
  readonly frontMatter: FrontMatter;
  /** Body lines, each with its 1-based line number in the file. */
  readonly body: readonly { readonly line: number; readonly text: string }[];
}

/** Splits `---` front matter from the body and validates it. `source` has LF line endings. */
export function parseFrontMatter(source: string): Result<SplitFile, Located> {
  const lines = source.split('\n');
  if (lines[0]?.trim() !== '---') {
    return err({ line: 1, message: 'front matter: missing (the file must start with a --- line, then title: ...)' });
  }
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (close < 0) return err({ line: 1, message: 'front matter: not closed (no --- line after it)' });

  const counter = new LineCounter();
  const yamlText = lines.slice(1, close).join('\n');
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, logLevel: 'silent' });
  const yamlLine = (offset: number) => counter.linePos(offset).line + 1; // YAML line 1 is file line 2
  const first = doc.errors[0];
  if (first) {
    const reason = first.code === 'DUPLICATE_KEY' ? 'a field is given twice' : first.message.split('\n')[0]!.replace(/ at line \d+.*$/, '');
    return err({ line: yamlLine(first.pos[0]), message: `front matter: ${reason}` });
  }
  const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tag) return err({ line: yamlLine(tag.pos[0]), message: 'front matter: YAML tags (!name) are not supported; write plain "field: value" lines' });
  let data: unknown;
  try {
    data = doc.contents === null ? {} : doc.toJS({ maxAliasCount: 0 });
  } catch {
    // Aliases (*name) are the one thing that fails here: YAML machinery a corpus file has no use for.
    return err({ line: 2, message: 'front matter: YAML aliases (*name) are not supported; write plain "field: value" lines' });
  }
  if (!isMap(doc.contents) && doc.contents !== null) {
    return err({ line: 2, message: 'front matter: must be "field: value" lines' });
  }
  const parsed = FrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    // A misspelt field (`titel`) also leaves the real one missing: name the misspelling, it is the fix.
    const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0]!;
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0];
    const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    const keyStart = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    const line = keyStart === undefined ? 1 : yamlLine(keyStart);
    return err({ line, message: `front matter: ${issue.message}` });
  }
  const body = lines.slice(close + 1).map((t, i) => ({ line: close + 2 + i, text: t }));
  return ok({ frontMatter: parsed.data, body });
}
