import { parseArgs, type ParseArgsConfig } from 'node:util';

const HELP = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** Where a command-line tool writes. */
export interface ToolIo {
  readonly out: (line: string) => void;
  readonly error: (line: string) => void;
}

/**
 * A tool's command line, parsed strictly with `--help` added; or its exit
 * code when there is nothing more to do: 0 after printing the usage for
 * --help, 2 after one line saying what is wrong and the usage.
 */
export function parseToolArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  tool: string,
  usage: string,
  argv: readonly string[],
  options: O,
  io: ToolIo,
) {
  const config = { args: [...argv], allowPositionals: true as const, strict: true as const, options: { ...options, ...HELP } };
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    io.error(`citebot ${tool}: ${(e as Error).message.split('\n')[0]}`);
    io.error(usage);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(usage);
    return 0;
  }
  return parsed;
}
