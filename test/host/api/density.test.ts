// The density strip of a large run is made from clock samples, not by reading every
// event: it must agree with the exact count (within the sampling error) and stay fast
// on a million events, where the exact count reads the whole log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../db/open';
import { saveHuntVersion } from '../../../db/hunts';
import { createRun } from '../../../db/runs';
import { densityOf, DENSITY_SAMPLES, EXACT_DENSITY_LIMIT, exactDensity, sampledDensity } from '../../../host/api/runs/density';

const EVENTS = 1_000_000;
let dir: string;
let db: Db;
let runId: number;
let rejectedTotal = 0;

/**
 * A synthetic log: a quiet start, a dense burst in the middle, a slow tail; every 997th
 * line rejected, every 5,003rd going back in time, every 7,919th without a time.
 */
function fill(): void {
  const insert = db.prepare('INSERT INTO events (run_id, seq, line, t, p, type, raw, rejection) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    let t = 100;
    for (let seq = 1; seq <= EVENTS; seq++) {
      const f = seq / EVENTS;
      t += f < 0.2 ? 0.5 : f < 0.7 ? 0.01 : 0.2;
      let rejection: string | null = null;
      let at: number | null = Math.round(t * 1000) / 1000;
      if (seq % 5003 === 0) {
        at = at - 50;
        rejection = 'time-backwards';
      } else if (seq % 7919 === 0) {
        at = null;
        rejection = 'malformed';
      } else if (seq % 997 === 0) rejection = 'step-not-available';
      if (rejection) rejectedTotal++;
      insert.run(runId, seq, seq, at, `p${seq % 1000}`, 'answer', '{}', rejection);
    }
  })();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'density-'));
  db = openDatabase(join(dir, 'd.db'));
  const version = saveHuntVersion(db, { id: 'synthetic', title: 'Synthetic' });
  runId = createRun(db, { kind: 'replay', name: 'big', huntVersion: version, checkpointEvery: 10_000 });
  fill();
}, 120_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('density strip of a large run', () => {
  it('agrees with the exact count within the sampling error, with every event counted once', () => {
    const exact = exactDensity(db, runId, 240);
    const sampled = sampledDensity(db, runId, 240, EVENTS);
    expect(sampled.events).toBe(EVENTS);
    expect(sampled.buckets.reduce((a, b) => a + b, 0)).toBe(EVENTS);
    expect(sampled.rejections.reduce((a, b) => a + b, 0)).toBe(rejectedTotal);
    expect(sampled.firstT).toBe(exact.firstT);
    expect(sampled.lastT).toBe(exact.lastT);
    // A slice boundary is off by at most the distance between two samples (both ends of a slice can be).
    const step = Math.ceil(EVENTS / DENSITY_SAMPLES);
    let cumExact = 0;
    let cumSampled = 0;
    for (let b = 0; b < 240; b++) {
      cumExact += exact.buckets[b];
      cumSampled += sampled.buckets[b];
      expect(Math.abs(cumExact - cumSampled), `events before the end of slice ${b}`).toBeLessThanOrEqual(step);
    }
    // The shape is the log's: the dense middle shows as the tallest slices.
    const tallest = sampled.buckets.indexOf(Math.max(...sampled.buckets));
    expect(exact.buckets[tallest]).toBeGreaterThan(0.95 * Math.max(...exact.buckets));
    expect(Math.max(...sampled.buckets)).toBeGreaterThan(20 * Math.min(...sampled.buckets));
  }, 60_000);

  it('answers a million-event run in well under 250 ms (the exact count reads every event)', () => {
    densityOf(db, runId, 240); // statements prepared, pages warm
    // CPU time, not wall time: other work on a busy machine must not fail this test.
    const cpu0 = process.cpuUsage();
    const strip = densityOf(db, runId, 240);
    const cpu = process.cpuUsage(cpu0);
    expect(strip.events).toBe(EVENTS);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(250);
  });

  it('counts small runs exactly', () => {
    expect(EXACT_DENSITY_LIMIT).toBeLessThan(EVENTS);
    const version = saveHuntVersion(db, { id: 'small', title: 'Small' });
    const small = createRun(db, { kind: 'replay', name: 'small', huntVersion: version, checkpointEvery: 10_000 });
    const insert = db.prepare('INSERT INTO events (run_id, seq, line, t, p, type, raw, rejection) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const [seq, t, rejection] of [
      [1, 0, null],
      [2, 5, null],
      [3, 2, 'time-backwards'],
      [4, 10, 'step-not-available'],
    ] as const)
      insert.run(small, seq, seq, t, 'a', 'answer', '{}', rejection);
    expect(densityOf(db, small, 2)).toEqual({ buckets: [1, 3], rejections: [0, 2], firstT: 0, lastT: 10, events: 4 });
  });
});
