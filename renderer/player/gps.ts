// Positions while the page is open: at most one every MIN_INTERVAL, and only when the
// phone moved MIN_MOVE metres or KEEPALIVE passed (a team standing still at a place still checks in).
const MIN_INTERVAL_MS = 5_000;
const KEEPALIVE_MS = 30_000;
const MIN_MOVE_M = 10;

function metres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

/** Why this page gets no positions, before asking: browsers give them only to secure pages. */
export const INSECURE_PAGE_NOTE = 'This page is not served securely, so the phone cannot share its position: places are not found by themselves. Ask the organisers to serve the hunt over HTTPS.';

export function watchPositions(send: (p: { lat: number; lon: number }) => void, onError: (message: string) => void): () => void {
  if (!window.isSecureContext) {
    onError(INSECURE_PAGE_NOTE);
    return () => undefined;
  }
  if (!('geolocation' in navigator)) {
    onError('This browser gives no position: places are not found by themselves.');
    return () => undefined;
  }
  let last: { lat: number; lon: number; at: number } | null = null;
  // A move reported too soon after the last send is sent once the interval is over: the
  // phone may not report again while it stands still at the place it just reached.
  let later: ReturnType<typeof setTimeout> | null = null;
  const offer = (p: { lat: number; lon: number }) => {
    const now = Date.now();
    if (last && metres(last, p) < MIN_MOVE_M && now - last.at < KEEPALIVE_MS) return;
    if (later) clearTimeout(later);
    later = null;
    if (last && now - last.at < MIN_INTERVAL_MS) {
      later = setTimeout(() => offer(p), last.at + MIN_INTERVAL_MS - now);
      return;
    }
    last = { ...p, at: now };
    send(p);
  };
  const id = navigator.geolocation.watchPosition(
    (pos) => offer({ lat: pos.coords.latitude, lon: pos.coords.longitude }),
    (err) =>
      onError(
        err.code === err.PERMISSION_DENIED
          ? 'The phone does not share its position with this page: allow location for it in the browser to find places.'
          : `No position yet (${err.message}).`,
      ),
    { enableHighAccuracy: true, maximumAge: 5_000 },
  );
  return () => {
    if (later) clearTimeout(later);
    navigator.geolocation.clearWatch(id);
  };
}
