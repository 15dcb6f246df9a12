// Replay in blocks of lines (LineReplayer.feedLines, ParticipantTable.applyOwn): the result,
// the rejections, every participant's state and its actor's state value are those of
// feeding the lines one at a time, however the log is cut into blocks.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { StateMachine } from 'xstate';
import { compileHunt } from '../../../engine/hunt/compile';
import type { HuntEvent } from '../../../engine/log/types';
import { ParticipantTable } from '../../../engine/replay/participants';
import { LineReplayer, replayLines, REPLAY_BLOCK_LINES } from '../../../engine/replay/replay';
import { logLines, PROPERTY_HUNT as h } from './arbitraries';
import { EXAMPLE_HUNT } from './example-hunt';

const RUNS = { numRuns: 150 };

/** Cuts `lines` into consecutive blocks at the given fractions. */
function blocksOf(lines: string[], cuts: number[]): string[][] {
  const at = [...new Set(cuts.map((c) => Math.floor(c * lines.length)))].sort((a, b) => a - b);
  const out: string[][] = [];
  let from = 0;
  for (const c of [...at, lines.length]) {
    out.push(lines.slice(from, c));
    from = c;
  }
  return out;
}

describe('replay in blocks of lines', () => {
  it('gives the results, rejections and actor states of feeding one line at a time, however the log is cut', () => {
    fc.assert(
      fc.property(logLines, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }), fc.option(fc.integer({ min: 0, max: 400 })), (lines, cuts, until) => {
        const one = new LineReplayer(h, until ?? undefined);
        for (const l of lines) if (!one.feed(l)) break;
        const blocks = new LineReplayer(h, until ?? undefined);
        for (const b of blocksOf(lines, cuts)) if (!blocks.feedLines(b)) break;
        expect(blocks.lineNumber).toBe(one.lineNumber);
        expect(blocks.events).toBe(one.events);
        expect(blocks.applied).toBe(one.applied);
        expect(blocks.rejections.toArray()).toEqual(one.rejections.toArray());
        expect(blocks.table.ids()).toEqual(one.table.ids());
        for (const id of one.table.ids()) {
          expect(blocks.table.inspect(id)).toEqual(one.table.inspect(id));
          expect(blocks.table.stateValue(id)).toBe(one.table.stateValue(id));
        }
        expect(blocks.table.statusCounts()).toEqual(one.table.statusCounts());
        expect(blocks.finish().participants).toEqual(one.finish().participants);
      }),
      RUNS,
    );
  });

  it('replays a stream of line arrays like the same lines one by one, a --until cut inside an array included', async () => {
    await fc.assert(
      fc.asyncProperty(logLines, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }), fc.option(fc.integer({ min: 0, max: 400 })), async (lines, cuts, until) => {
        async function* stream() {
          for (const b of blocksOf(lines, cuts)) yield b;
        }
        const opts = { until: until ?? undefined };
        expect(await replayLines(h, stream(), opts)).toEqual(await replayLines(h, lines, opts));
      }),
      { numRuns: 60 },
    );
  });

  it('reports progress and stops when aborted between blocks of a long log', async () => {
    const lines = [JSON.stringify({ t: 0, p: 'a', type: 'join' })];
    for (let k = 1; k <= 2 * REPLAY_BLOCK_LINES; k++) lines.push(JSON.stringify({ t: k, p: 'a', type: 'position', lat: 0, lon: 0 }));
    const seen: number[] = [];
    await replayLines(compileHunt(EXAMPLE_HUNT), lines, { progressEvery: REPLAY_BLOCK_LINES, onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([REPLAY_BLOCK_LINES, 2 * REPLAY_BLOCK_LINES]);
    const controller = new AbortController();
    const stopped = replayLines(compileHunt(EXAMPLE_HUNT), lines, {
      progressEvery: REPLAY_BLOCK_LINES,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('stopped by the user')),
    });
    await expect(stopped).rejects.toThrow('stopped by the user');
  });

  it("steps a participant's actor only when its lifecycle moves, and not at all when its events change nothing", () => {
    const transition = vi.spyOn(StateMachine.prototype, 'transition');
    try {
      const table = new ParticipantTable(compileHunt(EXAMPLE_HUNT));
      const events: HuntEvent[] = [
        { t: 0, p: 'a', type: 'join' },
        { t: 1, p: 'a', type: 'position', lat: 0, lon: 0 },
        { t: 2, p: 'a', type: 'hint', step: 'riddle' },
      ];
      expect(table.applyOwn(events)).toEqual([null, null, 'step-not-available']);
      expect(transition).not.toHaveBeenCalled();
      // At the fountain, then a hint on the riddle it unlocks, then leaving: one step, to `quit`.
      const more: HuntEvent[] = [
        { t: 3, p: 'a', type: 'position', lat: 48.2082, lon: 16.3738 },
        { t: 4, p: 'a', type: 'quit' },
        { t: 5, p: 'a', type: 'join' },
        { t: 6, p: 'a', type: 'hint', step: 'riddle' },
      ];
      expect(table.applyOwn(more)).toEqual([null, null, 'duplicate-join', 'participant-not-active']);
      expect(transition).toHaveBeenCalledTimes(1);
      expect(table.stateValue('a')).toBe('quit');
      expect(table.inspect('a')?.doneOrder).toEqual([0]);
      // A participant that is no longer active: the events change nothing, refused without a step.
      expect(table.applyOwn([more[3], more[3]])).toEqual(['participant-not-active', 'participant-not-active']);
      expect(transition).toHaveBeenCalledTimes(1);
      expect(table.statusCounts()).toEqual({ active: 0, finished: 0, timed_out: 0, quit: 1 });
    } finally {
      transition.mockRestore();
    }
  });
});

describe('replay in blocks of lines, hunt/2', () => {
  it("applies the organiser's judge and adjust to a participant who quit in an earlier block", () => {
    const v2 = compileHunt({
      format: 'hunt/2',
      id: 'judged-after-quit',
      title: 'Judged after quitting',
      steps: [
        { id: 'photo', title: 'Photo', kind: 'judged', prompt: 'A photo of the gate', points: 50 },
        { id: 'riddle', title: 'Riddle', kind: 'answer', prompt: '?', answers: ['yes'] },
      ],
    } as never);
    const lines = [
      { t: 0, p: 'a', type: 'join' },
      { t: 1, p: 'a', type: 'submit', step: 'photo', ref: 'gate.jpg' },
      { t: 2, p: 'a', type: 'quit' },
      { t: 3, p: 'a', type: 'judge', step: 'photo', accept: true, points: 40 },
      { t: 4, p: 'a', type: 'adjust', points: -5 },
      { t: 5, p: 'a', type: 'answer', step: 'riddle', text: 'yes' },
    ].map((e) => JSON.stringify(e));
    const oneByOne = new LineReplayer(v2);
    for (const line of lines) oneByOne.feed(line);
    const inBlock = new LineReplayer(v2);
    inBlock.feedLines(lines.slice(0, 3));
    inBlock.feedLines(lines.slice(3));
    const expected = oneByOne.finish();
    expect(expected.participants[0]).toMatchObject({ status: 'quit', score: 35, solved: ['photo'] });
    expect(inBlock.finish()).toEqual(expected);
  });
});
