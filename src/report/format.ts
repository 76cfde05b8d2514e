import type { Report } from '../store/types.ts';

/** What a citation id points at, for people: "Notes from inside China's AI labs › Funding". */
export type CitationLabel = (citation: string) => string | undefined;

/**
 * The report as `npm run report -- --json` prints it: a public contract, like
 * the CLI's JSON. Exactly these keys, in this order; add nothing without a new version.
 */
export interface ReportJson {
  since: string;
  answers: number;
  votes: { up: number; down: number };
  downvoted: { citation: string; down: number; up: number }[];
  unanswered: { count: number; questions: string[] };
  topCited: { citation: string; count: number }[];
}

export function reportJson(r: Report): ReportJson {
  return {
    since: r.since,
    answers: r.answers,
    votes: { up: r.votes.up, down: r.votes.down },
    downvoted: r.downvoted.map((d) => ({ citation: d.citation, down: d.down, up: d.up })),
    unanswered: { count: r.unanswered.count, questions: [...r.unanswered.questions] },
    topCited: r.topCited.map((t) => ({ citation: t.citation, count: t.count })),
  };
}

/**
 * Reads a period: `7d`, `12h`, `2w`, or a date (`2026-11-01`, taken as UTC
 * midnight). Undefined when it is neither.
 */
export function parseSince(text: string, now: Date = new Date()): Date | undefined {
  const span = /^(\d{1,4})\s*([hdw])$/i.exec(text.trim());
  if (span) {
    const hours = { h: 1, d: 24, w: 168 }[span[2]!.toLowerCase() as 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(span[1]) * hours * 3_600_000);
  }
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(text.trim())) {
    const at = new Date(text.trim().length === 10 ? `${text.trim()}T00:00:00Z` : text.trim());
    return Number.isNaN(at.getTime()) ? undefined : at;
  }
  return undefined;
}

/**
 * The report as plain text: per day, the most down-voted citations with their
 * article and section, what went unanswered, the most cited passages. No line
 * is wider than a terminal's 100 columns except a long stored question.
 */
export function reportText(r: Report, label: CitationLabel = () => undefined): string {
  const out: string[] = [`citebot report since ${r.since.replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC')}`, ''];
  const named = (citation: string) => {
    const where = label(citation);
    return where ? `${citation}  (${where})` : citation;
  };
  out.push('Per day       answers    up  down');
  for (const d of r.days) out.push(`${d.day}  ${pad(d.answers, 9)} ${pad(d.up, 5)} ${pad(d.down, 5)}`);
  out.push(`total       ${pad(r.answers, 9)} ${pad(r.votes.up, 5)} ${pad(r.votes.down, 5)}`, '');

  out.push('Most down-voted citations');
  if (r.downvoted.length === 0) out.push('  none');
  for (const d of r.downvoted) out.push(`  ${pad(d.down, 3)} down ${pad(d.up, 3)} up  ${named(d.citation)}`);
  out.push('');

  out.push(`Questions nobody could answer: ${r.unanswered.count}`);
  for (const q of r.unanswered.questions) out.push(`  "${oneLine(q)}"`);
  if (r.unanswered.words.length > 0) out.push(`  words that matched no article: ${r.unanswered.words.map((w) => `${w.word} (${w.count})`).join(', ')}`);
  out.push('');

  out.push('Most cited passages');
  if (r.topCited.length === 0) out.push('  none');
  for (const t of r.topCited) out.push(`  ${pad(t.count, 4)}×  ${named(t.citation)}`);
  return out.join('\n');
}

const pad = (n: number, width: number) => String(n).padStart(width);
/** A stored question printed on one line, whatever it held (no terminal control codes either). */
// eslint-disable-next-line no-control-regex
const oneLine = (text: string) => text.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
