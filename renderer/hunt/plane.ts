// The venue plane: locations are lat/lon, drawn on a flat local projection
// (equirectangular around the venue's centre, metres), because the studio is
// offline and has no map tiles. At venue scale (a few km) the error is negligible.
import type { LocationView } from './draft';

export const EARTH_RADIUS_M = 6_371_008.8;

export type Frame = {
  /** Centre of the view in degrees. */
  lat0: number;
  lon0: number;
  /** Metres across the view's half-width and half-height. */
  halfWidthM: number;
  halfHeightM: number;
};

const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** A frame that shows every location with a margin, at least 200 m across; aspect matches the view. */
export function frameFor(locations: LocationView[], aspect: number): Frame {
  if (locations.length === 0) return fitAspect({ lat0: 0, lon0: 0, halfWidthM: 200, halfHeightM: 200 }, aspect);
  const lats = locations.map((l) => l.lat);
  const lons = locations.map((l) => l.lon);
  const lat0 = (Math.min(...lats) + Math.max(...lats)) / 2;
  const lon0 = (Math.min(...lons) + Math.max(...lons)) / 2;
  let halfW = 100;
  let halfH = 100;
  for (const l of locations) {
    const { x, y } = toMetres({ lat0, lon0 }, l.lat, l.lon);
    halfW = Math.max(halfW, Math.abs(x) + l.radiusM * 2);
    halfH = Math.max(halfH, Math.abs(y) + l.radiusM * 2);
  }
  // Extra room on every side: labels are drawn to the right of their place.
  return fitAspect({ lat0, lon0, halfWidthM: halfW * 1.4, halfHeightM: halfH * 1.25 }, aspect);
}

function fitAspect(f: Frame, aspect: number): Frame {
  if (f.halfWidthM / f.halfHeightM < aspect) return { ...f, halfWidthM: f.halfHeightM * aspect };
  return { ...f, halfHeightM: f.halfWidthM / aspect };
}

export function toMetres(origin: { lat0: number; lon0: number }, lat: number, lon: number): { x: number; y: number } {
  return {
    x: rad(lon - origin.lon0) * EARTH_RADIUS_M * Math.cos(rad(origin.lat0)),
    y: rad(lat - origin.lat0) * EARTH_RADIUS_M,
  };
}

export function fromMetres(origin: { lat0: number; lon0: number }, x: number, y: number): { lat: number; lon: number } {
  const lat = origin.lat0 + deg(y / EARTH_RADIUS_M);
  const lon = origin.lon0 + deg(x / (EARTH_RADIUS_M * Math.cos(rad(origin.lat0))));
  return { lat, lon };
}

/** Degrees -> pixel in a view of the given size (y grows downwards on screen, north is up). */
export function toPixel(f: Frame, size: { width: number; height: number }, lat: number, lon: number): { px: number; py: number } {
  const { x, y } = toMetres(f, lat, lon);
  return { px: ((x + f.halfWidthM) / (2 * f.halfWidthM)) * size.width, py: ((f.halfHeightM - y) / (2 * f.halfHeightM)) * size.height };
}

export function fromPixel(f: Frame, size: { width: number; height: number }, px: number, py: number): { lat: number; lon: number } {
  const x = (px / size.width) * 2 * f.halfWidthM - f.halfWidthM;
  const y = f.halfHeightM - (py / size.height) * 2 * f.halfHeightM;
  return fromMetres(f, x, y);
}

/** Pixels per metre horizontally, to draw a location's radius to scale. */
export function pixelsPerMetre(f: Frame, size: { width: number }): number {
  return size.width / (2 * f.halfWidthM);
}

/** Where a place's name is drawn, relative to the place: an offset and which end of the text sits there. */
export type LabelSpot = { dx: number; dy: number; anchor: 'start' | 'end' };

/** Above-right first (the usual), then above-left, below-right, below-left. */
const LABEL_SPOTS: readonly LabelSpot[] = [
  { dx: 8, dy: -8, anchor: 'start' },
  { dx: -8, dy: -8, anchor: 'end' },
  { dx: 8, dy: 18, anchor: 'start' },
  { dx: -8, dy: 18, anchor: 'end' },
];
/** 12 px text: about 7 px a character, 14 px from top to baseline's descent. */
const CHAR_PX = 7;
const TEXT_PX = 14;

type Box = { left: number; top: number; right: number; bottom: number };

const overlap = (a: Box, b: Box): number => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

function labelBox(p: { px: number; py: number; text: string }, s: LabelSpot): Box {
  const w = p.text.length * CHAR_PX;
  const left = s.anchor === 'start' ? p.px + s.dx : p.px + s.dx - w;
  const baseline = p.py + s.dy;
  return { left, right: left + w, top: baseline - TEXT_PX + 3, bottom: baseline + 3 };
}

/**
 * A spot for every place's name, so that names stay inside the plane and cover neither
 * each other nor the places' dots: each name, in turn, takes the first spot that is
 * inside and free, or else the spot inside the plane that covers least.
 */
export function placeLabels(places: readonly { px: number; py: number; text: string }[], size: { width: number; height: number }): LabelSpot[] {
  const dots: Box[] = places.map((p) => ({ left: p.px - 5, right: p.px + 5, top: p.py - 5, bottom: p.py + 5 }));
  const taken: Box[] = [];
  return places.map((p) => {
    let best = LABEL_SPOTS[0];
    let bestCost = Infinity;
    for (const s of LABEL_SPOTS) {
      const b = labelBox(p, s);
      const outside = b.left < 0 || b.right > size.width || b.top < 0 || b.bottom > size.height;
      const covered = taken.reduce((n, t) => n + overlap(b, t), 0) + dots.reduce((n, d) => n + overlap(b, d), 0);
      // Leaving the plane is worse than any overlap: a cut-off name cannot be read at all.
      const cost = (outside ? 1e9 : 0) + covered;
      if (cost < bestCost) {
        best = s;
        bestCost = cost;
      }
      if (cost === 0) break;
    }
    taken.push(labelBox(p, best));
    return best;
  });
}
