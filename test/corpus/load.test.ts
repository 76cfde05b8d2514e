import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { passageId } from '../../src/corpus/passage.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const corpusDir = join(root, 'corpus');
const badDir = join(root, 'test/fixtures/corpus-bad');
const NOTES = 'notes-from-inside-chinas-ai-labs.md';
const CULTURE = 'how-cultural-differences-shape-ai-development.md';
const notesBytes = readFileSync(join(corpusDir, NOTES));
const notesText = notesBytes.toString('utf8');

/** A path as the loader shows it in messages: relative to where citebot runs. */
const shown = (path: string) => relative(process.cwd(), path);

const temps: string[] = [];
function tempCorpus(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-load-'));
  temps.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function problems(dir: string): string[] {
  const result = loadCorpus(dir);
  if (result.ok) throw new Error(`expected ${dir} to be refused, but it loaded`);
  return result.error;
}

describe('loadCorpus', () => {
  it('loads both articles of the real corpus with their titles, publishers and synonyms', () => {
    const result = loadCorpus(corpusDir);
    if (!result.ok) throw new Error(result.error.join('\n'));
    const { articles, passages, synonyms } = result.value;
    expect(articles.map((a) => [a.id, a.title, a.publisher])).toEqual([
      ['how-cultural-differences-shape-ai-development', "Inside China's AI Labs: How Cultural Differences Shape AI Development", undefined],
      ['notes-from-inside-chinas-ai-labs', "Notes from inside China's AI labs", 'AIssential'],
    ]);
    expect(articles[1]!.original).toBe("An article published by Interconnects AI (this is AIssential's editorial summary of it)");
    expect(passages).toHaveLength(23);
    expect(synonyms[0]).toEqual(['gpu', 'gpus', 'chip', 'accelerator']);
    expect(synonyms).toContainEqual(['US', 'U.S.', 'america', 'american']);
  });

  it('names the file each article came from, as given', () => {
    const result = loadCorpus(corpusDir);
    if (!result.ok) throw new Error(result.error.join('\n'));
    expect(result.value.articles.map((a) => a.file)).toEqual([shown(join(corpusDir, CULTURE)), shown(join(corpusDir, NOTES))]);
  });

  it('loads a corpus without a synonym list', () => {
    const result = loadCorpus(tempCorpus({ [NOTES]: notesBytes }));
    expect(result.ok && result.value.synonyms).toEqual([]);
  });

  it('reads a front matter date and keeps it as written', () => {
    const dir = tempCorpus({ [NOTES]: notesText.replace('publisher: AIssential\n', 'publisher: AIssential\npublished: 2024-05-01\n') });
    const result = loadCorpus(dir);
    expect(result.ok && result.value.articles[0]!.published).toBe('2024-05-01');
  });

  const refused: { what: string; folder: string; message: string }[] = [
    { what: 'an article without a title', folder: 'missing-title', message: `${NOTES}:1: front matter: title is required` },
    { what: 'an article whose title is left blank', folder: 'blank-title', message: `${NOTES}:2: front matter: title must not be empty` },
    {
      what: 'a misspelt field, naming the misspelling',
      folder: 'misspelt-field',
      message: `${NOTES}:2: front matter: unknown field "titel" (known: title, publisher, url, author, published, original)`,
    },
    { what: 'a field given twice', folder: 'duplicate-field', message: `${NOTES}:4: front matter: a field is given twice` },
    { what: 'a url without http(s)', folder: 'bad-url', message: `${NOTES}:4: front matter: url must start with http:// or https://` },
    { what: 'a date that is not a date', folder: 'bad-date', message: `${NOTES}:4: front matter: published must be a date like 2024-05-01` },
    {
      what: 'a file without front matter',
      folder: 'no-front-matter',
      message: `${NOTES}:1: front matter: missing (the file must start with a --- line, then title: ...)`,
    },
    { what: 'front matter that is never closed', folder: 'unclosed-front-matter', message: `${NOTES}:1: front matter: not closed (no --- line after it)` },
    {
      what: 'an article of headings without text',
      folder: 'headings-only',
      message: `${NOTES}:6: body: no text (add "## Section" headings with paragraphs or - bullets)`,
    },
    { what: 'a heading without text', folder: 'empty-heading', message: `${NOTES}:25: body: heading has no text` },
    { what: 'a synonym group of one word', folder: 'bad-synonyms', message: 'synonyms.txt:21: synonyms: a group needs two or more words separated by commas' },
  ];
  it.each(refused)('refuses $what, naming the file and the line', ({ folder, message }) => {
    const dir = join(badDir, folder);
    expect(problems(dir)).toEqual([`${shown(dir)}/${message}`]);
  });

  it('refuses front matter that is not valid YAML, naming the file', () => {
    const dir = join(badDir, 'unclosed-quote');
    const [problem, ...rest] = problems(dir);
    expect(rest).toEqual([]);
    expect(problem).toMatch(new RegExp(`^${shown(dir)}/${NOTES}:\\d+: front matter: `));
  });

  it('lists every problem of every file, one line each, and loads nothing', () => {
    const dir = join(badDir, 'several-problems');
    expect(problems(dir)).toEqual([
      `${shown(dir)}/notes-copy.md:4: front matter: unknown field "source" (known: title, publisher, url, author, published, original)`,
      `${shown(dir)}/${NOTES}:1: front matter: title is required`,
    ]);
  });

  it('accepts a byte order mark and CRLF line endings, giving the same passages', () => {
    const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(notesText.replace(/\n/g, '\r\n'))]);
    const plain = loadCorpus(tempCorpus({ [NOTES]: notesBytes }));
    const windows = loadCorpus(tempCorpus({ [NOTES]: crlf }));
    if (!plain.ok || !windows.ok) throw new Error('both should load');
    expect(windows.value.articles[0]!.title).toBe("Notes from inside China's AI labs");
    expect(windows.value.passages.map((p) => [passageId(p), p.text, p.line])).toEqual(plain.value.passages.map((p) => [passageId(p), p.text, p.line]));
  });

  it('refuses bytes that are not UTF-8, naming the line and the byte', () => {
    const at = notesBytes.indexOf('An editorial analyst');
    const bytes = Buffer.concat([notesBytes.subarray(0, at), Buffer.from([0xff]), notesBytes.subarray(at)]);
    const dir = tempCorpus({ [NOTES]: bytes });
    expect(problems(dir)).toEqual([`${shown(dir)}/${NOTES}:9: not UTF-8 text (invalid byte 0xff at offset ${at})`]);
  });

  it('refuses Latin-1 text saved by an old editor', () => {
    const latin1 = Buffer.from(notesText.replace('An editorial', 'An éditorial'), 'latin1');
    const dir = tempCorpus({ [NOTES]: latin1 });
    expect(problems(dir)[0]).toMatch(new RegExp(`^${shown(dir)}/${NOTES}:9: not UTF-8 text \\(invalid byte 0xe9 at offset \\d+\\)$`));
  });

  it('refuses a file with a NUL byte as not text', () => {
    const dir = tempCorpus({ [NOTES]: notesText.replace('## Method', '## Me\0thod') });
    expect(problems(dir)).toEqual([`${shown(dir)}/${NOTES}:25: not text (contains a NUL byte)`]);
  });

  it('refuses a folder named like an article', () => {
    const dir = tempCorpus({ [NOTES]: notesBytes });
    mkdirSync(join(dir, 'x.md'));
    expect(problems(dir)).toEqual([`${shown(dir)}/x.md: not a regular file (a folder or device); remove it or rename it`]);
  });

  it('refuses a symbolic link loop', () => {
    const dir = tempCorpus({ [NOTES]: notesBytes });
    symlinkSync('loop.md', join(dir, 'loop.md'));
    expect(problems(dir)).toEqual([`${shown(dir)}/loop.md: cannot be read (a symbolic link loop)`]);
  });

  it('refuses a link to a file that is gone', () => {
    const dir = tempCorpus({ [NOTES]: notesBytes });
    symlinkSync('deleted.md', join(dir, 'gone.md'));
    expect(problems(dir)).toEqual([`${shown(dir)}/gone.md: cannot be read (does not exist)`]);
  });

  it('follows a link to a real article', () => {
    const dir = tempCorpus();
    symlinkSync(join(corpusDir, NOTES), join(dir, NOTES));
    const result = loadCorpus(dir);
    expect(result.ok && result.value.articles.map((a) => a.id)).toEqual(['notes-from-inside-chinas-ai-labs']);
  });

  it('refuses an empty folder', () => {
    const dir = tempCorpus();
    expect(problems(dir)).toEqual([`${shown(dir)}: no articles (no .md files) in the corpus folder`]);
  });

  it('refuses a folder that holds only a synonym list', () => {
    const dir = tempCorpus({ 'synonyms.txt': 'gpu, chip\n' });
    expect(problems(dir)).toEqual([`${shown(dir)}: no articles (no .md files) in the corpus folder`]);
  });

  it('refuses a folder that does not exist, saying how to fix it', () => {
    const dir = join(tempCorpus(), 'missing');
    expect(problems(dir)).toEqual([`${shown(dir)}: corpus folder not found or unreadable (does not exist); set CORPUS_DIR or create it`]);
  });

  it('refuses a file given where a folder is expected', () => {
    const file = join(corpusDir, NOTES);
    expect(problems(file)).toEqual([`${shown(file)}: the corpus must be a folder of .md files`]);
  });

  it('refuses two files that give the same article id, naming both', () => {
    const dir = tempCorpus({ 'Notes.md': notesBytes, 'notes.md': notesBytes });
    expect(problems(dir)).toEqual([`${shown(dir)}/notes.md: article id "notes" is already used by ${shown(dir)}/Notes.md (rename one file)`]);
  });

  it('refuses a file name that gives no article id', () => {
    const dir = tempCorpus({ '---.md': notesBytes });
    expect(problems(dir)).toEqual([`${shown(dir)}/---.md: file name gives no article id (use letters or digits, e.g. my-article.md)`]);
  });

  it('reads .MD files and leaves other files and sub-folders alone', () => {
    const dir = tempCorpus({ 'Notes From Inside.MD': notesBytes, 'README.txt': 'not an article', 'draft.md.bak': '' });
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts', 'broken.md'), 'no front matter');
    const result = loadCorpus(dir);
    expect(result.ok && result.value.articles.map((a) => a.id)).toEqual(['notes-from-inside']);
  });

  it('reports progress once the whole corpus is read', () => {
    const calls: [number, number][] = [];
    loadCorpus(corpusDir, (read, total) => calls.push([read, total]));
    expect(calls).toEqual([[2, 2]]);
  });
});
