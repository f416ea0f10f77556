import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// CI asks for the runner's own counts through this variable (see .ci/run).
const resultsFile = process.env.AA_SYNC_TEST_RESULTS;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/no-leaks.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Most test files spend their time waiting on child processes and emulators,
    // not on the CPU, so two files at once even on a 2-core machine (vitest's own
    // default there is one): `npm test` went from 6 min 50 s to 4 min 10 s.
    maxWorkers: Math.max(2, availableParallelism()),
    reporters: resultsFile === undefined ? ['default'] : ['default', 'json'],
    ...(resultsFile === undefined ? {} : { outputFile: { json: resultsFile } }),
  },
});
