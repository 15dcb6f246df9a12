import { describe, expect, it } from 'vitest';
import { frameFor, fromPixel, placeLabels, toPixel } from '../../../renderer/hunt/plane';

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

describe('place labels', () => {
  const size = { width: 480, height: 240 };
  it('keeps the usual spot (above right) when nothing is in the way', () => {
    expect(placeLabels([{ px: 100, py: 100, text: 'Gate' }], size)).toEqual([{ dx: 8, dy: -8, anchor: 'start' }]);
  });
  it('moves names off each other and off the places (two places a few pixels apart, as on the Vienna plane)', () => {
    const places = [
      { px: 100, py: 120, text: "St. Stephen's Cathedral, main portal" },
      { px: 110, py: 112, text: 'Michaelerplatz, Hofburg gate' },
    ];
    const spots = placeLabels(places, size);
    // The boxes as a browser draws 12 px text: 7 px a character, from 11 px above the baseline to 3 below.
    const boxes = spots.map((s, i) => {
      const w = places[i].text.length * 7;
      const left = s.anchor === 'start' ? places[i].px + s.dx : places[i].px + s.dx - w;
      return { left, right: left + w, top: places[i].py + s.dy - 11, bottom: places[i].py + s.dy + 3 };
    });
    const apart = (a: (typeof boxes)[0], b: (typeof boxes)[0]) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
    expect(apart(boxes[0], boxes[1])).toBe(true);
    for (const b of boxes) for (const p of places) expect(apart(b, { left: p.px - 4, right: p.px + 4, top: p.py - 4, bottom: p.py + 4 })).toBe(true);
  });
  it('never leaves the plane, even when every spot inside overlaps something', () => {
    const spots = placeLabels(
      [
        { px: 470, py: 10, text: 'Corner place' },
        { px: 465, py: 14, text: 'Another corner' },
      ],
      size,
    );
    for (const [i, s] of spots.entries()) {
      const p = [470, 465][i];
      expect(s.anchor).toBe('end');
      expect(p + s.dx).toBeLessThanOrEqual(size.width);
      expect([10, 14][i] + s.dy).toBeGreaterThan(0);
    }
  });
});
