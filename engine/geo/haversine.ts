// Great-circle distance (spec §3 rule 6): haversine on a sphere of the mean
// earth radius the spec names, so every implementation gets the same metres.
export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

/** Distance in metres between two points given in degrees. */
export function haversineMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s1 = Math.sin(dLat / 2);
  const s2 = Math.sin(dLon / 2);
  const a = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
  // min() guards against a rounding error pushing `a` just above 1 for antipodal points.
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}
