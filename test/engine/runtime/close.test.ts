// close() terminates every worker thread: a process that starts a runtime, uses it and
// closes it must exit on its own (a leaked thread would keep it alive).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('ShardedRuntime.close()', () => {
  it('leaves nothing that keeps the process alive', () => {
    const script = join(import.meta.dirname, 'fixtures/startAndClose.ts');
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 25_000 });
    // The busy worker was terminated, not waited for (its batch takes 30 s).
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toMatch(/^closed 3 workers after 1 restart; results: 8; pending: the sharded runtime was closed \(shard \d\)$/);
    expect(run.status).toBe(0);
  });
});
