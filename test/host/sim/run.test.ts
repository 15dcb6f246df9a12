import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { iterateEvents } from '../../../db/events';
import { compileHunt } from '../../../engine/hunt/compile';
import { replayLines } from '../../../engine/replay/replay';
import { defaultProfiles } from '../../../engine/sim/presets';
import { runSimulation } from '../../../host/sim/run';
import { runMonteCarlo } from '../../../host/sim/monte-carlo';
import { analyzeStoredRun } from '../../../host/sim/analytics';
import { fairHunt, parkHunt } from '../../engine/sim/helpers';

const dir = mkdtempSync(join(tmpdir(), 'hunt-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hunt = parkHunt();

describe('runSimulation', () => {
  it('stores a byte-identical log for W = 1, 2 and 4, equal to --out, and a replay of it gives the simulation own results', async () => {
    const logs: string[] = [];
    let first: Awaited<ReturnType<typeof runSimulation>> | null = null;
    for (const workers of [1, 2, 4]) {
      const db = join(dir, `w${workers}.db`);
      const out = join(dir, `w${workers}.jsonl`);
      const outcome = await runSimulation({ db, hunt, participants: 80, seed: 21, profiles: defaultProfiles(), workers, out });
      expect(outcome.status).toBe('completed');
      const file = readFileSync(out, 'utf8');
      const conn = openDatabase(db, { readonly: true });
      const stored = [...iterateEvents(conn, outcome.runId)].map((e) => e.raw);
      conn.close();
      expect(stored.join('\n') + '\n').toBe(file);
      logs.push(file);
      expect(outcome.result!.participants).toEqual(outcome.participants);
      first ??= outcome;
    }
    expect(logs[1]).toBe(logs[0]);
    expect(logs[2]).toBe(logs[0]);
    const replay = await replayLines(compileHunt(hunt), logs[0].split('\n'));
    expect(replay.participants).toEqual(first!.participants);
    expect(replay).toEqual(first!.result);
  });

  it('hunt/2 (choices, judging, bonus, branches, an opening, a rotation): the same log for W = 1 and 2, replaying to its own results and summary', async () => {
    const v2 = fairHunt();
    const logs: string[] = [];
    const outcomes: Awaited<ReturnType<typeof runSimulation>>[] = [];
    for (const workers of [1, 2]) {
      const db = join(dir, `v2-w${workers}.db`);
      const out = join(dir, `v2-w${workers}.jsonl`);
      const outcome = await runSimulation({ db, hunt: v2, participants: 90, seed: 17, profiles: defaultProfiles(), workers, out });
      expect(outcome.status).toBe('completed');
      expect(outcome.result!.participants).toEqual(outcome.participants);
      const conn = openDatabase(db, { readonly: true });
      try {
        expect(await analyzeStoredRun(conn, outcome.runId)).toEqual(outcome.summary);
      } finally {
        conn.close();
      }
      logs.push(readFileSync(out, 'utf8'));
      outcomes.push(outcome);
    }
    expect(logs[1]).toBe(logs[0]);
    expect(outcomes[1].summary).toEqual(outcomes[0].summary);
    expect(logs[0]).toContain('"type":"judge"');
    expect(outcomes[0].summary.judging!.submissions).toBeGreaterThan(0);
    const replay = await replayLines(compileHunt(v2), logs[0].split('\n'));
    expect(replay).toEqual(outcomes[0].result);
  });

  it('the stored run summarises like the simulation itself', async () => {
    const db = join(dir, 'summary.db');
    const outcome = await runSimulation({ db, hunt, participants: 50, seed: 4, profiles: defaultProfiles(), workers: 2 });
    const conn = openDatabase(db, { readonly: true });
    try {
      expect(await analyzeStoredRun(conn, outcome.runId)).toEqual(outcome.summary);
      expect((await analyzeStoredRun(conn, outcome.runId, 50)).participants).toBeLessThanOrEqual(50);
      await expect(analyzeStoredRun(conn, 999)).rejects.toThrow(/run 999/);
    } finally {
      conn.close();
    }
  });

  it('Monte Carlo runs K seeds and reports the spread', async () => {
    const mc = await runMonteCarlo({ db: join(dir, 'mc.db'), hunt, participants: 20, seed: 100, profiles: defaultProfiles(), workers: 1, runs: 2 });
    expect(mc.runs.map((r) => r.seed)).toEqual([100, 101]);
    expect(mc.spread.runs).toBe(2);
    expect(mc.spread.finishRate.mean).not.toBeNull();
  });

  it('refuses an invalid hunt naming the problem', async () => {
    await expect(runSimulation({ db: join(dir, 'x.db'), hunt: { ...hunt, steps: [] }, participants: 5, seed: 1, profiles: defaultProfiles() })).rejects.toThrow(/not valid.*\/steps/);
  });
});
