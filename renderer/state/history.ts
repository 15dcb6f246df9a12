// Undo/redo history of immutable values. Typing in one field produces many edits:
// edits that share a coalescing key and come close together in time become one
// undo step, so Undo takes back a word, not a letter.

export type History<T> = {
  past: T[];
  present: T;
  future: T[];
  /** Key and time of the last recorded edit, for coalescing. */
  lastKey: string | null;
  lastAt: number;
};

export const COALESCE_MS = 1000;
export const HISTORY_LIMIT = 200;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null, lastAt: 0 };
}

/**
 * Records a new present. With the same `key` as the previous edit within
 * COALESCE_MS, the previous undo step is extended instead of adding one.
 */
export function record<T>(h: History<T>, next: T, key: string | null = null, now = Date.now()): History<T> {
  if (Object.is(next, h.present)) return h;
  const coalesce = key !== null && key === h.lastKey && now - h.lastAt <= COALESCE_MS && h.past.length > 0;
  const past = coalesce ? h.past : [...h.past, h.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], lastKey: key, lastAt: now };
}

export function undo<T>(h: History<T>): History<T> {
  if (h.past.length === 0) return h;
  const previous = h.past[h.past.length - 1];
  return { past: h.past.slice(0, -1), present: previous, future: [h.present, ...h.future], lastKey: null, lastAt: 0 };
}

export function redo<T>(h: History<T>): History<T> {
  if (h.future.length === 0) return h;
  const [next, ...rest] = h.future;
  return { past: [...h.past, h.present], present: next, future: rest, lastKey: null, lastAt: 0 };
}

export const canUndo = <T>(h: History<T>): boolean => h.past.length > 0;
export const canRedo = <T>(h: History<T>): boolean => h.future.length > 0;
