// The engine benchmark's hunt/2 workload (bench/workload-v2.ts) stays what docs/performance.md
// says it is: a clean hunt/2 file of the hunt/1 workload's size whose log exercises every v2
// event type and rule path, mostly accepted, so the hunt/2 ÷ hunt/1 ratio compares like with like.
import { describe, expect, it } from 'vitest';
import { compileHunt } from '../../../engine/hunt/compile';
import { EVENT_TYPES } from '../../../engine/log/types';
import { replayLines } from '../../../engine/replay/replay';
import { eventLine, STEPS, workload } from '../../../bench/workload';
import { BENCH_WORKLOADS } from '../../../bench/workloads';

describe('the benchmark hunt/2 workload', () => {
  it('is a 20-step hunt/2 file with no errors or warnings, whose log uses every event type and every v2 rule path', async () => {
    const w = BENCH_WORKLOADS['hunt/2'];
    const hunt = w.hunt(); // throws unless it validates clean
    expect(hunt.format).toBe('hunt/2');
    expect(hunt.steps).toHaveLength(STEPS);
    const h = compileHunt(hunt);
    const lines: string[] = [];
    const types = new Set<string>();
    for (const chunk of workload(h, 300, undefined, w.script)) for (const e of chunk) {
      lines.push(eventLine(e));
      types.add(e.type);
    }
    expect([...types].sort()).toEqual([...EVENT_TYPES].sort());
    const r = await replayLines(h, lines);
    const count = (f: (p: (typeof r.participants)[number]) => boolean) => r.participants.filter(f).length;
    expect(count((p) => p.status === 'finished')).toBeGreaterThan(100);
    expect(count((p) => p.failed.includes('s1') && p.solved.includes('s3'))).toBeGreaterThan(10); // the detour after a failed choice
    expect(count((p) => p.solved.includes('s10'))).toBeGreaterThan(50); // the score bonus
    expect(count((p) => p.solved.includes('s7'))).toBeGreaterThan(250); // the judged station
    // Participant k joined k-th (J = k): it meets the stations from s(5 + k mod 3) on (hunt-v2 §3.6).
    let rotated = 0;
    for (const p of r.participants) {
      const first = p.solved.find((s) => ['s5', 's6', 's7'].includes(s));
      if (first === undefined) continue;
      expect(first).toBe(`s${5 + (Number(p.id.slice('team-'.length)) % 3)}`);
      rotated++;
    }
    expect(rotated).toBeGreaterThan(250);
    const reasons = new Set(r.rejected.map((x) => x.reason));
    expect(r.rejected.length / lines.length).toBeLessThan(0.15);
    expect(reasons.has('step-not-available')).toBe(true);
  });
});
