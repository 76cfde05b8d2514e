import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/report/args.ts';
import { parseSince, reportJson, reportText } from '../../src/report/format.ts';
import type { Report } from '../../src/store/index.ts';

const NOW = new Date('2026-11-24T12:00:00Z');

const REPORT: Report = {
  since: '2026-11-17T12:00:00.000Z',
  answers: 5,
  votes: { up: 2, down: 3 },
  days: [
    { day: '2026-11-22', answers: 2, up: 2, down: 0 },
    { day: '2026-11-23', answers: 3, up: 0, down: 3 },
  ],
  downvoted: [{ citation: 'notes-from-inside-chinas-ai-labs#summary-1', down: 3, up: 1 }],
  unanswered: { count: 2, questions: ['is there anything\non fusion?'], words: [{ word: 'fusion', count: 2 }] },
  topCited: [{ citation: 'notes-from-inside-chinas-ai-labs#summary-1', count: 4 }],
};

describe('parseSince', () => {
  it('reads hours, days and weeks back from now', () => {
    expect(parseSince('12h', NOW)?.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(parseSince('7d', NOW)?.toISOString()).toBe('2026-11-17T12:00:00.000Z');
    expect(parseSince('2W', NOW)?.toISOString()).toBe('2026-11-10T12:00:00.000Z');
  });

  it('reads a date as midnight UTC', () => {
    expect(parseSince('2026-11-01', NOW)?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });

  it('refuses anything else', () => {
    for (const bad of ['yesterday', '7', 'd7', '2026-13-45', '']) expect(parseSince(bad, NOW)).toBeUndefined();
  });
});

describe('parseArgs', () => {
  it('defaults to the last seven days, as text', () => {
    expect(parseArgs([], NOW)).toEqual({ since: new Date('2026-11-17T12:00:00Z'), json: false });
  });

  it('reads --since in both spellings and --json', () => {
    expect(parseArgs(['--since', '1d', '--json'], NOW)).toEqual({ since: new Date('2026-11-23T12:00:00Z'), json: true });
    expect(parseArgs(['--since=2026-11-20'], NOW)).toEqual({ since: new Date('2026-11-20T00:00:00Z'), json: false });
  });

  it('says what is wrong in one line', () => {
    expect(parseArgs(['--since'], NOW)).toEqual({ error: 'report: --since needs a period, e.g. 7d, 12h, 2w or 2026-11-01' });
    expect(parseArgs(['--since', 'last week'], NOW)).toEqual({ error: 'report: --since takes a period such as 7d, 12h, 2w, or a date such as 2026-11-01' });
    expect(parseArgs(['--verbose'], NOW)).toMatchObject({ error: expect.stringMatching(/^report: unknown option \(--verbose\); usage: npm run report/) });
  });
});

describe('reportJson', () => {
  it('has exactly the public shape: since, answers, votes, downvoted, unanswered, topCited', () => {
    expect(JSON.stringify(reportJson(REPORT))).toBe(
      '{"since":"2026-11-17T12:00:00.000Z","answers":5,"votes":{"up":2,"down":3},' +
        '"downvoted":[{"citation":"notes-from-inside-chinas-ai-labs#summary-1","down":3,"up":1}],' +
        '"unanswered":{"count":2,"questions":["is there anything\\non fusion?"]},' +
        '"topCited":[{"citation":"notes-from-inside-chinas-ai-labs#summary-1","count":4}]}',
    );
  });
});

describe('reportText', () => {
  const text = reportText(REPORT, (c) => (c.endsWith('#summary-1') ? "Notes from inside China's AI labs › Summary" : undefined));

  it('gives answers and votes per day, with totals', () => {
    expect(text).toContain('2026-11-23          3     0     3');
    expect(text).toContain('total               5     2     3');
  });

  it('names the article and section of a down-voted citation', () => {
    expect(text).toContain("    3 down   1 up  notes-from-inside-chinas-ai-labs#summary-1  (Notes from inside China's AI labs › Summary)");
  });

  it('lists unanswered questions on one line each, and the words that matched no article', () => {
    expect(text).toContain('Questions nobody could answer: 2\n  "is there anything on fusion?"\n  words that matched no article: fusion (2)');
  });

  it('prints no terminal control codes from a stored question', () => {
    const sneaky = reportText({ ...REPORT, unanswered: { ...REPORT.unanswered, questions: ['hi \u001b]0;pwned\u0007 there'] } });
    expect(sneaky).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('lists the most cited passages with their count', () => {
    expect(text).toContain('\n     4×  notes-from-inside-chinas-ai-labs#summary-1');
  });
});
