import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createDispatcher } from '../../src/bot/dispatch.ts';
import { createLogger } from '../../src/bot/log.ts';
import { readConfig } from '../../src/config.ts';
import { nullStore } from '../../src/store/index.ts';
import { realIndex } from '../support/corpus.ts';
import { botServices } from '../support/services.ts';
import { fakeCommand } from '../support/fake-interaction.ts';
import { payloadProblems, type SentPayload } from '../support/payload-check.ts';

let dispatch: ReturnType<typeof createDispatcher>;
/** Error lines logged while the current interaction ran. */
const errors: string[] = [];

beforeAll(async () => {
  const config = readConfig({ COOLDOWN_SECONDS: '0' });
  if (!config.ok) throw new Error('setup');
  const log = createLogger('info', [], (line) => {
    if (line.includes('"level":"error"')) errors.push(line);
  });
  dispatch = createDispatcher(await botServices(realIndex(), config.value, log, nullStore()), commands);
});

// Text people (and attackers) type: every Unicode plane, marks, controls, markdown, mentions, injections.
const nasty = fc.constantFrom(
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
  '```js\nalert(1)\n```',
  '**bold** __u__ ~~s~~ ||spoiler||',
  '> quote',
  '# heading',
  '[link](https://evil.example)',
  'https://example.com',
  '\u0000',
  '\u0007',
  '\u200b',
  '\u200e',
  '\u202e',
  'e\u0301\u0301\u0301',
  '😀👩‍👩‍👧',
  '\ud800',
  '.*+?^${}()|[]\\',
  "'; DROP TABLE articles; --",
  '<script>alert(1)</script>',
  '&amp;',
  'chips',
  'students',
  'Huawei',
  'culture',
  ' ',
  '\n',
  '\t',
);
const text = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(nasty, fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 20 })), {
        maxLength: 30,
      })
      .map((parts) => parts.join(' ')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(nasty, fc.integer({ min: 300, max: 6000 }))
      .map(([s, n]) => s.repeat(Math.ceil(n / Math.max(1, s.length))).slice(0, n)),
  },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\n\n') },
);

/**
 * Sends one interaction through the dispatcher and fails, there and then, if a handler failed: an error
 * logged, or a "Something went wrong (ref …)" reply (which is how the error boundary answers a bug).
 */
async function run(
  name: string,
  options: Record<string, string | number | boolean | undefined>,
  type: 'slash' | 'message' = 'slash',
  targetContent?: string,
) {
  errors.length = 0;
  const { interaction, sent } = fakeCommand(name, options, { type, targetContent });
  await dispatch(interaction);
  expect(errors, `/${name} logged an error`).toEqual([]);
  // Not the exact "(ref": the notice passes through the markdown escaper, which may change the brackets.
  for (const s of sent) expect(JSON.stringify(s.payload), `/${name} answered as if it crashed`).not.toMatch(/something went wrong/i);
  return sent;
}

function assertSafe(sent: { payload: Record<string, unknown> }[]) {
  expect(sent.length).toBe(1);
  for (const s of sent) expect(payloadProblems(s.payload as SentPayload)).toEqual([]);
}

describe('every command, given generated input', () => {
  // 1,000 runs of each: 6,000 generated interactions through the real dispatcher and render path.
  const runs = { numRuns: 1000 };

  it('/ask answers with a valid, mention-free payload, a user error at worst, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.option(text, { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        async (q, article, count) => {
          assertSafe(await run('ask', { question: q, article, count }));
        },
      ),
      runs,
    );
  });

  it('/compare, /takeaway, /summary and /quote do too', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (a, b) => {
        assertSafe(await run('compare', { topic: a, article_a: b }));
        assertSafe(await run('takeaway', { article: b || undefined, topic: a }));
        assertSafe(await run('summary', { article: a }));
        assertSafe(await run('quote', { id: a }));
      }),
      runs,
    );
  });

  it('Find sources handles any message text', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (content) => {
        assertSafe(await run('Find sources', {}, 'message', content));
      }),
      runs,
    );
  });
});
