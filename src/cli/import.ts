// `npm run import -- <file-or-url>... [--corpus DIR] [--id ID] [--force] [--allow-private]`
import { parseArgs } from 'node:util';
import type { Article } from '../corpus/types.ts';
import { importSource, IMPORTABLE } from '../import/import.ts';

export const IMPORT_USAGE = `usage: npm run import -- <file-or-url>... [--corpus DIR] [--id ID] [--force] [--allow-private]

Turns each input (${IMPORTABLE}, or an http(s) address of a web page or PDF)
into an article in the corpus folder (--corpus, default CORPUS_DIR or corpus/).
  --id ID          the article's id and file name (one input only); default: the title's slug
  --force          replace an article that has the same id
  --allow-private  fetch from private, loopback and link-local addresses (your own network)`;

export interface ImportIo {
  readonly out: (line: string) => void;
  readonly error: (line: string) => void;
  /** The corpus folder when --corpus is not given (the configured CORPUS_DIR). */
  readonly defaultCorpus: () => string;
}

/** Runs the import command; the exit code: 0 when every input was written, 1 when any was not, 2 for a usage error. */
export async function runImport(argv: readonly string[], io: ImportIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        corpus: { type: 'string' },
        id: { type: 'string' },
        force: { type: 'boolean', default: false },
        'allow-private': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.error(`citebot import: ${(e as Error).message.split('\n')[0]}`);
    io.error(IMPORT_USAGE);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(IMPORT_USAGE);
    return 0;
  }
  if (positionals.length === 0) {
    io.error(IMPORT_USAGE);
    return 2;
  }
  if (values.id !== undefined && positionals.length > 1) {
    io.error('citebot import: --id names one article: give one input with it');
    return 2;
  }
  const corpusDir = values.corpus ?? io.defaultCorpus();
  let failed = 0;
  for (const input of positionals) {
    const result = await importSource(input, { corpusDir, id: values.id, force: values.force, allowPrivate: values['allow-private'] });
    if (!result.ok) {
      failed++;
      io.error(`${input}: ${result.error}`);
      continue;
    }
    io.out(describe(result.value.file, result.value.article));
  }
  if (positionals.length > 1) io.out(`${positionals.length - failed} of ${positionals.length} imported`);
  return failed === 0 ? 0 : 1;
}

/** What was written, for a person: file, title, publisher, sections with passage counts, first citation ids. */
export function describe(file: string, article: Article): string {
  const passages = article.sections.flatMap((s) => s.passages);
  const sections = article.sections.filter((s) => s.passages.length > 0);
  return [
    `${file}: written`,
    `  title: ${article.title}`,
    `  publisher: ${article.publisher ?? 'not stated'}`,
    `  sections (${sections.length}): ${sections.map((s) => `${s.heading} (${s.passages.length})`).join(', ')}`,
    `  passages: ${passages.length}`,
    `  cite: ${passages
      .slice(0, 3)
      .map((p) => p.id)
      .join(', ')}`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { configOrExit } = await import('../startup.ts');
  process.exitCode = await runImport(process.argv.slice(2), {
    out: (line) => console.log(line),
    error: (line) => console.error(line),
    defaultCorpus: () => configOrExit().corpusDir,
  });
}
