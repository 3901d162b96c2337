import { defineConfig } from 'vitest/config';

/**
 * Two groups of tests:
 * - unit: in-process and fast (compiler, diagnostics, scoring, state, formats, stores);
 *   `npm run test:unit` runs them alone in seconds;
 * - e2e (`*.e2e.test.ts`): real Chromium, child processes, whole-catalogue builds.
 * No test asserts a duration: on a busy machine they get slower, never red, so every
 * wait is a condition polled with generous limits.
 */
export default defineConfig({
  test: {
    // Two cores: one test file per core at a time.
    maxWorkers: 2,
    // One temporary folder per run, removed at its end.
    globalSetup: ['test/support/scratch-tmp.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // In-process tests share each worker's module graph instead of importing the
          // compiler afresh for every file (most of a unit file's time was that import).
          isolate: false,
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          isolate: false,
          include: ['test/**/*.e2e.test.ts'],
          // The catalogue parsed once, on both cores, before the files that build all of it start.
          globalSetup: ['test/support/warm-catalogue.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          expect: { poll: { timeout: 60_000, interval: 100 } },
        },
      },
    ],
  },
});
