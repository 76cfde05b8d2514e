import { configDefaults, defineConfig } from 'vitest/config';

// Two projects. `unit` is the edit-test loop (`npm run test:unit`): pure functions, the corpus, the
// in-process dispatcher, the console. `e2e` starts processes and servers: the real discord.js client
// against the Discord stand-in, the stand-in's own tests, the benchmark and load runs, and any
// evaluation on the generated benchmark corpus, and the store's tests on a real PostgreSQL server.
// `npm test` runs both, as CI does. The unit files share each worker's modules (isolate: false): the
// word tables and the real corpus's index are read once per worker, not once per file (89 s → 48 s
// here), so a unit test must not leave module state behind (none does; the store and the live
// corpus are handed in, never set globally).
const slow = [
  'test/e2e/**/*.test.ts',
  'test/store/store.test.ts',
  'test/store/changes.test.ts',
  // Servers' indexes are built in worker threads, as in the bot.
  'test/tenancy/corpora.test.ts',
  'test/support/**/*.test.ts',
  'test/bench/**/*.test.ts',
  'test/eval/**/*bench*.test.ts',
  'test/eval/squad.test.ts',
  // The command-line programs, run as processes (the import's also against a local web server).
  'test/cli/oneshot.test.ts',
  'test/cli/report.test.ts',
  'test/cli/import.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...slow], isolate: false },
      },
      {
        extends: true,
        // Child processes and servers start slower on a busy machine: generous waits, which assert nothing about speed.
        test: { name: 'e2e', include: slow, testTimeout: 60_000, hookTimeout: 60_000 },
      },
    ],
  },
});
