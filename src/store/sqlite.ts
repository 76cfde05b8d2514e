// The SQLite driver for this Node. better-sqlite3 12 wraps its objects in node::ObjectWrap, whose
// destructor on Node 24.19 and later checks for a live environment: a statement collected by an idle
// garbage collection, or at exit, aborts the process (nodejs/node#65446). Version 13 is built on
// Node-API and is safe there, but crashes on Node 20, which it no longer supports. So each Node gets
// the version made for it; both are installed (the older one under an npm alias), with one API.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);
const major = Number(process.versions.node.split('.')[0]);

/** The package this Node loads: Node-API's build from Node 22 on, the older one on Node 20. */
export const SQLITE_PACKAGE = major >= 22 ? 'better-sqlite3' : 'better-sqlite3-node20';

export type Database = BetterSqlite3.Database;

let driver: typeof BetterSqlite3 | undefined;

/**
 * Opens a SQLite database with the driver for this Node. Loaded on first use, not at import: the
 * older driver is an optional dependency (compiled at install), and where it is missing only the
 * feedback store is lost, with the store's one line saying so, not the whole bot.
 */
export function openDatabase(file: string, options?: BetterSqlite3.Options): Database {
  driver ??= require(SQLITE_PACKAGE) as typeof BetterSqlite3;
  return new driver(file, options);
}
