// Single-thread replay: the spec's worked example, participant order, --until,
// the table's persist/restore contract, and how results are shown.
import { describe, expect, it, vi } from 'vitest';
import { StateMachine } from 'xstate';
import { compileHunt } from '../../../engine/hunt/compile';
import type { ParticipantResult } from '../../../engine/log/types';
import { compareCodePoints } from '../../../engine/replay/order';
import { ParticipantTable } from '../../../engine/replay/participants';
import { RejectionList } from '../../../engine/replay/rejections';
import { formatLineList, rankParticipants } from '../../../engine/replay/report';
import { replayLines } from '../../../engine/replay/replay';
import { huntOf } from '../rules/helpers';
import { EXAMPLE_HUNT, EXAMPLE_LOG, EXAMPLE_RESULT } from './example-hunt';

const h = compileHunt(EXAMPLE_HUNT);

describe('replayLines', () => {
  it('gives the result of the spec worked example', async () => {
    expect(await replayLines(h, EXAMPLE_LOG)).toEqual(EXAMPLE_RESULT);
  });

  it('reads async line sources too', async () => {
    async function* lines() {
      yield* EXAMPLE_LOG;
    }
    expect(await replayLines(h, lines())).toEqual(EXAMPLE_RESULT);
  });

  it('sorts participants by id in code-point order, not UTF-16 or locale order', async () => {
    const ids = ['b', 'B', 'é', 'z', '\uFF21', '😀', 'a10', 'a9'];
    const r = await replayLines(h, ids.map((p) => JSON.stringify({ t: 0, p, type: 'join' })));
    expect(r.participants.map((p) => p.id)).toEqual(['B', 'a10', 'a9', 'b', 'z', 'é', '\uFF21', '😀']);
  });

  it('with until, stops at the first line whose valid time is later, and takes the result at that time', async () => {
    const r = await replayLines(h, EXAMPLE_LOG, { until: 75 });
    expect(r).toMatchObject({ events: 4, applied: 4, rejected: [], endTime: 75 });
    expect(r.participants[0]).toMatchObject({ status: 'active', solved: ['start', 'riddle'], hintsUsed: 1 });
  });

  it('with until before the step deadline versus after it', async () => {
    const lines = [EXAMPLE_LOG[0], EXAMPLE_LOG[1]];
    expect((await replayLines(h, lines, { until: 642.4 })).participants[0].failed).toEqual([]);
    expect((await replayLines(h, lines, { until: 642.5 })).participants[0].failed).toEqual(['riddle']);
  });

  it('applies every deadline up to the end of the log to everyone', async () => {
    const r = await replayLines(h, ['{"t":0,"p":"x","type":"join"}', '{"t":6000,"p":"y","type":"join"}']);
    expect(r.participants.map((p) => [p.id, p.status])).toEqual([['x', 'timed_out'], ['y', 'active']]);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by the user'));
    await expect(replayLines(h, EXAMPLE_LOG, { signal: controller.signal })).rejects.toThrow('stopped by the user');
  });
});

describe('ParticipantTable', () => {
  it('reports check 5 itself and refuses a snapshot of another hunt', () => {
    const table = new ParticipantTable(h);
    expect(table.apply({ t: 0, p: 'a', type: 'quit' })).toBe('unknown-participant');
    expect(table.apply({ t: 0, p: 'a', type: 'join' })).toBeNull();
    expect(table.apply({ t: 0, p: 'a', type: 'join' })).toBe('duplicate-join');
    expect(table.size).toBe(1);
    const other = compileHunt({ ...EXAMPLE_HUNT, id: 'other' });
    expect(() => ParticipantTable.restore(other, table.persist())).toThrow(/snapshot is for hunt "old-town"/);
  });

  it('keeps the participants changed since the last takeChanged, each once, when asked to', () => {
    const table = new ParticipantTable(h, true);
    for (const p of ['b', 'a', 'c']) table.apply({ t: 0, p, type: 'join' });
    expect(table.takeChanged()).toEqual(['b', 'a', 'c']);
    // Far from every step: nothing changes. A rejection changes nothing either.
    table.apply({ t: 1, p: 'a', type: 'position', lat: 0, lon: 0 });
    table.apply({ t: 1, p: 'b', type: 'hint', step: 'riddle' });
    expect(table.takeChanged()).toEqual([]);
    table.apply({ t: 2, p: 'c', type: 'quit' });
    table.apply({ t: 3, p: 'a', type: 'position', lat: 48.2082, lon: 16.3738 });
    table.apply({ t: 4, p: 'c', type: 'hint', step: 'riddle' });
    table.apply({ t: 5, p: 'a', type: 'quit' });
    expect(table.takeChanged()).toEqual(['c', 'a']);
    expect(() => new ParticipantTable(h).takeChanged()).toThrow(/without trackChanges/);
  });

  it('steps a participant actor through its machine only when its lifecycle moves', () => {
    // Spied before the machine exists (a machine binds its transition when it is built):
    // a fresh compile of the hunt gets a machine of its own.
    const transition = vi.spyOn(StateMachine.prototype, 'transition');
    try {
      const table = new ParticipantTable(compileHunt(EXAMPLE_HUNT));
      table.apply({ t: 0, p: 'a', type: 'join' });
      transition.mockClear();
      // Far from the fountain: nothing changes, the rules answer alone.
      expect(table.apply({ t: 1, p: 'a', type: 'position', lat: 0, lon: 0 })).toBeNull();
      // A rejection that changes nothing (the riddle needs the start step).
      expect(table.apply({ t: 2, p: 'a', type: 'hint', step: 'riddle' })).toBe('step-not-available');
      // At the fountain: the start step is solved; P stays active, so its state changes in place.
      expect(table.apply({ t: 3, p: 'a', type: 'position', lat: 48.2082, lon: 16.3738 })).toBeNull();
      expect(table.lastApplyChanged).toBe(true);
      expect(transition).not.toHaveBeenCalled();
      const seen = table.inspect('a')!;
      expect(seen.doneOrder).toEqual([0]);
      expect(table.stateValue('a')).toBe('active');
      // A hint changes P again: the state handed out above stays as it was, P's actor gets a
      // copy in the snapshot of the machine's self-loop, resolved without a transition.
      expect(table.apply({ t: 3.5, p: 'a', type: 'hint', step: 'riddle' })).toBeNull();
      expect(transition).not.toHaveBeenCalled();
      expect(table.stateValue('a')).toBe('active');
      expect(seen.hintsUsed).toBe(0);
      expect(table.inspect('a')).not.toBe(seen);
      expect(table.inspect('a')?.hintsUsed).toBe(1);
      // Leaving the hunt moves the actor to its `quit` state by the machine's transition.
      expect(table.apply({ t: 4, p: 'a', type: 'quit' })).toBeNull();
      expect(transition).toHaveBeenCalledTimes(1);
      expect(table.stateValue('a')).toBe('quit');
      expect(table.statusCounts()).toEqual({ active: 0, finished: 0, timed_out: 0, quit: 1 });
      // Later events change nothing: refused without a step.
      expect(table.apply({ t: 5, p: 'a', type: 'hint', step: 'riddle' })).toBe('participant-not-active');
      expect(table.lastApplyChanged).toBe(false);
      expect(transition).toHaveBeenCalledTimes(1);
    } finally {
      transition.mockRestore();
    }
  });

  it('never changes a state it handed out or was restored from, nor a captured snapshot', () => {
    const table = new ParticipantTable(h);
    table.apply({ t: 0, p: 'a', type: 'join' });
    const persisted = table.persist();
    const json = JSON.stringify(persisted);
    const captured = table.capture('a')!;
    const capturedJson = table.persistedJsonOf(captured);
    const restored = ParticipantTable.restore(h, persisted);
    for (const t of [table, restored]) {
      expect(t.apply({ t: 1, p: 'a', type: 'position', lat: 48.2082, lon: 16.3738 })).toBeNull();
      expect(t.apply({ t: 2, p: 'a', type: 'hint', step: 'riddle' })).toBeNull();
      expect(t.inspect('a')?.hintsUsed).toBe(1);
    }
    expect(JSON.stringify(persisted)).toBe(json);
    expect(table.persistedJsonOf(captured)).toBe(capturedJson);
    expect(restored.persist()).toEqual(table.persist());
  });

  it('gives a captured participant its state at the capture, also when it changes before it is serialised', () => {
    const table = new ParticipantTable(h);
    table.apply({ t: 0, p: 'a', type: 'join' });
    table.apply({ t: 0, p: 'b', type: 'join' });
    const atCapture = table.persistedJson('a');
    const captured = table.capture('a')!;
    // Captured again unchanged (a later checkpoint): the same moment.
    const again = table.capture('a')!;
    const unchanged = table.capture('b')!;
    expect(table.apply({ t: 1, p: 'a', type: 'position', lat: 48.2082, lon: 16.3738 })).toBeNull();
    expect(table.apply({ t: 2, p: 'a', type: 'hint', step: 'riddle' })).toBeNull();
    const now = table.persistedJson('a');
    expect(now).not.toBe(atCapture);
    expect(table.persistedJsonOf(captured)).toBe(atCapture);
    expect(table.persistedJsonOf(again)).toBe(atCapture);
    expect(table.persistedJsonOf(unchanged)).toBe(table.persistedJson('b'));
    // A capture after the change is of the new state, and stays so.
    const later = table.capture('a')!;
    expect(table.apply({ t: 3, p: 'a', type: 'quit' })).toBeNull();
    expect(table.persistedJsonOf(later)).toBe(now);
    expect(JSON.parse(table.persistedJson('a')!).status).toBe('quit');
  });

  it('persists to plain JSON of modest size', () => {
    const table = new ParticipantTable(h);
    table.apply({ t: 0, p: 'a', type: 'join', name: 'Owls' });
    const snap = table.persist();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(JSON.stringify(snap.actors[0]).length).toBeLessThan(400);
  });
});

describe('code-point order', () => {
  it('agrees with comparing code point arrays', () => {
    const words = ['', 'a', 'ab', '\uFFFF', '\u{10000}', '\uD7FF', '\uE000', '😀x', '😀'];
    const byCodePoints = (a: string, b: string) => {
      const x = [...a].map((c) => c.codePointAt(0)!);
      const y = [...b].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return x.length - y.length;
    };
    for (const a of words) for (const b of words) expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(byCodePoints(a, b)));
  });
});

describe('report', () => {
  const p = (id: string, score: number, finishedAt: number | null): ParticipantResult => ({
    id, status: finishedAt === null ? 'active' : 'finished', score, solved: [], failed: [], hintsUsed: 0, finishedAt,
  });

  it('ranks by score, then finish time (unfinished last), then id; equal score and time share a rank', () => {
    const ranked = rankParticipants([p('c', 50, null), p('b', 100, 30), p('a', 100, 30), p('d', 100, 20), p('e', 50, 99)]);
    expect(ranked.map((r) => [r.rank, r.id])).toEqual([[1, 'd'], [2, 'a'], [2, 'b'], [4, 'e'], [5, 'c']]);
  });

  it('shortens long line lists', () => {
    expect(formatLineList([4])).toBe('line 4');
    expect(formatLineList([4, 9, 12])).toBe('lines 4, 9 and 12');
    expect(formatLineList([4, 9, 12, 13, 20], 3)).toBe('lines 4, 9, 12 and 2 more');
  });

  it('keeps many rejections compactly and groups them by reason in line order', () => {
    const list = new RejectionList();
    for (let line = 1; line <= 5000; line++) list.add(line, line % 2 ? 'malformed' : 'time-backwards');
    expect(list.length).toBe(5000);
    expect(list.toArray()[4999]).toEqual({ line: 5000, reason: 'time-backwards' });
    const groups = list.byReason();
    expect([...groups.keys()]).toEqual(['malformed', 'time-backwards']);
    expect(groups.get('malformed')!.slice(0, 3)).toEqual([1, 3, 5]);
  });
});

describe('ParticipantTable errors', () => {
  it('throws when a participant actor fails instead of returning a stale verdict', () => {
    const table = new ParticipantTable(huntOf([{ id: 'q', kind: 'answer' }]));
    table.apply({ t: 0, p: 'a', type: 'join' });
    // An answer event without its text breaks the rules' precondition (LogFront would reject it).
    expect(() => table.apply({ t: 1, p: 'a', type: 'answer', step: 'q' } as never)).toThrow(/normalize/);
  });
});
