import { defineConfig } from 'vitest/config';

// Unit, property, contract and fault tests. End-to-end browser tests have their
// own config (vitest.e2e.config.ts) because they need a built renderer and Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
