// A step's requirement items (hunt/2 §1): a plain step id (done, the v1 meaning),
// { anyOf, count }, { solved }, { failed } or { score }. The editor keeps every item
// exactly as written (unknown or half-typed items included) and only rewrites the
// ids inside them, so a file round-trips through the editor without loss.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How an edge of the graph holds: the step is done, solved, failed, or one of several is done. */
export type LinkKind = 'done' | 'solved' | 'failed' | 'anyOf';

/** One step id a requirement item names, with the item it came from (for the graph's edges). */
export type RequirementLink = { from: string; kind: LinkKind; item: number; count: number; of: number };

/** The item's kind as the form shows it; `other` is anything the form cannot edit (the validator names it). */
export type ItemKind = LinkKind | 'score' | 'other';

export function itemKind(item: unknown): ItemKind {
  if (typeof item === 'string') return 'done';
  if (!isObj(item)) return 'other';
  const keys = ['anyOf', 'solved', 'failed', 'score'].filter((k) => k in item);
  if (keys.length !== 1) return 'other';
  const k = keys[0];
  if (k === 'anyOf') return Array.isArray(item.anyOf) ? 'anyOf' : 'other';
  if (k === 'score') return 'score';
  return typeof item[k] === 'string' ? (k as 'solved' | 'failed') : 'other';
}

export function anyOfIds(item: unknown): string[] {
  return isObj(item) && Array.isArray(item.anyOf) ? item.anyOf.filter((x): x is string => typeof x === 'string') : [];
}

/** `count` of an anyOf item, 1 when absent (the spec's default). */
export function anyOfCount(item: unknown): number {
  return isObj(item) && typeof item.count === 'number' ? item.count : 1;
}

/** The step id a done, solved or failed item names; null for other items. */
export function singleId(item: unknown): string | null {
  const k = itemKind(item);
  if (k === 'done') return item as string;
  if (k === 'solved' || k === 'failed') return (item as Obj)[k] as string;
  return null;
}

export function requirementList(requires: unknown): unknown[] {
  return Array.isArray(requires) ? requires : [];
}

export function requirementLinks(requires: unknown): RequirementLink[] {
  const out: RequirementLink[] = [];
  requirementList(requires).forEach((item, i) => {
    const k = itemKind(item);
    if (k === 'anyOf') {
      const ids = anyOfIds(item);
      for (const id of ids) out.push({ from: id, kind: 'anyOf', item: i, count: anyOfCount(item), of: ids.length });
    } else {
      const id = singleId(item);
      if (id !== null) out.push({ from: id, kind: k as LinkKind, item: i, count: 1, of: 1 });
    }
  });
  return out;
}

/** The lowest score a step's `score` items ask for, or null. */
export function scoreThreshold(requires: unknown): number | null {
  let out: number | null = null;
  for (const item of requirementList(requires))
    if (itemKind(item) === 'score' && typeof (item as Obj).score === 'number') out = Math.max(out ?? 0, (item as Obj).score as number);
  return out;
}

/**
 * Rewrites every step id inside one item: `f` returns the new id, or null to drop it.
 * A done/solved/failed item whose id is dropped disappears (null); an anyOf item loses
 * the entry, its count shrinks to what is left, and it disappears when none is left.
 */
export function mapItemIds(item: unknown, f: (id: string) => string | null): unknown | null {
  const k = itemKind(item);
  if (k === 'done') return f(item as string);
  if (k === 'solved' || k === 'failed') {
    const id = f((item as Obj)[k] as string);
    return id === null ? null : { ...(item as Obj), [k]: id };
  }
  if (k === 'anyOf') {
    const o = item as Obj;
    const list = (o.anyOf as unknown[]).flatMap((x) => (typeof x === 'string' ? (f(x) === null ? [] : [f(x)]) : [x]));
    if (list.length === 0) return null;
    const next: Obj = { ...o, anyOf: list };
    if (typeof o.count === 'number' && o.count > list.length) next.count = list.length;
    return next;
  }
  return item;
}

/** The requires list with every id rewritten; undefined when nothing is left (the field is then removed). */
export function mapRequirementIds(requires: unknown, f: (id: string) => string | null): unknown[] | undefined {
  const out = requirementList(requires)
    .map((item) => mapItemIds(item, f))
    .filter((item) => item !== null);
  return out.length ? out : undefined;
}

/** True when some item of the list names `id`. */
export function namesStep(requires: unknown, id: string): boolean {
  return requirementLinks(requires).some((l) => l.from === id);
}

/** A requirement item of the given kind about `id` (the form's kind switch). */
export function singleItem(kind: 'done' | 'solved' | 'failed', id: string): unknown {
  return kind === 'done' ? id : { [kind]: id };
}

/** What each kind reads as in the form, the graph's legend and the confirmation dialog. */
export const LINK_LABEL: Record<LinkKind, string> = {
  done: 'done (solved or failed)',
  solved: 'solved',
  failed: 'failed',
  anyOf: 'any of several',
};

/**
 * The items of a locked step that do not hold yet, in words for a player ("first Riddle",
 * "any 1 of Museum, Park", "Riddle failed", "a score of 300"). `status` gives a step's
 * state by id; `title` its title. Items the form cannot read are left out.
 */
export function unmetRequirements(requires: unknown, status: (id: string) => string | undefined, title: (id: string) => string, score: number): string[] {
  const done = (id: string) => status(id) === 'solved' || status(id) === 'failed';
  const out: string[] = [];
  for (const item of requirementList(requires)) {
    const k = itemKind(item);
    if (k === 'done') {
      if (!done(item as string)) out.push(`first ${title(item as string)}`);
    } else if (k === 'solved' || k === 'failed') {
      const id = (item as Obj)[k] as string;
      if (status(id) !== k) out.push(`${title(id)} ${k}`);
    } else if (k === 'anyOf') {
      const ids = anyOfIds(item);
      const n = anyOfCount(item);
      if (ids.filter(done).length < n) out.push(`any ${n} of ${ids.map(title).join(', ')}`);
    } else if (k === 'score') {
      const at = (item as Obj).score;
      if (typeof at === 'number' && score < at) out.push(`a score of ${at}`);
    }
  }
  return out;
}
