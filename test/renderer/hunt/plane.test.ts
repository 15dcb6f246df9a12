import { describe, expect, it } from 'vitest';
import { frameFor, fromPixel, toPixel } from '../../../renderer/hunt/plane';

describe('venue plane projection', () => {
  const locs = [
    { index: 0, id: 'a', name: '', lat: 48.2082, lon: 16.3738, radiusM: 25 },
    { index: 1, id: 'b', name: '', lat: 48.2101, lon: 16.3702, radiusM: 40 },
  ];
  it('frames every location inside the view with the view aspect', () => {
    const f = frameFor(locs, 1.6);
    expect(f.halfWidthM / f.halfHeightM).toBeCloseTo(1.6, 6);
    for (const l of locs) {
      const { px, py } = toPixel(f, { width: 800, height: 500 }, l.lat, l.lon);
      expect(px).toBeGreaterThan(0);
      expect(px).toBeLessThan(800);
      expect(py).toBeGreaterThan(0);
      expect(py).toBeLessThan(500);
    }
  });
  it('pixel and degrees round-trip, north up', () => {
    const f = frameFor(locs, 1);
    const size = { width: 600, height: 600 };
    const { px, py } = toPixel(f, size, 48.2101, 16.3702);
    const back = fromPixel(f, size, px, py);
    expect(back.lat).toBeCloseTo(48.2101, 9);
    expect(back.lon).toBeCloseTo(16.3702, 9);
    expect(toPixel(f, size, 48.2101, 16.3702).py).toBeLessThan(toPixel(f, size, 48.2082, 16.3702).py);
  });
  it('an empty venue still has a usable frame', () => {
    const f = frameFor([], 2);
    expect(f.halfWidthM).toBe(400);
  });
});
