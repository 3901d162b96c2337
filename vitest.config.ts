import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests share one machine with two cores: run files one at a time in each worker.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
