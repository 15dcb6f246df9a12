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
      stallMs: 600,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it('fails once the progress has not changed for the stall time, saying what and where it stood', async () => {
    const started = Date.now();
    await expect(waitWhileProgressing({ what: 'the run completes', done: async () => false, progress: async () => 22000, stallMs: 500 })).rejects.toThrow(
      'waiting until the run completes: nothing moved for 1 s (progress stayed at 22000)',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('fails after the limit even while the progress moves', async () => {
    let n = 0;
    await expect(waitWhileProgressing({ what: 'it ends', done: async () => false, progress: async () => n++, stallMs: 10_000, limitMs: 600 })).rejects.toThrow(/^waiting until it ends: still not done after 1 s/);
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
