// The worker-side shard state, in-process: which participants a checkpoint reports.
import { describe, expect, it } from 'vitest';
import { ShardState } from '../../../engine/runtime/shardState';
import { lineBatchOfEvents } from '../../../engine/batch/lineBatch';
import { compileHunt } from '../../../engine/hunt/compile';
import { LogFront } from '../../../engine/log/front';
import { ParticipantTable } from '../../../engine/replay/participants';
import { encodeParticipantState, fromStored } from '../../../engine/state/participant-state';
import { SYNTHETIC_HUNT, syntheticLog } from './harness';

const join = (t: number, p: string) => ({ t, p, type: 'join' as const });

describe('ShardState checkpoint deltas', () => {
  it('reports each changed participant once, and nothing when nothing changed', () => {
    const s = new ShardState(SYNTHETIC_HUNT);
    expect(s.applyBatch([join(0, 'a'), join(0, 'b'), { t: 1, p: 'a', type: 'position', lat: 10, lon: 10 }])).toEqual([null, null, null]);
    expect(s.checkpoint().map((c) => c.p)).toEqual(['a', 'b']);
    expect(s.checkpoint()).toEqual([]);
    // Rejections that change nothing do not mark a participant.
    expect(s.applyBatch([join(2, 'a'), { t: 2, p: 'b', type: 'hint', step: 'final' }, { t: 2, p: 'ghost', type: 'quit' }])).toEqual([
      'duplicate-join',
      'step-not-available',
      'unknown-participant',
    ]);
    expect(s.checkpoint()).toEqual([]);
  });

  it('marks the participants a finalize changed (deadlines), not the others', () => {
    const s = new ShardState(SYNTHETIC_HUNT);
    s.applyBatch([join(0, 'slow'), join(0, 'quitter'), { t: 1, p: 'quitter', type: 'quit' }]);
    s.checkpoint();
    s.finalize(30); // no deadline has passed yet
    expect(s.checkpoint()).toEqual([]);
    s.finalize(1000); // the hunt limit (400 s) times 'slow' out; 'quitter' has no deadlines
    expect(s.checkpoint().map((c) => c.p)).toEqual(['slow']);
    expect(s.inspect('slow')?.status).toBe('timed_out');
    expect(s.statusCounts()).toEqual({ active: 0, finished: 0, timed_out: 1, quit: 1 });
  });

  it("learns what a finalize changed from the table, which leaves a state handed out before as it was", () => {
    const table = new ParticipantTable(compileHunt(SYNTHETIC_HUNT));
    for (const e of [join(0, 'z-slow'), join(0, 'quitter'), join(0, 'a-slow'), { t: 1, p: 'quitter', type: 'quit' as const }]) table.apply(e);
    expect(table.finalize(30)).toEqual([]); // no deadline has passed yet
    const before = table.inspect('z-slow')!;
    const json = JSON.stringify(before);
    // The hunt limit (400 s) times both slow ones out, in join order; the one who quit has no deadlines.
    expect(table.finalize(1000)).toEqual(['z-slow', 'a-slow']);
    expect(JSON.stringify(before)).toBe(json);
    expect(table.inspect('z-slow')?.status).toBe('timed_out');
    expect(table.finalize(2000)).toEqual([]);
  });

  it('serialises a checkpoint in slices as of the call, while later events are applied in between', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const reference = new ShardState(SYNTHETIC_HUNT);
    const s = new ShardState(SYNTHETIC_HUNT);
    for (const state of [reference, s]) state.applyBatch(ids.map((p) => join(0, p)));
    const expected = reference.checkpoint();
    // Between slices, the thread takes later calls: here every participant quits.
    let turns = 0;
    const later = () => {
      s.applyBatch([{ t: 1 + turns, p: ids[turns], type: 'quit' }]);
      turns++;
      return Promise.resolve();
    };
    const got = await s.checkpointInSlices(2, later);
    expect(turns).toBe(3); // 5 participants in slices of 2
    expect(got).toEqual(expected);
    expect(got.every((c) => JSON.parse(c.json).status === 'active')).toBe(true);
    // What changed meanwhile belongs to the next checkpoint.
    expect(s.checkpoint().map((c) => c.p)).toEqual(['a', 'b', 'c']);
  });

  it('writes a checkpoint within as many events as it has snapshots once the next one is asked for, even with no free turn', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    const s = new ShardState(SYNTHETIC_HUNT);
    s.applyBatch(ids.map((p) => join(0, p)));
    const done: string[][] = [];
    // The event loop is always busy with batches: the turn never comes.
    const never = () => new Promise<void>(() => undefined);
    void s.checkpointInSlices(10, never).then((c) => done.push(c.map((e) => e.p)));
    const ghosts = (t: number) => [{ t, p: 'ghost', type: 'quit' as const }, { t, p: 'ghost', type: 'quit' as const }, { t, p: 'ghost', type: 'quit' as const }];
    for (let k = 0; k < 20; k++) s.applyBatch(ghosts(1));
    await Promise.resolve();
    expect(done).toEqual([]); // one checkpoint pending: it waits for a free turn
    s.applyBatch([{ t: 2, p: ids[0], type: 'quit' }]);
    void s.checkpointInSlices(10, never).then((c) => done.push(c.map((e) => e.p)));
    for (let k = 0; k < 16; k++) s.applyBatch(ghosts(3));
    await Promise.resolve();
    expect(done).toEqual([]); // 48 of 50 written
    s.applyBatch(ghosts(4));
    await Promise.resolve();
    expect(done[0]).toEqual(ids);
  });

  it('answers checkpoints in the order they were asked for, even a small one after a big one', async () => {
    const s = new ShardState(SYNTHETIC_HUNT);
    s.applyBatch(['a', 'b', 'c', 'd', 'e'].map((p) => join(0, p)));
    const answered: string[] = [];
    // A turn of the event loop: later calls (here, more events and a second checkpoint) run in between.
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
    const big = s.checkpointInSlices(1, turn).then((c) => (answered.push('big'), c));
    s.applyBatch([{ t: 1, p: 'a', type: 'quit' }]);
    const small = s.checkpointInSlices(1, turn).then((c) => (answered.push('small'), c));
    const [first, second] = await Promise.all([big, small]);
    // The main thread's recovery base takes each answer as the newest state: order matters.
    expect(answered).toEqual(['big', 'small']);
    expect(first.map((c) => c.p)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(JSON.parse(first[0].json).status).toBe('active');
    expect(second.map((c) => c.p)).toEqual(['a']);
    expect(JSON.parse(second[0].json).status).toBe('quit');
  });

  it('restores participants from their snapshots, which then behave as before', () => {
    const a = new ShardState(SYNTHETIC_HUNT);
    a.applyBatch([join(0, 'x'), { t: 1, p: 'x', type: 'position', lat: 10, lon: 10 }]);
    const saved = a.checkpoint();
    const b = new ShardState(SYNTHETIC_HUNT);
    b.load(saved);
    const next = [{ t: 5, p: 'x', type: 'answer' as const, step: 'riddle', text: 'echo' }];
    expect(b.applyBatch(next)).toEqual(a.applyBatch(next));
    expect(b.results()).toEqual(a.results());
    expect(() => b.load([])).toThrow(/already holds participants/);
  });
});

describe('ParticipantTable.persistedJson', () => {
  it("is the participant-state encoding of the participant's state, and reads back to it, in every status", () => {
    const h = compileHunt(SYNTHETIC_HUNT);
    const table = new ParticipantTable(h);
    const front = new LogFront();
    for (const line of syntheticLog(3, 60)) {
      const verdict = front.acceptLine(line);
      if (verdict?.ok) table.apply(verdict.event);
    }
    const statuses = new Set<string>();
    const checkAll = () => {
      for (const id of table.ids()) {
        const state = table.inspect(id)!;
        expect(table.persistedJson(id)).toBe(encodeParticipantState(h, state));
        expect(table.persistParticipant(id)).toEqual(JSON.parse(table.persistedJson(id)!));
        expect(fromStored(h, table.persistParticipant(id))).toEqual(state);
        expect(table.stateValue(id)).toBe(state.status);
        statuses.add(state.status);
      }
    };
    checkAll();
    table.finalize(front.clock + 100_000); // every deadline has passed: the idle time out
    checkAll();
    expect([...statuses].sort()).toEqual(['active', 'finished', 'quit', 'timed_out']);
    expect(table.persistedJson('nobody')).toBeUndefined();
  });
});

describe('ParticipantTable.statusCounts', () => {
  it('is kept up to date through events, deadlines and a restore', () => {
    const h = compileHunt(SYNTHETIC_HUNT);
    const table = new ParticipantTable(h);
    const recount = (t: ParticipantTable) => {
      const counts = { active: 0, finished: 0, timed_out: 0, quit: 0 };
      for (const id of t.ids()) counts[t.inspect(id)!.status]++;
      return counts;
    };
    const front = new LogFront();
    const lines = syntheticLog(5, 80);
    lines.forEach((line, i) => {
      const verdict = front.acceptLine(line);
      if (verdict?.ok) table.apply(verdict.event);
      if (i % 50 === 0) expect(table.statusCounts()).toEqual(recount(table));
    });
    expect(table.statusCounts()).toEqual(recount(table));
    const restored = ParticipantTable.restore(h, table.persist());
    expect(restored.statusCounts()).toEqual(recount(table));
    restored.finalize(front.clock + 100_000);
    expect(restored.statusCounts()).toEqual(recount(restored));
    expect(restored.statusCounts().timed_out).toBeGreaterThan(recount(table).timed_out);
  });
});

describe('ShardState line batches', () => {
  it('applies a batch of JSON lines exactly like the events themselves', () => {
    const events = [join(0, 'a'), join(0, 'b'), { t: 1, p: 'a', type: 'position' as const, lat: 10, lon: 10 }, { t: 2, p: 'b', type: 'hint' as const, step: 'final' }];
    const fromObjects = new ShardState(SYNTHETIC_HUNT).applyBatch(events);
    const s = new ShardState(SYNTHETIC_HUNT);
    expect(s.applyBatch(lineBatchOfEvents(events.map((event, i) => ({ seq: i + 1, line: i + 1, event }))))).toEqual(fromObjects);
  });

  it('refuses a batch whose offsets do not match its rows', () => {
    const batch = lineBatchOfEvents([join(0, 'a'), join(0, 'b')].map((event, i) => ({ seq: i + 1, line: i + 1, event })));
    expect(() => new ShardState(SYNTHETIC_HUNT).applyBatch({ ...batch, offsets: batch.offsets.subarray(0, 2) })).toThrow(/applyBatch: offsets has 2 entries, 3 expected/);
  });
});
