import { describe, expect, it } from 'vitest';
import {
  addLocation,
  addStep,
  connect,
  deleteLocation,
  deleteStep,
  disconnect,
  renameLocation,
  renameStep,
  setStepField,
  setStepKind,
  stepViews,
  uniqueId,
} from '../../../renderer/hunt/draft';

const base = {
  format: 'hunt/1',
  id: 'demo',
  title: 'Demo',
  locations: [{ id: 'fountain', lat: 48.2, lon: 16.37, radiusM: 25 }],
  steps: [
    { id: 'a', title: 'A', kind: 'code', code: 'X' },
    { id: 'b', title: 'B', kind: 'answer', prompt: 'p', answers: ['x'], requires: ['a'] },
  ],
};

describe('hunt draft edits', () => {
  it('adds a step with a unique id and the fields its kind needs', () => {
    const { hunt, id } = addStep(base, 'location', ['b']);
    expect(id).toBe('step-3');
    expect(hunt.steps).toHaveLength(3);
    expect((hunt.steps as object[])[2]).toEqual({ id: 'step-3', title: 'New location step', kind: 'location', location: 'fountain', requires: ['b'] });
    expect(base.steps).toHaveLength(2); // the input is never mutated
  });

  it('skips taken ids', () => {
    expect(uniqueId('step-2', ['step-2', 'step-2-2'])).toBe('step-2-3');
  });

  it('deleting a step removes the requires that pointed at it', () => {
    const next = deleteStep(base, 'a');
    expect(next.steps).toEqual([{ id: 'b', title: 'B', kind: 'answer', prompt: 'p', answers: ['x'] }]);
  });

  it('connects prerequisite to dependent once and never to itself', () => {
    const once = connect(base, 'b', 'a');
    expect(stepViews(once)[0].requires).toEqual(['b']);
    expect(connect(once, 'b', 'a')).toEqual(once);
    expect(connect(base, 'a', 'a')).toEqual(base);
    expect(stepViews(disconnect(once, 'b', 'a'))[0].requires).toEqual([]);
    expect('requires' in (disconnect(once, 'b', 'a').steps as Record<string, unknown>[])[0]).toBe(false);
  });

  it('renaming a step renames its references', () => {
    const next = renameStep(base, 0, 'start');
    expect(stepViews(next).map((s) => [s.id, s.requires])).toEqual([
      ['start', []],
      ['b', ['start']],
    ]);
  });

  it('changing kind drops the old kind fields and adds the new ones', () => {
    const next = setStepKind(base, 1, 'code');
    expect((next.steps as object[])[1]).toEqual({ id: 'b', title: 'B', kind: 'code', code: '', requires: ['a'] });
    const back = setStepKind(next, 1, 'answer');
    expect((back.steps as object[])[1]).toEqual({ id: 'b', title: 'B', kind: 'answer', prompt: '', answers: [''], requires: ['a'] });
  });

  it('setting a field to undefined removes it', () => {
    const next = setStepField(base, 0, 'points', 50);
    expect((next.steps as Record<string, unknown>[])[0].points).toBe(50);
    expect('points' in (setStepField(next, 0, 'points', undefined).steps as Record<string, unknown>[])[0]).toBe(false);
  });

  it('tolerates a hunt that is not even an object', () => {
    expect(stepViews(null)).toEqual([]);
    expect(addStep('nonsense', 'code').hunt.steps).toHaveLength(1);
  });

  it('locations: add rounds coordinates, rename updates steps, delete leaves the dangling reference', () => {
    const { hunt, id } = addLocation(base, { lat: 48.12345678, lon: 16.98765432 });
    expect(id).toBe('place-2');
    expect((hunt.locations as Record<string, unknown>[])[1]).toMatchObject({ lat: 48.123457, lon: 16.987654, radiusM: 25 });
    const withStep = setStepKind(base, 0, 'location');
    const renamed = renameLocation(withStep, 0, 'well');
    expect(stepViews(renamed)[0].location).toBe('well');
    const gone = deleteLocation(renamed, 0);
    expect('locations' in gone).toBe(false);
    expect(stepViews(gone)[0].location).toBe('well');
  });
});
