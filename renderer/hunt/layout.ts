// Automatic placement of the step graph: layers by longest chain of `requires`,
// so every edge points right (or down a column for a loop the validator reports).
import type { StepView } from './draft';

export type GraphPoint = { x: number; y: number };

export const COLUMN_WIDTH = 260;
export const ROW_HEIGHT = 110;

/** Depth of each step = length of its longest chain of prerequisites. Cycles are cut where found. */
export function depths(steps: StepView[]): Map<string, number> {
  const byId = new Map<string, StepView>();
  for (const s of steps) if (!byId.has(s.id)) byId.set(s.id, s);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return -1; // a loop: the validator reports it, the layout just stops
    visiting.add(id);
    let d = 0;
    for (const r of byId.get(id)?.requires ?? []) if (byId.has(r)) d = Math.max(d, visit(r) + 1);
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  for (const s of steps) visit(s.id);
  return depth;
}

export type Spacing = { column: number; row: number };
export const DEFAULT_SPACING: Spacing = { column: COLUMN_WIDTH, row: ROW_HEIGHT };
/** Tighter spacing for the read-only graph next to the debugger and playtest (small nodes). */
export const COMPACT_SPACING: Spacing = { column: 200, row: 64 };

/** A position for every step index (keys are indexes: ids may be duplicated or empty while editing). */
export function autoLayout(steps: StepView[], spacing: Spacing = DEFAULT_SPACING): Map<number, GraphPoint> {
  const d = depths(steps);
  const rows = new Map<number, number>();
  const out = new Map<number, GraphPoint>();
  for (const s of steps) {
    const col = d.get(s.id) ?? 0;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    out.set(s.index, { x: col * spacing.column, y: row * spacing.row });
  }
  return out;
}

/**
 * Where to put each node: a position the designer dragged it to (kept by step id)
 * wins; otherwise the automatic layout.
 */
export function placeNodes(steps: StepView[], manual: ReadonlyMap<string, GraphPoint>, spacing: Spacing = DEFAULT_SPACING): Map<number, GraphPoint> {
  const auto = autoLayout(steps, spacing);
  const out = new Map<number, GraphPoint>();
  for (const s of steps) out.set(s.index, manual.get(s.id) ?? auto.get(s.index) ?? { x: 0, y: 0 });
  return out;
}

/** Node boxes as the editor draws them (StepNodeView's width and a usual height). */
export const NODE_SIZE = { width: 200, height: 64 };

const overlaps = (a: GraphPoint, b: GraphPoint): boolean => Math.abs(a.x - b.x) < NODE_SIZE.width + 20 && Math.abs(a.y - b.y) < NODE_SIZE.height + 20;

/** The first spot at or near `want` (then down its column, then the next columns) that no node in `taken` covers. */
export function freeSpot(taken: Iterable<GraphPoint>, want: GraphPoint, spacing: Spacing = DEFAULT_SPACING): GraphPoint {
  const all = [...taken];
  for (let col = 0; col < 50; col++)
    for (let row = 0; row < 50; row++) {
      const p = { x: want.x + col * spacing.column, y: want.y + row * spacing.row };
      if (!all.some((q) => overlaps(p, q))) return p;
    }
  return want;
}

/**
 * Every step pinned: the positions already known are kept and each step without one gets
 * its automatic place (or the nearest free spot, so it never lands on a pinned step).
 * After this the graph never moves a step by itself; only "Tidy layout" does.
 */
export function pinAll(steps: StepView[], known: Readonly<Record<string, GraphPoint>>, spacing: Spacing = DEFAULT_SPACING): Record<string, GraphPoint> {
  const out: Record<string, GraphPoint> = { ...known };
  const auto = autoLayout(steps, spacing);
  for (const s of steps) {
    if (!s.id || out[s.id]) continue;
    out[s.id] = freeSpot(Object.values(out), auto.get(s.index) ?? { x: 0, y: 0 }, spacing);
  }
  return out;
}

/** "Tidy layout": every step back at its automatic place. */
export function tidyPositions(steps: StepView[], spacing: Spacing = DEFAULT_SPACING): Record<string, GraphPoint> {
  const auto = autoLayout(steps, spacing);
  const out: Record<string, GraphPoint> = {};
  for (const s of steps) if (s.id && !out[s.id]) out[s.id] = auto.get(s.index) ?? { x: 0, y: 0 };
  return out;
}
