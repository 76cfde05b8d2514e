import { DISCORD_ID } from '../config.ts';
import { parseSince } from './format.ts';

export const USAGE = 'usage: npm run report [-- --since 7d|12h|2w|YYYY-MM-DD] [--guild ID] [--json]';
export interface ReportArgs {
  readonly since: Date;
  readonly json: boolean;
  /** One server's report (`--guild ID`); undefined: every server's. */
  readonly guildId?: string | undefined;
}

/** A Discord server id: digits only (the configuration's rule). */
export const GUILD_ID = DISCORD_ID;

/** The command line, or the one line that says what is wrong with it. */
export function parseArgs(argv: readonly string[], now = new Date()): ReportArgs | { help: true } | { error: string } {
  let since = parseSince('7d', now)!;
  let json = false;
  let guildId: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') return { help: true };
    else if (arg === '--since' || arg.startsWith('--since=')) {
      const value = arg === '--since' ? argv[++i] : arg.slice('--since='.length);
      if (value === undefined) return { error: 'report: --since needs a period, e.g. 7d, 12h, 2w or 2026-11-01' };
      const at = parseSince(value, now);
      if (!at) return { error: 'report: --since takes a period such as 7d, 12h, 2w, or a date such as 2026-11-01' };
      since = at;
    } else if (arg === '--guild' || arg.startsWith('--guild=')) {
      const value = arg === '--guild' ? argv[++i] : arg.slice('--guild='.length);
      if (value === undefined || !GUILD_ID.test(value)) return { error: 'report: --guild takes a Discord server id (digits only)' };
      guildId = value;
    } else return { error: `report: unknown option (${arg.startsWith('-') ? arg.slice(0, 20) : 'a word'}); ${USAGE}` };
  }
  return { since, json, guildId };
}
