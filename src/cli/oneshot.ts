// `npm run cli -- <command> [text] [--option value…] [--json]`: one answer, or with --json and no text, one JSON line per input line.
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { mainOption, optionsOf, type CommandOptions, type SlashCommand } from '../command.ts';
import { err, ok, type Result } from '../result.ts';
import { toJson } from '../render/json.ts';
import { renderText } from '../render/text.ts';
import { openForFrontEnd } from '../startup.ts';
import { findCommand, helpText, parseLine, readOptions, runParsed, textCommands, textOptions, type Parsed } from './commands.ts';

/** Every option any command takes is a flag (`--count 2`, `--article notes`): read from the commands' definitions. */
const OPTION_FLAGS = [...new Set(textCommands.flatMap((c) => [...textOptions(c).keys()]))];

const FLAGS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(OPTION_FLAGS.map((name) => [name, { type: 'string' }])),
} satisfies ParseArgsConfig['options'];

export const USAGE = [
  'usage: npm run cli -- <command> [text] [--option value…] [--json]',
  '',
  "The text fills the command's main option; --name value sets any other (e.g. --count 2, --article notes).",
  'With --json and no text, each line of standard input is one query, answered with one JSON object a line.',
  '',
  helpText(),
].join('\n');

/** Exit codes: 0 answered, 1 a query could not be answered (or the corpus not loaded), 2 a usage error. */
async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (e) {
    console.error(`citebot: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const positionals = parsed.positionals;
  const [name, ...words] = positionals;
  if (values.help || name === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!name) {
    console.error(USAGE);
    return 2;
  }
  const found = findCommand(name);
  if (!found.ok) {
    console.error(`citebot: ${found.error}\n\n${USAGE}`);
    return 2;
  }
  const command = found.value;
  const flags = new Map(OPTION_FLAGS.flatMap((o) => (typeof values[o] === 'string' ? [[o, values[o]] as const] : [])));
  const main = mainOption(command);
  // Check the flags before any work: a bad one is a usage error, whatever the text.
  const checked =
    words.length > 0 && !main ? { ok: false as const, error: `/${command.data.name} takes no text` } : readOptions(command, flags, false);
  if (!checked.ok) {
    console.error(`citebot: ${checked.error}\n\n${USAGE}`);
    return 2;
  }
  const json = values.json === true;
  const index = openForFrontEnd();
  if (!index) return 1;
  const answerText = async (text: string): Promise<boolean> => {
    // The text reads as a console line does (`students article: notes`); flags fill what it leaves unset.
    const line = parseLine(`/${command.data.name} ${text}`);
    const result = await runParsed(
      index,
      line.ok && line.value.kind === 'command' ? withFlags(line.value.command, line.value.options, flags) : line,
    );
    if (!result.ok) {
      if (json) console.log(JSON.stringify({ error: result.error }));
      else console.error(result.error);
      return false;
    }
    if (result.value === 'help') console.log(helpText());
    else console.log(json ? JSON.stringify(toJson(result.value)) : renderText(result.value, { more: '' }));
    return true;
  };
  if (json && words.length === 0 && main !== undefined && !flags.has(main)) {
    let allOk = true;
    for await (const line of createInterface({ input: process.stdin })) if (line.trim()) allOk = (await answerText(line)) && allOk;
    return allOk ? 0 : 1;
  }
  return (await answerText(words.join(' '))) ? 0 : 1;
}

/** A command's options from its text, with the flags for those it did not set. */
function withFlags(command: SlashCommand, fromText: CommandOptions, flags: ReadonlyMap<string, string>): Result<Parsed, string> {
  const options = readOptions(command, new Map([...flags].filter(([name]) => fromText[name] === undefined)), false);
  if (!options.ok) return options;
  const all = { ...options.value, ...fromText };
  const missing = optionsOf(command).find((o) => o.required && all[o.name] === undefined);
  return missing ? err(`/${command.data.name}: ${missing.name} is required`) : ok({ kind: 'command', command, options: all });
}

process.exitCode = await main(process.argv.slice(2));
