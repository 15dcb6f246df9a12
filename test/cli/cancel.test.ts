// The long in-memory commands (compare, sweep, fork) share runCancellable: Ctrl-C cancels
// the work and exits 130 with a note; failures reach the designer as CliErrors.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCancellable } from '../../cli/cancel';
import { CliError } from '../../cli/errors';

afterEach(() => vi.restoreAllMocks());

describe('runCancellable', () => {
  it('gives the work its exit code and lets go of Ctrl-C afterwards', async () => {
    const before = process.listenerCount('SIGINT');
    expect(await runCancellable('sweep', 'sweeping', async () => 0)).toBe(0);
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('cancels on Ctrl-C: the work sees the signal, the command exits 130 and says how far it got', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let seen = false;
    const code = await runCancellable(
      'sweep',
      'sweeping',
      ({ signal }) =>
        new Promise<number>((_, reject) => {
          signal.addEventListener('abort', () => {
            seen = true;
            reject(new Error('aborted'));
          });
          process.emit('SIGINT');
        }),
      () => ' after 3 of 9 points',
    );
    expect(code).toBe(130);
    expect(seen).toBe(true);
    const written = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(written).toContain('hunt sweep: cancelling');
    expect(written).toContain('hunt sweep: cancelled after 3 of 9 points\n');
  });

  it('turns a failure into a CliError with its message, and passes a CliError on unchanged', async () => {
    await expect(runCancellable('compare', 'comparing', async () => Promise.reject(new Error('profile "x": unknown field')))).rejects.toSatisfy(
      (e: unknown) => e instanceof CliError && e.message === 'profile "x": unknown field',
    );
    const own = new CliError('B.hunt.json: not found');
    await expect(runCancellable('compare', 'comparing', async () => Promise.reject(own))).rejects.toBe(own);
  });
});
