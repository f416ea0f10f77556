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
    reporters: resultsFile === undefined ? ['default'] : ['default', 'json'],
    ...(resultsFile === undefined ? {} : { outputFile: { json: resultsFile } }),
  },
});
