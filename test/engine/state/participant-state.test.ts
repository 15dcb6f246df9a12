// The participant-state format (engine/state/participant-state.ts): every state a run
// goes through is written and read back unchanged, also from the XState snapshot JSON
// that checkpoints held before it; a run checkpointed every k events, restored from the
// stored states and continued gives the uninterrupted result (hunt/1 and hunt/2,
// simulated and random logs); a malformed state fails naming participant and field.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileHunt, type CompiledHunt } from '../../../engine/hunt/compile';
import type { Hunt } from '../../../engine/hunt/schema';
import { LogFront } from '../../../engine/log/front';
import type { RejectionReason } from '../../../engine/log/types';
import { createActor } from 'xstate';
import { compileMachine } from '../../../engine/machine/participant-machine';
import { ParticipantTable } from '../../../engine/replay/participants';
import { replayLines } from '../../../engine/replay/replay';
import { emptyState, isPending, makeAvailable, type ParticipantState } from '../../../engine/rules/state';
import { defaultProfiles } from '../../../engine/sim/presets';
import { Simulation } from '../../../engine/sim/simulation';
import { encodeParticipantState, fromStored, parseStoredJson, ParticipantStateError } from '../../../engine/state/participant-state';
import { logLines, PROPERTY_HUNT } from '../replay/arbitraries';
import { huntAndLog } from '../replay/arbitraries-v2';

const example = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../../examples/${name}.hunt.json`, import.meta.url)), 'utf8')) as Hunt;
const OLD_TOWN = example('old-town-walk');
const MUSEUM = example('museum-night');

/** What the code before the format (c8e75db) stored for a participant: its actor's XState persisted snapshot. */
const xstateSnapshot = (s: ParticipantState) => ({ status: 'active', value: s.status, historyValue: {}, context: { participant: s, rejection: null }, children: {} });

/** What a state holds, for counting which fields the runs exercised. */
type Seen = Record<'active' | 'finished' | 'timed_out' | 'quit' | 'wrong' | 'hints' | 'failed' | 'pending' | 'joinIndex' | 'adjusted' | 'extendedSec' | 'accepted', number>;
const seen = (): Seen => ({ active: 0, finished: 0, timed_out: 0, quit: 0, wrong: 0, hints: 0, failed: 0, pending: 0, joinIndex: 0, adjusted: 0, extendedSec: 0, accepted: 0 });

function note(h: CompiledHunt, s: ParticipantState, json: string, into: Seen): void {
  into[s.status]++;
  const o = JSON.parse(json) as Record<string, unknown>;
  for (const k of ['wrong', 'hints', 'failed', 'pending', 'joinIndex', 'adjusted', 'extendedSec', 'accepted'] as const) if (o[k] !== undefined) into[k]++;
  // The stored pending list is the state's pending steps.
  expect(o.pending ?? []).toEqual(h.steps.map((_, i) => i).filter((i) => isPending(s, i)));
}

/**
 * The log replayed with a checkpoint every k lines: every participant's state is written
 * in the format, read back (and from its old XState form) unchanged, and the table is
 * rebuilt from the stored states alone before going on.
 */
function checkpointedReplay(h: CompiledHunt, lines: readonly string[], k: number, into: Seen) {
  const front = new LogFront(h.hunt.format);
  let table = new ParticipantTable(h);
  const rejected: { line: number; reason: RejectionReason }[] = [];
  const checkpoint = () => {
    const stored: ParticipantState[] = [];
    for (const id of table.ids()) {
      const state = table.inspect(id)!;
      const json = table.persistedJson(id)!;
      expect(json).toBe(encodeParticipantState(h, state));
      const back = parseStoredJson(h, json, id);
      expect(back).toEqual(state);
      expect(fromStored(h, JSON.parse(JSON.stringify(xstateSnapshot(state))))).toEqual(state);
      note(h, state, json, into);
      stored.push(back);
    }
    table.dispose();
    table = ParticipantTable.fromStates(h, stored);
    for (const s of stored) expect(table.stateValue(s.id)).toBe(s.status);
  };
  lines.forEach((text, i) => {
    const v = front.acceptLine(text);
    if (v !== null) {
      const reason = v.ok ? table.apply(v.event) : v.reason;
      if (reason) rejected.push({ line: i + 1, reason });
    }
    if ((i + 1) % k === 0) checkpoint();
  });
  table.finalize(front.clock);
  checkpoint(); // the final states (deadlines applied) round-trip too
  return { rejected, endTime: front.clock, participants: table.results() };
}

async function expectUninterrupted(h: CompiledHunt, lines: readonly string[], k: number, into: Seen): Promise<void> {
  const whole = await replayLines(h, lines);
  expect(checkpointedReplay(h, lines, k, into)).toEqual({ rejected: whole.rejected, endTime: whole.endTime, participants: whole.participants });
}

const simulated = (hunt: Hunt, participants: number, seed: number) => [...new Simulation(hunt, { participants, seed, profiles: defaultProfiles() }).lines()];

describe('participant-state format: checkpoint every k events, restore, continue', () => {
  it('simulated hunt/1 runs (old-town-walk) give the uninterrupted result and round-trip every state', async () => {
    const h = compileHunt(OLD_TOWN);
    const into = seen();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 3, max: 40 }), fc.integer({ min: 1, max: 200 }), async (seed, n, k) => {
        await expectUninterrupted(h, simulated(OLD_TOWN, n, seed), k, into);
      }),
      { numRuns: 12, seed: 20261203 },
    );
    for (const f of ['active', 'finished', 'wrong', 'hints'] as const) expect(into[f], f).toBeGreaterThan(0);
  }, 120_000);

  it('simulated hunt/2 runs (museum-night: rotation, judged steps, extensions) give the uninterrupted result and round-trip every state', async () => {
    const h = compileHunt(MUSEUM);
    const into = seen();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 3, max: 40 }), fc.integer({ min: 1, max: 100 }), async (seed, n, k) => {
        await expectUninterrupted(h, simulated(MUSEUM, n, seed), k, into);
      }),
      { numRuns: 12, seed: 20261203 },
    );
    for (const f of ['active', 'finished', 'quit', 'pending', 'joinIndex', 'failed'] as const) expect(into[f], f).toBeGreaterThan(0);
  }, 120_000);

  it('random hunt/1 logs (every rejection, quits, time-outs) give the uninterrupted result', async () => {
    const into = seen();
    await fc.assert(
      fc.asyncProperty(logLines, fc.integer({ min: 1, max: 30 }), async (lines, k) => {
        await expectUninterrupted(PROPERTY_HUNT, lines, k, into);
      }),
      { numRuns: 100, seed: 20261203 },
    );
    for (const f of ['active', 'finished', 'timed_out', 'quit', 'wrong', 'hints', 'failed'] as const) expect(into[f], f).toBeGreaterThan(0);
  }, 120_000);

  it('random hunt/2 hunts and logs (judge, adjust, extend, rotation groups) give the uninterrupted result', async () => {
    const into = seen();
    await fc.assert(
      fc.asyncProperty(huntAndLog, fc.integer({ min: 1, max: 30 }), async ({ hunt, lines }, k) => {
        await expectUninterrupted(compileHunt(hunt), lines, k, into);
      }),
      { numRuns: 300, seed: 20261203 },
    );
    // (accepted points: the example log below)
    for (const f of ['active', 'quit', 'wrong', 'hints', 'failed', 'pending', 'joinIndex', 'adjusted', 'extendedSec'] as const) expect(into[f], f).toBeGreaterThan(0);
  }, 120_000);

  it('the hunt/2 example log (accepted points, adjustments, extensions, finishes) gives the uninterrupted result at every k', async () => {
    const h = compileHunt(MUSEUM);
    const lines = readFileSync(fileURLToPath(new URL('../../../examples/logs/museum-night.jsonl', import.meta.url)), 'utf8').split('\n');
    const into = seen();
    for (let k = 1; k <= lines.length; k++) await expectUninterrupted(h, lines, k, into);
    for (const f of ['finished', 'timed_out', 'pending', 'joinIndex', 'adjusted', 'extendedSec', 'accepted'] as const) expect(into[f], f).toBeGreaterThan(0);
  }, 120_000);
});

describe('participant-state format: a stored state is an XState actor again', () => {
  it('createActor(machine, { snapshot: machine.resolveState(...) }) of a stored state goes on as the participant that never stopped', () => {
    const h = compileHunt(MUSEUM);
    const machine = compileMachine(h);
    const lines = simulated(MUSEUM, 12, 5);
    const front = new LogFront(h.hunt.format);
    const table = new ParticipantTable(h);
    let restarted = 0;
    for (const text of lines) {
      const v = front.acceptLine(text);
      if (!v?.ok) continue;
      const stored = v.event.type === 'join' ? undefined : table.persistedJson(v.event.p);
      const verdict = table.apply(v.event);
      if (stored === undefined) continue;
      // An actor of its own, started from the stored state, sent the same event.
      const state = parseStoredJson(h, stored);
      // (input is for a fresh actor only: one started from a snapshot takes none)
      const actor = createActor(machine, { snapshot: machine.resolveState({ value: state.status, context: { participant: state, rejection: null } }), input: undefined as never }).start();
      actor.send(v.event);
      const after = actor.getSnapshot();
      expect(after.context.rejection).toBe(verdict);
      expect(after.context.participant).toEqual(table.inspect(v.event.p));
      expect(after.value).toBe(table.stateValue(v.event.p));
      actor.stop();
      restarted++;
    }
    expect(restarted).toBeGreaterThan(100);
  });
});

describe('participant-state format: how times are written', () => {
  const h = compileHunt(OLD_TOWN);
  // Times to the millisecond (the encoder writes those as whole seconds and a table's text of the milliseconds), any other double, and the edges.
  const time = fc.oneof(
    fc.integer({ min: 0, max: 1e12 + 5 }).map((ms) => ms / 1000),
    fc.double({ min: 0, max: 2e9, noNaN: true }),
    fc.constantFrom(0, -0, 0.001, 0.1, 0.5, 0.999, 59.99, 999_999_999.999, 1e9, 1e9 + 0.001, 123.4560001, 1e-7, 5e-324),
  );

  it("writes each time as JSON.stringify's text of it", () => {
    fc.assert(
      fc.property(fc.array(time, { minLength: h.steps.length, maxLength: h.steps.length }), time, (available, joinedAt) => {
        const s = emptyState(h, 'p', null, joinedAt);
        available.forEach((t, i) => makeAvailable(s, i, t));
        s.status = 'finished';
        s.finishedAt = available[0];
        const text = encodeParticipantState(h, s);
        expect(text).toContain(`"joinedAt":${JSON.stringify(joinedAt)},"finishedAt":${JSON.stringify(available[0])},`);
        expect(text).toContain(`"available":[${available.map((t) => JSON.stringify(t)).join(',')}]`);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('participant-state format: malformed states', () => {
  const h = compileHunt(MUSEUM);
  const table = new ParticipantTable(h);
  table.apply({ t: 0, p: 'owls', type: 'join', name: 'The Owls' });
  const good = JSON.parse(table.persistedJson('owls')!) as Record<string, unknown>;
  const bad = (change: (o: Record<string, unknown>) => void) => {
    const o = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
    change(o);
    return () => fromStored(h, o, 'owls');
  };
  const steps = h.steps.length;

  it('reads the good one', () => {
    expect(fromStored(h, good)).toEqual(table.inspect('owls'));
  });

  it('a version this program does not know', () => {
    expect(bad((o) => (o.v = 2))).toThrow(/^participant "owls": stored state field "v" is 2: this program reads participant-state version 1/);
    expect(bad((o) => (o.v = 2))).toThrow(ParticipantStateError);
  });

  it('a missing or wrong field, named', () => {
    expect(bad((o) => delete o.available)).toThrow(new RegExp(`participant "owls": stored state field "available" must be an array of ${steps} numbers .*got nothing \\(missing\\)`));
    expect(bad((o) => delete o.status)).toThrow(/participant "owls": stored state field "status" must be one of active, finished, timed_out, quit, got nothing \(missing\)/);
    expect(bad((o) => delete o.name)).toThrow(/field "name" is missing/);
    expect(bad((o) => delete o.finishedAt)).toThrow(/field "finishedAt" is missing/);
    expect(bad((o) => (o.done = (o.done as number[]).slice(1)))).toThrow(/field "done" must be an array of/);
    expect(bad((o) => ((o.available as unknown[])[2] = 'soon'))).toThrow(/field "available\[2\]" must be a time ≥ 0 or -1, got "soon"/);
    expect(bad((o) => (o.order = [0]))).toThrow(/field "order" must list exactly the done steps \(step 0 is listed but not done\)/);
    expect(bad((o) => (o.pending = [0]))).toThrow(/field "pending" lists step 0, which is not a judged step/);
    const judged = h.steps.findIndex((s) => s.kind === 'judged');
    expect(bad((o) => (o.pending = [judged]))).toThrow(new RegExp(`field "pending" lists step ${judged}, which is locked`));
    expect(bad((o) => (o.hints = { 0: 99 }))).toThrow(/field "hints.0" is 99, more than step 0's/);
    expect(bad((o) => (o.wrong = { 99: 1 }))).toThrow(new RegExp(`field "wrong.99" must be a step index from 0 to ${steps - 1}`));
    expect(bad((o) => (o.status = 'finished'))).toThrow(/field "finishedAt" must be set for a finished participant/);
    expect(bad((o) => (o.joinIndex = -1))).toThrow(/field "joinIndex" must be a whole number ≥ 0, got -1/);
  });

  it('no id: named by the id it was stored under', () => {
    expect(bad((o) => delete o.id)).toThrow(/^participant "owls": stored state field "id" must be a string, got nothing \(missing\)/);
    expect(() => fromStored(h, [1, 2], 'owls')).toThrow(/^participant "owls": stored state field "\(whole\)" must be a JSON object, got \[1,2\]/);
    expect(() => parseStoredJson(h, '{"v":', 'owls')).toThrow(/^participant "owls": stored state field "\(whole\)" is not valid JSON/);
    expect(() => fromStored(h, { id: 'owls' })).toThrow(/participant "owls": stored state field "v" is missing \(neither a participant state nor an XState snapshot/);
  });

  it('an old XState snapshot that does not hold a participant state, named', () => {
    const old = xstateSnapshot(table.inspect('owls')!);
    const broken = (change: (o: ReturnType<typeof xstateSnapshot> & Record<string, unknown>) => void) => {
      const o = JSON.parse(JSON.stringify(old)) as ReturnType<typeof xstateSnapshot> & Record<string, unknown>;
      change(o);
      return () => fromStored(h, o, 'owls');
    };
    expect(fromStored(h, old)).toEqual(table.inspect('owls'));
    expect(broken((o) => delete (o.context.participant as Partial<ParticipantState>).steps)).toThrow(
      new RegExp(`participant "owls": stored state field "context.participant.steps" \\(an XState snapshot of the earlier format\\) must be ${3 * steps} numbers`),
    );
    expect(broken((o) => (o.value = 'quit'))).toThrow(/field "value" \(an XState snapshot of the earlier format\) is "quit", but the participant's status is "active"/);
    expect(broken((o) => (o.status = 'error'))).toThrow(/field "status" \(an XState snapshot of the earlier format\) must be "active"/);
    expect(broken((o) => (o.context = { rejection: null } as never))).toThrow(/^participant "owls": stored state field "context.participant" .*must be an object/);
  });
});
