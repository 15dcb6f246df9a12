import { defineConfig } from 'vitest/config';

// End-to-end tests: the studio page in headless Chromium (Debian's, via playwright-core)
// against the local web host. The global setup builds the page once if it is stale.
// Screenshots: test-results/.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/harness.ts'],
    testTimeout: 120_000,
    // A page waiting on the host can take seconds when the machine is busy: polls wait up to 15 s.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
    pool: 'forks',
    // Each file drives its own Chromium; two at a time is what a 2-core machine takes.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
