import { describe, expect, it } from 'vitest';
import { addGroup, addStep, connect, deleteGroup, deleteStep, dependentsOf, disconnect, groupViews, renameStep, setGroupField, setStepKind, stepViews, upgradeToHunt2 } from '../../../renderer/hunt/draft';
import { anyOfCount, itemKind, mapRequirementIds, requirementLinks, scoreThreshold } from '../../../renderer/hunt/requirements';

const v2 = {
  format: 'hunt/2',
  id: 'v2',
  title: 'V2',
  finishStep: 'c',
  groups: [{ id: 'g', steps: ['a', 'b'], order: 'rotate' }],
  steps: [
    { id: 'a', title: 'A', kind: 'code', code: 'A', optional: true, opensAtSec: 60, closesAtSec: 600 },
    { id: 'b', title: 'B', kind: 'choice', prompt: 'p', choices: ['x', 'y'], correct: [1], requires: [{ solved: 'a' }] },
    { id: 'c', title: 'C', kind: 'judged', prompt: 'photo', requires: ['a', { anyOf: ['a', 'b'], count: 2 }, { failed: 'b' }, { score: 40 }, { mystery: 1 }] },
  ],
};

describe('hunt/2 requirement items', () => {
  it('reads every kind of item, keeping unknown ones as "other"', () => {
    expect(v2.steps[2].requires!.map(itemKind)).toEqual(['done', 'anyOf', 'failed', 'score', 'other']);
    expect(anyOfCount({ anyOf: ['a'] })).toBe(1);
    expect(scoreThreshold(v2.steps[2].requires)).toBe(40);
    expect(requirementLinks(v2.steps[2].requires).map((l) => [l.from, l.kind, l.count, l.of])).toEqual([
      ['a', 'done', 1, 1],
      ['a', 'anyOf', 2, 2],
      ['b', 'anyOf', 2, 2],
      ['b', 'failed', 1, 1],
    ]);
  });

  it('dropping an id shrinks an anyOf (and its count) and removes what is left empty', () => {
    expect(mapRequirementIds(v2.steps[2].requires, (id) => (id === 'b' ? null : id))).toEqual(['a', { anyOf: ['a'], count: 1 }, { score: 40 }, { mystery: 1 }]);
    expect(mapRequirementIds([{ solved: 'a' }], () => null)).toBeUndefined();
  });

  it('step views carry the v2 fields for the graph', () => {
    const [a, , c] = stepViews(v2);
    expect(a).toMatchObject({ optional: true, opensAtSec: 60, closesAtSec: 600, requires: [] });
    expect(c).toMatchObject({ requires: ['a', 'b'], minScore: 40, optional: false });
    expect(groupViews(v2)).toEqual([{ index: 0, id: 'g', steps: ['a', 'b'] }]);
  });
});

describe('hunt/2 draft edits keep every field', () => {
  it('renaming a step renames it in every item, the finish step and groups', () => {
    const next = renameStep(v2, 2, 'end');
    expect(next.finishStep).toBe('end');
    const renamed = renameStep(v2, 0, 'start');
    expect((renamed.steps as { requires?: unknown }[]).map((s) => s.requires)).toEqual([
      undefined,
      [{ solved: 'start' }],
      ['start', { anyOf: ['start', 'b'], count: 2 }, { failed: 'b' }, { score: 40 }, { mystery: 1 }],
    ]);
    expect(renamed.groups).toEqual([{ id: 'g', steps: ['start', 'b'], order: 'rotate' }]);
  });

  it('deleting a step removes it from items, the finish step and groups; dependents are listed first', () => {
    expect(dependentsOf(v2, 'a').map((s) => s.id)).toEqual(['b', 'c']);
    const next = deleteStep(v2, 'c');
    expect('finishStep' in next).toBe(false);
    const noA = deleteStep(v2, 'a');
    expect((noA.steps as { requires?: unknown }[]).map((s) => s.requires)).toEqual([undefined, [{ anyOf: ['b'], count: 1 }, { failed: 'b' }, { score: 40 }, { mystery: 1 }]]);
    expect(noA.groups).toEqual([{ id: 'g', steps: ['b'], order: 'rotate' }]);
  });

  it('connect adds a plain id once, whatever item already names it; disconnect removes any item naming it', () => {
    expect(connect(v2, 'a', 'b')).toEqual(v2);
    const cut = disconnect(v2, 'a', 'c');
    expect((cut.steps as { requires?: unknown }[])[2].requires).toEqual([{ anyOf: ['b'], count: 1 }, { failed: 'b' }, { score: 40 }, { mystery: 1 }]);
  });

  it('a file read and written with no edit is unchanged (fields, order, unknown items)', () => {
    expect(JSON.stringify(setStepKind(v2, 1, 'choice'))).toBe(JSON.stringify(v2));
    expect(JSON.stringify(renameStep(v2, 1, 'b'))).toBe(JSON.stringify(v2));
  });

  it('choice and judged steps start with the fields they need; kind changes keep the prompt', () => {
    const { hunt } = addStep(v2, 'choice');
    expect((hunt.steps as object[])[3]).toEqual({ id: 'step-4', title: 'New choice step', kind: 'choice', prompt: '', choices: ['', ''], correct: [0] });
    const judged = setStepKind(hunt, 3, 'judged');
    expect((judged.steps as object[])[3]).toEqual({ id: 'step-4', title: 'New choice step', kind: 'judged', prompt: '' });
  });

  it('upgrading a v1 hunt changes only its format', () => {
    const v1 = { format: 'hunt/1', id: 'x', title: 'X', steps: [{ id: 'a', title: 'A', kind: 'code', code: 'A', requires: [] }] };
    expect(upgradeToHunt2(v1)).toEqual({ ...v1, format: 'hunt/2' });
    expect(Object.keys(upgradeToHunt2(v1))).toEqual(Object.keys(v1));
  });

  it('rotation groups: add with a unique id, edit, delete (the field goes with the last group)', () => {
    const { hunt, index } = addGroup(v2, ['b', 'c']);
    expect(index).toBe(1);
    expect(groupViews(hunt)[1]).toEqual({ index: 1, id: 'rotation-2', steps: ['b', 'c'] });
    expect(groupViews(setGroupField(hunt, 1, 'id', 'late'))[1].id).toBe('late');
    expect('groups' in deleteGroup(deleteGroup(hunt, 1), 0)).toBe(false);
  });
});
