// The flags of `npm run bench`, read once for bench/run.ts and bench/reload.ts. Anything else is refused
// with the usage (exit 2): a mistyped flag must not start a benchmark that runs for minutes.
import { parseArgs } from 'node:util';

export const USAGE = `usage: npm run bench -- [--quick] [--json] [--sizes N,N,…] [--reload]
  --quick        stop at 1,000 articles (under a minute)
  --json         print one JSON document instead of the table
  --sizes N,N,…  these corpus sizes in articles (e.g. 1000,10000 or 100000); default 2,100,1000,10000
  --reload       what a corpus reload costs answers (default sizes 1000,10000)
  --tenants      one bot, many servers with articles of their own (bench/tenants.ts), with
                 [--base N] [--servers N] [--own N] [--budget N] [--asks N]
  --help         this text`;

export interface BenchArgs {
  readonly quick: boolean;
  readonly json: boolean;
  readonly reload: boolean;
  readonly tenants: boolean;
  /** Undefined: each benchmark's own default sizes. */
  readonly sizes: readonly number[] | undefined;
}

/** The bench's flags, or why they are wrong (a line for the user; the usage follows it). */
export function parseBenchArgs(argv: readonly string[]): { ok: true; value: BenchArgs | 'help' } | { ok: false; error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean' },
        json: { type: 'boolean' },
        reload: { type: 'boolean' },
        sizes: { type: 'string' },
        tenants: { type: 'boolean' },
        // bench/tenants.ts reads these itself.
        base: { type: 'string' },
        servers: { type: 'string' },
        own: { type: 'string' },
        budget: { type: 'string' },
        asks: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return { ok: false, error: `bench: ${(e as Error).message.split('\n')[0]}` };
  }
  if (values.help) return { ok: true, value: 'help' };
  let sizes: number[] | undefined;
  if (values.sizes !== undefined) {
    sizes = values.sizes.split(',').map(Number);
    const bad = values.sizes.split(',').find((s, i) => !/^\d+$/.test(s.trim()) || !(sizes![i]! >= 2));
    if (bad !== undefined) return { ok: false, error: `bench: --sizes: "${bad}" is not a number of articles (2 or more)` };
  }
  return {
    ok: true,
    value: {
      quick: Boolean(values.quick),
      json: Boolean(values.json),
      reload: Boolean(values.reload),
      tenants: Boolean(values.tenants),
      sizes,
    },
  };
}

/** The flags of this process, or the usage and exit: 0 for --help, 2 for a mistake. */
export function benchArgsOrExit(argv = process.argv.slice(2)): BenchArgs {
  const parsed = parseBenchArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n${USAGE}\n`);
    process.exit(2);
  }
  if (parsed.value === 'help') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  return parsed.value;
}
