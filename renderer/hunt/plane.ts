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
