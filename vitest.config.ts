import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites start real peers (ipmi_sim, DynamoDB Local) on fixed loopback ports per file.
    fileParallelism: true,
    pool: 'forks',
  },
});
