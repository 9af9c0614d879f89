import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites start real peers (ipmi_sim, DynamoDB Local) on fixed loopback ports per file.
    fileParallelism: true,
    pool: 'forks',
    // Two files at a time even on a 2-core machine (vitest's default there is one): most of a file's
    // time is spent waiting on peers, timeouts and child processes, not on this process's CPU.
    maxWorkers: 2,
  },
});
