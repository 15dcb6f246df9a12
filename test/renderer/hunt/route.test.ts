import { describe, expect, it } from 'vitest';
import { crossings, labelPoint, roundedPath, routeEdge, type Rect } from '../../../renderer/hunt/route';

const box = (x: number, y: number): Rect => ({ x, y, width: 200, height: 60 });

describe('edge routing', () => {
  it('goes straight when nothing is in the way', () => {
    const pts = routeEdge({ x: 200, y: 30 }, { x: 520, y: 30 }, []);
    expect(pts).toEqual([{ x: 200, y: 30 }, { x: 520, y: 30 }]);
  });

  it('goes around a step that sits between source and target', () => {
    const pts = routeEdge({ x: 200, y: 30 }, { x: 520, y: 30 }, [box(260, 0)]);
    expect(crossings(pts, [box(260, 0)])).toBe(0);
    expect(pts[0]).toEqual({ x: 200, y: 30 });
    expect(pts[pts.length - 1]).toEqual({ x: 520, y: 30 });
    // Every segment is horizontal or vertical.
    for (let i = 1; i < pts.length; i++) expect(pts[i].x === pts[i - 1].x || pts[i].y === pts[i - 1].y).toBe(true);
  });

  it('routes a backward edge (target left of source) around both', () => {
    // Source at 300..500, target at 0..200, a third step between them.
    const between = [box(220, -10)];
    const pts = routeEdge({ x: 500, y: 30 }, { x: 0, y: 30 }, between);
    expect(crossings(pts, [...between, { x: 300, y: 0, width: 200 - 30, height: 60 }, { x: 30, y: 0, width: 170, height: 60 }], 0)).toBe(0);
  });

  it('draws rounded corners and labels the first long enough horizontal run (else the longest)', () => {
    const pts = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 50 }, { x: 300, y: 50 }];
    expect(roundedPath(pts)).toMatch(/^M 0 0 L 92 0 Q 100 0 100 8/);
    expect(labelPoint(pts)).toEqual({ x: 50, y: 0 });
    expect(labelPoint(pts, 150)).toEqual({ x: 200, y: 50 });
    const short = [{ x: 0, y: 0 }, { x: 24, y: 0 }, { x: 24, y: 50 }, { x: 84, y: 50 }];
    expect(labelPoint(short)).toEqual({ x: 54, y: 50 });
  });
});
