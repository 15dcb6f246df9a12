// What a locked step still waits for, in words (renderer/hunt/requirements.ts unmetRequirements).
import { describe, expect, it } from 'vitest';
import { unmetRequirements } from '../../../renderer/hunt/requirements';

const statuses: Record<string, string> = { a: 'solved', b: 'failed', c: 'available', d: 'locked' };
const status = (id: string) => statuses[id];
const title = (id: string) => id.toUpperCase();

describe('unmetRequirements', () => {
  it('lists every item that does not hold, in order, and none that holds', () => {
    expect(unmetRequirements(['a', 'c', { solved: 'b' }, { failed: 'b' }, { anyOf: ['a', 'b', 'c'], count: 2 }, { anyOf: ['c', 'd'] }, { score: 100 }], status, title, 40)).toEqual([
      'first C',
      'B solved',
      'any 1 of C, D',
      'a score of 100',
    ]);
  });

  it('is empty when everything holds, and for a v1 list of done steps', () => {
    expect(unmetRequirements(['a', 'b', { score: 40 }], status, title, 40)).toEqual([]);
    expect(unmetRequirements(undefined, status, title, 0)).toEqual([]);
  });

  it('counts failed steps as done for plain and any-of items', () => {
    expect(unmetRequirements([{ anyOf: ['b', 'd'] }, 'b'], status, title, 0)).toEqual([]);
    expect(unmetRequirements([{ anyOf: ['b', 'c', 'd'], count: 2 }], status, title, 0)).toEqual(['any 2 of B, C, D']);
  });
});
