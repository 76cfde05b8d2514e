import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask, compare, quote, sources, summary, takeaway } from '../../src/answers/index.ts';
import { openCorpus } from '../../src/engine.ts';
import { renderDiscord, renderNotice } from '../../src/render/discord.ts';
import { escapeUserText, unescapeUserText } from '../../src/render/escape.ts';
import type { Result, UserProblem } from '../../src/result.ts';
import type { SearchIndex } from '../../src/search/index.ts';

let index: SearchIndex;
beforeAll(() => {
  const opened = openCorpus('corpus');
  if (!opened.ok) throw new Error(opened.error.join('\n'));
  index = opened.value;
});
const must = <T>(r: Result<T, UserProblem>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('renderDiscord', () => {
  it('quotes each excerpt with its matched words in bold and its citation id', () => {
    const payload = renderDiscord(must(ask(index, 'Which chips are used for inference?')));
    const description = payload.embeds[0]!.description!;
    expect(description).toContain('**chips**');
    expect(description).toContain('Huawei');
    expect(description).toContain('`notes-from-inside-chinas-ai-labs#summary-1`');
    expect(description.startsWith('> ')).toBe(true);
  });

  it('says plainly that nothing answers, as a normal reply', () => {
    const payload = renderDiscord(must(ask(index, 'How do I make a cheesecake?')));
    expect(payload.embeds[0]!.description).toContain('Nothing in the corpus answers that.');
    expect(payload.ephemeral).toBeUndefined();
  });

  it('escapes the question it echoes, so mentions and markdown stay text', () => {
    const payload = renderDiscord(must(ask(index, '@everyone **why** <@123> chips?')));
    const title = payload.embeds[0]!.title!;
    expect(title).not.toContain('@everyone');
    expect(title).not.toContain('<@123>');
    expect(unescapeUserText(title)).toBe('@everyone **why** <@123> chips?');
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });

  it('sets the articles side by side in /compare and says which does not cover the topic', () => {
    const payload = renderDiscord(must(compare(index, 'Huawei')));
    const fields = payload.embeds[0]!.fields!;
    expect(fields).toHaveLength(2);
    expect(fields.every((f) => f.inline)).toBe(true);
    const cultural = fields.find((f) => f.name.includes('Cultural Differences'))!;
    expect(cultural.value).toBe('*Does not cover this topic.*');
    expect(fields.find((f) => f.name.includes('Notes from inside'))!.value).toContain('**Huawei**');
  });

  it('renders takeaways, summaries, sources and quotes within the limits', () => {
    for (const answer of [
      must(takeaway(index)),
      must(summary(index, 'notes')),
      sources(index),
      must(quote(index, 'notes-from-inside-chinas-ai-labs#principles-2')),
    ]) {
      const payload = renderDiscord(answer);
      const e = payload.embeds[0]!;
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(4096);
      expect(payload.allowedMentions).toEqual({ parse: [] });
    }
  });

  it('offers More only while there are more passages', () => {
    const answer = must(ask(index, 'students', { limit: 1 }));
    expect(answer.total).toBeGreaterThan(1);
    const withMore = renderDiscord(answer, { more: 'm', discuss: 'd' });
    expect(withMore.components[0]!.components.map((c) => (c as { label?: string }).label)).toEqual(['More', 'Discuss']);
    const last = must(ask(index, 'students', { limit: 1, offset: answer.total - 1 }));
    expect(renderDiscord(last, { more: 'm', discuss: 'd' }).components[0]!.components.map((c) => (c as { label?: string }).label)).toEqual([
      'Discuss',
    ]);
  });
});

describe('escapeUserText', () => {
  it('breaks every kind of mention', () => {
    const out = escapeUserText('@everyone @here <@1> <@!2> <@&3> <#4>');
    expect(out).not.toMatch(/@(everyone|here)|(?<!\\)<[@#]/);
  });

  it('is undone exactly by unescapeUserText', () => {
    const text = 'a*b_c~d`e|f>g#h-i[j](k)<l:m\\n @everyone';
    expect(unescapeUserText(escapeUserText(text))).toBe(text);
  });
});

describe('renderNotice', () => {
  it('is ephemeral and escapes what it says', () => {
    const n = renderNotice('article: no article matches "@here"');
    expect(n.ephemeral).toBe(true);
    expect(n.embeds[0]!.description).not.toContain('@here');
  });
});

describe('renderDiscord, on a code passage', () => {
  it('shows code as a code block with its lines, not as a quote, and a fence inside cannot close it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-code-'));
    try {
      const body = '## Example\n\nRun this:\n\n````\nint main() {\n    return 0; /* ``` */\n}\n````\n';
      writeFileSync(join(dir, 'code-notes.md'), `---\ntitle: Code notes\n---\n\n${body}`);
      const opened = openCorpus(dir);
      if (!opened.ok) throw new Error(opened.error.join('\n'));
      const description = renderDiscord(must(quote(opened.value, 'code-notes#example-2'))).embeds[0]!.description!;
      expect(description).toBe('```\nint main() {\n    return 0; /* `\u200b`` */\n}\n```');
      const answer = renderDiscord(must(ask(opened.value, 'What does int main return?'))).embeds[0]!.description!;
      expect(answer.startsWith('```\nint main() {\n    return 0;')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
