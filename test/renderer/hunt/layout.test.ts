import { describe, expect, it } from 'vitest';
import { autoLayout, COLUMN_WIDTH, depths, placeNodes, ROW_HEIGHT } from '../../../renderer/hunt/layout';
import { stepViews } from '../../../renderer/hunt/draft';

const hunt = (steps: { id: string; requires?: string[] }[]) => ({ steps: steps.map((s) => ({ ...s, title: s.id, kind: 'code' })) });

describe('graph layout', () => {
  it('puts each step one column right of its deepest prerequisite', () => {
    const views = stepViews(hunt([{ id: 'a' }, { id: 'b', requires: ['a'] }, { id: 'c', requires: ['a'] }, { id: 'd', requires: ['b', 'c'] }, { id: 'e', requires: ['a', 'd'] }]));
    expect(Object.fromEntries(depths(views))).toEqual({ a: 0, b: 1, c: 1, d: 2, e: 3 });
    const pos = autoLayout(views);
    expect(pos.get(1)).toEqual({ x: COLUMN_WIDTH, y: 0 });
    expect(pos.get(2)).toEqual({ x: COLUMN_WIDTH, y: ROW_HEIGHT });
    expect(pos.get(4)).toEqual({ x: 3 * COLUMN_WIDTH, y: 0 });
  });

  it('survives cycles, unknown requires and duplicate ids', () => {
    const views = stepViews(hunt([{ id: 'a', requires: ['b'] }, { id: 'b', requires: ['a', 'ghost'] }, { id: 'b' }]));
    const pos = autoLayout(views);
    expect(pos.size).toBe(3);
    for (const p of pos.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  });

  it('a dragged position wins over the automatic one', () => {
    const views = stepViews(hunt([{ id: 'a' }, { id: 'b', requires: ['a'] }]));
    const pos = placeNodes(views, new Map([['b', { x: 5, y: 7 }]]));
    expect(pos.get(1)).toEqual({ x: 5, y: 7 });
    expect(pos.get(0)).toEqual({ x: 0, y: 0 });
  });
});

describe('pinned positions', () => {
  it('pins every step once, keeps known spots, and never drops a new step on a pinned one', async () => {
    const { pinAll, tidyPositions } = await import('../../../renderer/hunt/layout');
    const views = stepViews(hunt([{ id: 'a' }, { id: 'b', requires: ['a'] }, { id: 'c' }]));
    const pinned = pinAll(views, { a: { x: 0, y: 110 } });
    expect(pinned.a).toEqual({ x: 0, y: 110 });
    expect(Object.keys(pinned).sort()).toEqual(['a', 'b', 'c']);
    // c's automatic spot (0, 110) is a's pinned one: it goes elsewhere.
    expect(pinned.c).not.toEqual(pinned.a);
    expect(tidyPositions(views)).toEqual({ a: { x: 0, y: 0 }, b: { x: COLUMN_WIDTH, y: 0 }, c: { x: 0, y: ROW_HEIGHT } });
  });
});
