// A flat east/north frame in metres around the hunt's area. Simulated walkers move
// in metres; positions are turned into lat/lon only when an event is written. An
// equirectangular projection is accurate to well under a metre over a city.
import { EARTH_RADIUS_M } from '../geo/haversine';

const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

export type Point = { x: number; y: number };

export class LocalFrame {
  private readonly metresPerDegreeLon: number;
  constructor(
    readonly lat0: number,
    readonly lon0: number,
  ) {
    // Near the poles a degree of longitude shrinks to nothing; keep the division finite.
    this.metresPerDegreeLon = Math.max(1, METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180));
  }

  toPoint(lat: number, lon: number): Point {
    return { x: (lon - this.lon0) * this.metresPerDegreeLon, y: (lat - this.lat0) * METRES_PER_DEGREE };
  }

  toLat(y: number): number {
    return this.lat0 + y / METRES_PER_DEGREE;
  }

  toLon(x: number): number {
    const lon = this.lon0 + x / this.metresPerDegreeLon;
    return lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
  }
}
