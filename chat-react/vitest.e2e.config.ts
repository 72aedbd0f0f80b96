import { defineConfig } from 'vitest/config';

// End-to-end tests: a real local run (two nodes) and Debian's Chromium driven by playwright-core.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 540_000,
    fileParallelism: false,
  },
});
