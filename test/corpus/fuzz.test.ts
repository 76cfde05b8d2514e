import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus/article.ts';
import { loadCorpus } from '../../src/corpus/load.ts';

const line = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom('## Summary', '## Summary', '##', '#', '- bullet', '- ', '* item', '1. one', '---', '```', '<!-- x', '-->', '', '   ', 'Plain sentence. Another one!', '\t- nested'),
);
const value = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', '"quoted: x"', '[1, 2]', '{a: 1}', '1984', 'null', 'true', '2024-05-01', 'https://example.com', '"unclosed', '- list', '&anchor x', '*alias'));
const field = fc.tuple(fc.constantFrom('title', 'publisher', 'url', 'author', 'published', 'original', 'titel', 'tags', ''), value).map(([k, v]) => `${k}: ${v}`);
const file = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.array(field, { maxLength: 6 }), fc.array(line, { maxLength: 40 })).map(([fm, body]) => `---\n${fm.join('\n')}\n---\n${body.join('\n')}`) },
  { weight: 1, arbitrary: fc.array(line, { maxLength: 20 }).map((l) => l.join('\n')) },
);

describe('parseArticle, given generated files', () => {
  it('accepts a file and keeps its words, or refuses it in one line naming the file', () => {
    fc.assert(
      fc.property(fc.oneof(file.map((s) => new TextEncoder().encode(s)), fc.uint8Array({ maxLength: 200 })), (bytes) => {
        const result = parseArticle('corpus/gen.md', bytes);
        if (result.ok) {
          const source = new TextDecoder().decode(bytes).replace(/\r\n?/g, '\n');
          for (const s of result.value.sections) {
            for (const p of s.passages) {
              expect(p.text.length).toBeGreaterThan(0);
              // Every word of a passage is in the file: nothing invented.
              for (const w of p.text.split(/\s+/)) expect(source).toContain(w);
            }
          }
          expect(result.value.title.trim().length).toBeGreaterThan(0);
        } else {
          expect(result.error).toMatch(/^corpus\/gen\.md(:\d+)?: /);
          expect(result.error).not.toContain('\n');
          expect(result.error).not.toMatch(/\bat .*\.(ts|js):\d+/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseArticle, inputs the generator once broke it with', () => {
  it('refuses a YAML alias with a one-line message instead of throwing', () => {
    const result = parseArticle('corpus/gen.md', new TextEncoder().encode('---\ntitle: *alias\n---\n'));
    expect(result).toEqual({ ok: false, error: 'corpus/gen.md:2: front matter: YAML aliases (*name) are not supported; write plain "field: value" lines' });
  });
});

describe('loadCorpus, given awkward folders', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const folder = () => {
    const d = mkdtempSync(join(tmpdir(), 'citebot-fuzz-'));
    dirs.push(d);
    return d;
  };
  const good = '---\ntitle: Good\n---\n\n## Summary\n\nA sentence.\n';

  it('never half-loads: one bad file among good ones means no corpus, and the bad one is named', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.constantFrom('dir', 'loop', 'binary', 'empty', 'no-title'), (goodCount, kind) => {
        const d = folder();
        for (let i = 0; i < goodCount; i++) writeFileSync(join(d, `good-${i}.md`), good);
        const bad = join(d, 'zz-bad.md');
        if (kind === 'dir') mkdirSync(bad);
        if (kind === 'loop') symlinkSync(bad, bad);
        if (kind === 'binary') writeFileSync(bad, Buffer.from([0xff, 0xfe, 0x00, 0x41]));
        if (kind === 'empty') writeFileSync(bad, '');
        if (kind === 'no-title') writeFileSync(bad, '---\npublisher: X\n---\n\n## A\n\nText.\n');
        const result = loadCorpus(d);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error).toHaveLength(1);
          expect(result.error[0]).toContain('zz-bad.md');
        }
      }),
      { numRuns: 40 },
    );
  });

  it('indexes a huge section and keeps every passage', () => {
    const d = folder();
    const body = Array.from({ length: 5000 }, (_, i) => `- Bullet number ${i} about chips.`).join('\n');
    writeFileSync(join(d, 'huge.md'), `---\ntitle: Huge\n---\n\n## Everything\n\n${body}\n`);
    const result = loadCorpus(d);
    expect(result.ok && result.value.passages.length).toBe(5000);
  });
});
