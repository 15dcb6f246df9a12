// The participant machine: its states follow the status the rules compute, it has
// no timers and reads no clock or randomness, and a restored actor continues
// exactly like one that never stopped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { compileHunt } from '../../../engine/hunt/compile';
import { compileMachine, compileParticipantLogic } from '../../../engine/machine/participant-machine';
import { replayLines } from '../../../engine/replay/replay';
import { answer, huntOf, join as joinEvent, quit, scan } from '../rules/helpers';

const h = huntOf([{ id: 'a', kind: 'code', timeLimitSec: 10 }, { id: 'b', kind: 'answer', requires: ['a'] }], { timeLimitSec: 100 });

function started() {
  return createActor(compileMachine(h), { input: { t: 0, p: 'p1', type: 'join' } }).start();
}

afterEach(() => vi.restoreAllMocks());

describe('participant machine', () => {
  it('has only the four participant states at the top, and no delayed transitions', () => {
    const machine = compileMachine(h);
    expect(Object.keys(machine.root.states)).toEqual(['active', 'finished', 'timed_out', 'quit']);
    for (const node of Object.values(machine.root.states)) expect(node.after).toEqual([]);
  });

  it("gives a join the snapshot the machine's own initial snapshot is (the table's cheaper way to it)", () => {
    const v2 = compileHunt({
      format: 'hunt/2',
      id: 'rotating',
      title: 'Rotating',
      steps: [
        { id: 'x', title: 'X', kind: 'code', code: 'X' },
        { id: 'y', title: 'Y', kind: 'code', code: 'Y', closesAtSec: 5 },
        { id: 'z', title: 'Z', kind: 'code', code: 'Z' },
      ],
      groups: [{ id: 'g', steps: ['x', 'z'], order: 'rotate' }],
    } as never);
    const inputs = [
      { hunt: h, input: { t: 0, p: 'p1', type: 'join' as const, name: 'Owls' } },
      { hunt: v2, input: { join: { t: 7, p: 'p2', type: 'join' as const }, joinIndex: 1 } },
    ];
    for (const { hunt, input } of inputs) {
      const { machine, initialSnapshot } = compileParticipantLogic(hunt);
      const byMachine = createActor(machine, { input }).getSnapshot();
      const resolved = initialSnapshot(input);
      expect(resolved.value).toBe(byMachine.value);
      expect(resolved.status).toBe(byMachine.status);
      expect(resolved.context).toEqual(byMachine.context);
      expect([...resolved.tags]).toEqual([...byMachine.tags]);
      expect(machine.getPersistedSnapshot(resolved)).toEqual(machine.getPersistedSnapshot(byMachine));
    }
  });

  it("gives a copied state kept in its status the snapshot the machine's self-loop gives (the table's cheaper way to it)", () => {
    const { machine, initialSnapshot, withContext } = compileParticipantLogic(h);
    const scope = createActor(machine, { input: { t: 0, p: 'p0', type: 'join' } }).start();
    const actorScope = (scope as unknown as { _actorScope: Parameters<typeof machine.transition>[2] })._actorScope;
    const joined = initialSnapshot({ t: 0, p: 'p1', type: 'join' });
    for (const event of [scan(1, 'a', 'C'), answer(2, 'b', 'wrong')]) {
      const byMachine = machine.transition(joined, event, actorScope);
      expect(byMachine.value).toBe('active');
      const known = { state: byMachine.context.participant, rejection: byMachine.context.rejection };
      const resolved = withContext(joined, known);
      expect(resolved.value).toBe(byMachine.value);
      expect(resolved.status).toBe(byMachine.status);
      expect(resolved.context).toEqual(byMachine.context);
      expect([...resolved.tags]).toEqual([...byMachine.tags]);
      expect(machine.getPersistedSnapshot(resolved)).toEqual(machine.getPersistedSnapshot(byMachine));
    }
  });

  it('moves to finished when the rules finish the participant', () => {
    const actor = started();
    actor.send(scan(1, 'a', 'C'));
    expect(actor.getSnapshot().value).toBe('active');
    actor.send(answer(2, 'b', 'yes'));
    expect(actor.getSnapshot().value).toBe('finished');
    expect(actor.getSnapshot().context.participant.finishedAt).toBe(2);
  });

  it('moves to timed_out on an event after the hunt deadline and rejects that event', () => {
    const actor = started();
    actor.send(scan(150, 'a', 'C'));
    expect(actor.getSnapshot().value).toBe('timed_out');
    expect(actor.getSnapshot().context.rejection).toBe('participant-not-active');
  });

  it('applies deadlines on advance only while active, and never rejects an advance', () => {
    const actor = started();
    actor.send({ type: 'advance', t: 10 });
    expect(actor.getSnapshot().context.participant.doneOrder).toEqual([0]);
    actor.send({ type: 'advance', t: 100 });
    expect(actor.getSnapshot().value).toBe('timed_out');
    const before = actor.getSnapshot().context;
    actor.send({ type: 'advance', t: 1000 });
    expect(actor.getSnapshot().context).toBe(before);
  });

  it('after quitting, a join is a duplicate and anything else is participant-not-active', () => {
    const actor = started();
    actor.send(quit(1));
    expect(actor.getSnapshot().value).toBe('quit');
    actor.send(joinEvent(2));
    expect(actor.getSnapshot().context.rejection).toBe('duplicate-join');
    actor.send(scan(3, 'a', 'C'));
    expect(actor.getSnapshot().context.rejection).toBe('participant-not-active');
  });

  it('a restored actor continues exactly like the original', () => {
    const original = started();
    original.send(scan(1, 'a', 'x'));
    const persisted = JSON.parse(JSON.stringify(original.getPersistedSnapshot()));
    const restored = createActor(compileMachine(h), { snapshot: persisted, input: undefined as never }).start();
    for (const e of [scan(2, 'a', 'C'), answer(3, 'b', 'no'), answer(4, 'b', 'YES')]) {
      original.send(e);
      restored.send(e);
      expect(restored.getSnapshot().value).toBe(original.getSnapshot().value);
      expect(restored.getSnapshot().context).toEqual(original.getSnapshot().context);
    }
  });

  it('never reads the wall clock or randomness while replaying', async () => {
    const dir = join(import.meta.dirname, '../../fixtures/conformance');
    const hunt = compileHunt(JSON.parse(readFileSync(join(dir, 'case32.hunt.json'), 'utf8')));
    const lines = readFileSync(join(dir, 'case32.jsonl'), 'utf8').split('\n');
    const expected = JSON.parse(readFileSync(join(dir, 'case32.expected.json'), 'utf8'));
    const forbidden = () => {
      throw new Error('the engine must not read the clock or randomness');
    };
    vi.spyOn(Math, 'random').mockImplementation(forbidden);
    vi.spyOn(Date, 'now').mockImplementation(forbidden);
    vi.spyOn(performance, 'now').mockImplementation(forbidden);
    const r = await replayLines(hunt, lines);
    expect(r.participants.map((p) => [p.id, p.status, p.score])).toEqual(expected.participants.map((p: { id: string; status: string; score: number }) => [p.id, p.status, p.score]));
  });
});
