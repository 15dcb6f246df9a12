// The e2e tests' wait: over when the condition holds, still waiting while the work
// moves, failing (with what stood still) once it stops moving or takes too long.
import { describe, expect, it } from 'vitest';
import { shownNumber, waitWhileProgressing } from './waitWhileProgressing';

describe('waitWhileProgressing', () => {
  it('keeps waiting past the stall time while the progress still changes', async () => {
    const started = Date.now();
    await waitWhileProgressing({
      what: 'the count reaches 1,500 ms',
      done: async () => Date.now() - started >= 1500,
      progress: async () => Date.now() - started,
      startMs: 600,
      stallMs: 600,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it('gives the work startMs to show its first progress, saying what and where it stood', async () => {
    const started = Date.now();
    await expect(waitWhileProgressing({ what: 'the run completes', done: async () => false, progress: async () => 22000, startMs: 700, stallMs: 100 })).rejects.toThrow(
      'waiting until the run completes: nothing moved for 1 s (progress stayed at 22000)',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });

  it('fails once the progress, having moved, stands still for the stall time', async () => {
    const started = Date.now();
    const reading = async () => Math.min(Date.now() - started, 300);
    await expect(waitWhileProgressing({ what: 'the run completes', done: async () => false, progress: reading, startMs: 10_000, stallMs: 2000 })).rejects.toThrow(
      'waiting until the run completes: nothing moved for 2 s (progress stayed at 300)',
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('without a progress reading, waits up to startMs for the condition', async () => {
    const started = Date.now();
    await waitWhileProgressing({ what: 'the answer', done: async () => Date.now() - started > 400, startMs: 5000 });
    await expect(waitWhileProgressing({ what: 'the answer', done: async () => false, startMs: 600 })).rejects.toThrow(/^waiting until the answer: not done for 1 s$/);
  });

  it('fails after the limit even while the progress moves', async () => {
    let n = 0;
    await expect(waitWhileProgressing({ what: 'it ends', done: async () => false, progress: async () => n++, startMs: 10_000, stallMs: 10_000, limitMs: 600 })).rejects.toThrow(/^waiting until it ends: still not done after 1 s/);
  });

  it('fails at once when done() throws (the run failed)', async () => {
    await expect(waitWhileProgressing({ what: 'x', done: async () => Promise.reject(new Error('the simulation failed')) })).rejects.toThrow('the simulation failed');
  });

  it('reads numbers as the page shows them', () => {
    expect(shownNumber('22,000 events')).toBe(22000);
    expect(shownNumber(null)).toBe(0);
    expect(shownNumber('–')).toBe(0);
  });
});
