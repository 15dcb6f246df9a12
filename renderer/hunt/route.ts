// Routes the graph's edges around the steps: an edge leaves its source to the right,
// runs along a horizontal channel that no other step covers, and enters its target from
// the left. Pure geometry, so it is tested without a browser.

export type Rect = { x: number; y: number; width: number; height: number };
export type XY = { x: number; y: number };

/** How far an edge keeps from a step it passes, and the length of the stubs at each end. */
export const CLEARANCE = 14;
export const STUB = 24;

function hits(a: XY, b: XY, r: Rect, pad: number): boolean {
  const x1 = r.x - pad;
  const x2 = r.x + r.width + pad;
  const y1 = r.y - pad;
  const y2 = r.y + r.height + pad;
  const minX = Math.min(a.x, b.x);
  const maxX = Math.max(a.x, b.x);
  const minY = Math.min(a.y, b.y);
  const maxY = Math.max(a.y, b.y);
  return maxX > x1 && minX < x2 && maxY > y1 && minY < y2;
}

/** How many (segment, step) pairs of the polyline overlap. `obstacles` leaves out the edge's own two steps. */
export function crossings(points: XY[], obstacles: Rect[], pad = CLEARANCE - 2): number {
  let n = 0;
  for (let i = 0; i < points.length - 1; i++) for (const r of obstacles) if (hits(points[i], points[i + 1], r, pad)) n++;
  return n;
}

function length(points: XY[]): number {
  let l = 0;
  for (let i = 1; i < points.length; i++) l += Math.abs(points[i].x - points[i - 1].x) + Math.abs(points[i].y - points[i - 1].y);
  return l;
}

/** Drops repeated points and middle points of straight runs. */
function simplify(points: XY[]): XY[] {
  const out: XY[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const before = out[out.length - 2];
    if (before && last && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/**
 * The orthogonal route from `s` (a source's right handle) to `t` (a target's left
 * handle) with the fewest steps in its way (`obstacles`: every step but those two), then the shortest: the channel it runs
 * along is tried at both ends' heights and just above and below every step in between.
 */
export function routeEdge(s: XY, t: XY, obstacles: Rect[]): XY[] {
  const x1 = s.x + STUB;
  const x2 = t.x - STUB;
  const lo = Math.min(x1, x2);
  const hi = Math.max(x1, x2);
  const channels = new Set<number>([s.y, t.y]);
  for (const r of obstacles) {
    if (r.x + r.width + CLEARANCE < lo || r.x - CLEARANCE > hi) continue;
    channels.add(r.y - CLEARANCE - 4);
    channels.add(r.y + r.height + CLEARANCE + 4);
  }
  // Lanes for the vertical runs: at the stubs, or just beside a step that blocks them.
  // The three nearest of each are enough, and keep large hunts quick to draw.
  const lanesOut = [x1, ...obstacles.map((r) => r.x - CLEARANCE - 4).filter((x) => x > x1).sort((a, b) => a - b).slice(0, 3)];
  const lanesIn = [x2, ...obstacles.map((r) => r.x + r.width + CLEARANCE + 4).filter((x) => x < x2).sort((a, b) => b - a).slice(0, 3)];
  let best: { points: XY[]; cost: number } | null = null;
  for (const c of channels)
    for (const a of lanesOut)
      for (const b of lanesIn) {
        if (x2 >= x1 && (a > x2 || b < x1 || b < a)) continue;
        const points = simplify([s, { x: x1, y: s.y }, { x: a, y: s.y }, { x: a, y: c }, { x: b, y: c }, { x: b, y: t.y }, { x: x2, y: t.y }, t]);
        const cost = crossings(points, obstacles) * 100_000 + length(points) + points.length * 20;
        if (!best || cost < best.cost) best = { points, cost };
      }
  return best ? best.points : [s, t];
}

/** An SVG path through the points with rounded corners. */
export function roundedPath(points: XY[], radius = 8): string {
  if (points.length < 2) return '';
  let d = `M ${points[0].x} ${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i - 1];
    const q = points[i];
    const n = points[i + 1];
    const r = Math.min(radius, (Math.abs(q.x - p.x) + Math.abs(q.y - p.y)) / 2, (Math.abs(n.x - q.x) + Math.abs(n.y - q.y)) / 2);
    const before = { x: q.x - Math.sign(q.x - p.x) * r, y: q.y - Math.sign(q.y - p.y) * r };
    const after = { x: q.x + Math.sign(n.x - q.x) * r, y: q.y + Math.sign(n.y - q.y) * r };
    d += ` L ${before.x} ${before.y} Q ${q.x} ${q.y} ${after.x} ${after.y}`;
  }
  const last = points[points.length - 1];
  return `${d} L ${last.x} ${last.y}`;
}

/**
 * Where to put an edge's label: the middle of its first horizontal run long enough to
 * hold it (near the source, so the labels of several edges into one step do not pile up
 * at the target), else of its longest one.
 */
export function labelPoint(points: XY[], minRun = 90): XY {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a.y === b.y && Math.abs(b.x - a.x) >= minRun) return { x: (a.x + b.x) / 2, y: a.y };
  }
  let best = { x: (points[0].x + points[points.length - 1].x) / 2, y: (points[0].y + points[points.length - 1].y) / 2 };
  let longest = -1;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a.y === b.y && Math.abs(b.x - a.x) > longest) {
      longest = Math.abs(b.x - a.x);
      best = { x: (a.x + b.x) / 2, y: a.y };
    }
  }
  return best;
}
