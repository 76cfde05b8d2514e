import { ask, compare, quote, sources, summary, takeaway, type Answer } from '../answers/index.ts';
import { COMMAND_HELP } from '../help.ts';
import { ok, type Result } from '../result.ts';
import type { SearchIndex } from '../search/index.ts';

type OptionKind = 'text' | 'integer' | 'boolean';

/** A command as the console and the one-shot CLI know it: the same names and options as in Discord. */
interface TextCommand {
  readonly name: string;
  readonly description: string;
  /** The option that the text right after the command fills. */
  readonly main?: string;
  readonly options: Readonly<Record<string, OptionKind>>;
  readonly run: (index: SearchIndex, o: Options) => Result<Answer, string>;
}

export type Options = Readonly<Record<string, string | number | boolean | undefined>>;
const str = (v: Options[string]) => (v === undefined ? undefined : String(v));
const num = (v: Options[string]) => (typeof v === 'number' ? v : undefined);

export const TEXT_COMMANDS: readonly TextCommand[] = [
  {
    name: 'ask', description: COMMAND_HELP.ask, main: 'question',
    options: { question: 'text', article: 'text', count: 'integer', offset: 'integer' },
    run: (ix, o) => ask(ix, str(o.question) ?? '', { article: str(o.article), limit: num(o.count), offset: num(o.offset) }),
  },
  {
    name: 'takeaway', description: COMMAND_HELP.takeaway, main: 'article',
    options: { article: 'text', topic: 'text' },
    run: (ix, o) => takeaway(ix, { article: str(o.article), topic: str(o.topic) }),
  },
  {
    name: 'compare', description: COMMAND_HELP.compare, main: 'topic',
    options: { topic: 'text', article_a: 'text', article_b: 'text' },
    run: (ix, o) => compare(ix, str(o.topic) ?? '', { articles: [str(o.article_a), str(o.article_b)].filter((a): a is string => !!a) }),
  },
  { name: 'summary', description: COMMAND_HELP.summary, main: 'article', options: { article: 'text' }, run: (ix, o) => summary(ix, str(o.article) ?? '') },
  { name: 'sources', description: COMMAND_HELP.sources, options: {}, run: (ix) => ok(sources(ix)) },
  { name: 'quote', description: COMMAND_HELP.quote, main: 'id', options: { id: 'text' }, run: (ix, o) => quote(ix, str(o.id) ?? '') },
];

/** The console's /help. */
export function helpText(): string {
  const usage = (c: TextCommand) =>
    `/${c.name}${c.main ? ` <${c.main}>` : ''}${Object.keys(c.options).filter((n) => n !== c.main).map((n) => ` [${n}: …]`).join('')}`;
  return [
    'Type a command as in Discord; the text after it fills its main option, "name: value" sets others.',
    'A line without a slash is a question (/ask).',
    '',
    ...TEXT_COMMANDS.map((c) => `  ${usage(c).padEnd(54)} ${c.description}`),
    `  ${'/help'.padEnd(54)} ${COMMAND_HELP.help}`,
    '',
    'Examples: /ask What role do students play?   /compare students   /takeaway topic: ego',
  ].join('\n');
}

export type Parsed = { kind: 'help' } | { kind: 'command'; command: TextCommand; options: Options };

/** Reads `/ask text article: x count: 2` into a command and its options. */
export function parseLine(line: string): Result<Parsed, string> {
  const trimmed = line.trim();
  const m = /^\/?(\S+)\s*([\s\S]*)$/.exec(trimmed.startsWith('/') ? trimmed : `/ask ${trimmed}`);
  const name = m?.[1]?.toLowerCase() ?? '';
  if (name === 'help' || name === '?') return ok({ kind: 'help' });
  const command = TEXT_COMMANDS.find((c) => c.name === name);
  if (!command) return { ok: false, error: `unknown command "/${name}"; try /help` };
  const rest = m?.[2] ?? '';
  const names = Object.keys(command.options);
  const marker = new RegExp(`(?:^|\\s)(${names.map(escapeRegExp).join('|')}):(?=\\s|$)`, 'gi');
  const found = names.length ? [...rest.matchAll(marker)] : [];
  const raw: Record<string, string> = {};
  const head = (found[0] ? rest.slice(0, found[0].index) : rest).trim();
  if (head) {
    if (!command.main) return { ok: false, error: `/${command.name} takes no text` };
    raw[command.main] = head;
  }
  found.forEach((f, i) => {
    const end = found[i + 1]?.index ?? rest.length;
    raw[f[1]!.toLowerCase()] = rest.slice(f.index + f[0].length, end).trim();
  });
  const options: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(raw)) {
    const kind = command.options[key];
    if (kind === 'integer') {
      if (!/^\d+$/.test(value)) return { ok: false, error: `${key}: must be a whole number` };
      options[key] = Number(value);
    } else if (kind === 'boolean') {
      options[key] = /^(true|yes|1)$/i.test(value);
    } else if (value) {
      options[key] = value;
    }
  }
  return ok({ kind: 'command', command, options });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Parses and answers one line; `error` is a message for the user. */
export function runLine(index: SearchIndex, line: string): Result<Answer | 'help', string> {
  const parsed = parseLine(line);
  if (!parsed.ok) return parsed;
  if (parsed.value.kind === 'help') return ok('help');
  return parsed.value.command.run(index, parsed.value.options);
}
