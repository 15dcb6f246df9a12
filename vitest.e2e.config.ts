import { defineConfig } from 'vitest/config';

// End-to-end tests: the studio page in headless Chromium (Debian's, via playwright-core)
// against the local web host. The global setup builds the page once if it is stale.
// Screenshots: test-results/.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/harness.ts'],
    // A backstop only: tests wait while the work they wait on still moves, and fail when it
    // stalls (test/e2e/waitWhileProgressing.ts; no single wait exceeds its LIMIT_MS, 10 min).
    testTimeout: 900_000,
    // A page waiting on the host can take long when the machine is busy (its query threads
    // starting, say): polls wait up to 2 min.
    expect: { poll: { timeout: 120_000 } },
    hookTimeout: 300_000,
    pool: 'forks',
    // Each file drives its own Chromium; two at a time is what a 2-core machine takes.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
