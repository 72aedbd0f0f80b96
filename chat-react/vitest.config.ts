import { defineConfig } from 'vitest/config';

// Unit tests of the client core: plain TypeScript, no browser, no server.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
