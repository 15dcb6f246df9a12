// refWhileBusy (the query workers): a long-lived worker keeps the process alive only
// while one of its calls waits; a process that got its answers ends by itself.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('a channel with refWhileBusy', () => {
  it('keeps the process up for a waiting call, and lets it end once idle', () => {
    const script = join(import.meta.dirname, 'fixtures/busyOnly.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 40_000 });
    expect(run.error).toBeUndefined(); // no timeout: the idle worker did not hold the process
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('answered 42; waiting now: 0');
    expect(run.status).toBe(0);
  }, 60_000);
});
