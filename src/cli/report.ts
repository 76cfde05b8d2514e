// `npm run report [-- --since 7d] [--guild ID] [--json]`: the curator's report (every server's, or one), read from the store.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../store/sqlite.ts';
import type { Config } from '../config.ts';
import { openCorpus } from '../engine.ts';
import { parseArgs, USAGE } from '../report/args.ts';
import { reportJson, reportText } from '../report/format.ts';
import { citationLabels } from '../report/labels.ts';
import { configOrExit } from '../startup.ts';
import { DB_FILE, openSqliteStore, openStore, type Store } from '../store/index.ts';

/** A report over months of a busy server's answers may take a while; a person is waiting, not Discord. */
const REPORT_TIMEOUT_MS = 60_000;

/** The configured store; an empty one, without creating files, where SQLite has recorded nothing yet. */
async function storeToRead(config: Config): Promise<Store> {
  if (!config.databaseUrl && !existsSync(join(config.dataDir, DB_FILE))) {
    console.error(`citebot: nothing recorded yet (no ${join(config.dataDir, DB_FILE)}).`);
    return openSqliteStore(openDatabase(':memory:'), { storeQuestions: false }, { timeoutMs: REPORT_TIMEOUT_MS });
  }
  return openStore(
    { dataDir: config.dataDir, databaseUrl: config.databaseUrl, storeQuestions: config.storeQuestions },
    { timeoutMs: REPORT_TIMEOUT_MS },
  );
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if ('help' in args) {
    console.log(USAGE);
    return 0;
  }
  if ('error' in args) {
    console.error(args.error);
    return 2;
  }
  const config = configOrExit();
  // Article titles and section headings for the citation ids, from the (usually cached) corpus.
  const index = args.json ? undefined : openCorpus(config.corpusDir, { cacheDir: config.cacheDir });
  const store = await storeToRead(config);
  if (store.backend === 'none') return 1; // openStore has said why, in one line
  try {
    const report = await store.report(args.since, { guildId: args.guildId });
    if (!report.ok) {
      console.error(`citebot: the store could not be read (${report.error.code ?? report.error.reason}).`);
      return 1;
    }
    if (args.json) {
      console.log(JSON.stringify(reportJson(report.value)));
    } else {
      console.log(reportText(report.value, index?.ok ? citationLabels(index.value) : undefined));
    }
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
