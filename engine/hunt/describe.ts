// Naming things in messages the way a designer thinks of them: `step "riddle"`
// rather than `/steps/3`. Works on the raw, possibly broken, JSON value.
import type { PathSegment } from './issues';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The array at `key` of a raw object, or an empty list. */
export function rawList(root: unknown, key: string): unknown[] {
  if (!isRecord(root)) return [];
  const v = root[key];
  return Array.isArray(v) ? v : [];
}

/** A short, quoted rendering of a value for a message. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const s = value.length > 40 ? value.slice(0, 37) + '…' : value;
    return `the text ${JSON.stringify(s)}`;
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  return 'an object';
}

function entryName(kind: 'step' | 'location' | 'rotation group', list: unknown[], index: number): string {
  const entry = list[index];
  if (isRecord(entry) && typeof entry.id === 'string' && entry.id !== '') return `${kind} ${JSON.stringify(entry.id)}`;
  return `${kind} #${index + 1}`;
}

export function stepName(root: unknown, index: number): string {
  return entryName('step', rawList(root, 'steps'), index);
}

export function locationName(root: unknown, index: number): string {
  return entryName('location', rawList(root, 'locations'), index);
}

export function groupName(root: unknown, index: number): string {
  return entryName('rotation group', rawList(root, 'groups'), index);
}

/**
 * Names the object a path lies in: the hunt, a location, a step, or a hint of a step.
 * `path` is the path of the object itself (not of a field inside it).
 */
export function objectName(root: unknown, path: readonly PathSegment[]): string {
  const [top, index, sub, subIndex] = path;
  if (path.length === 0) return 'the hunt';
  if (top === 'locations' && typeof index === 'number' && path.length === 2) return locationName(root, index);
  if (top === 'groups' && typeof index === 'number' && path.length === 2) return groupName(root, index);
  if (top === 'steps' && typeof index === 'number') {
    if (path.length === 2) return stepName(root, index);
    if (sub === 'hints' && typeof subIndex === 'number' && path.length === 4) return `hint ${subIndex + 1} of ${stepName(root, index)}`;
    if (sub === 'requires' && typeof subIndex === 'number' && path.length === 4) return `requirement ${subIndex + 1} of ${stepName(root, index)}`;
  }
  return `the value at ${path.map((s) => '/' + String(s)).join('')}`;
}

/** Names a value by its path: `"points" of step "riddle"`, `answer 2 of step "riddle"`, `the hunt's "title"`. */
export function valueName(root: unknown, path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the file';
  const last = path[path.length - 1];
  const parent = path.slice(0, -1);
  if (typeof last === 'number') {
    const listKey = parent[parent.length - 1];
    const owner = objectName(root, parent.slice(0, -1));
    if (listKey === 'answers') return `answer ${last + 1} of ${owner}`;
    if (listKey === 'requires') return `requirement ${last + 1} of ${owner}`;
    if (listKey === 'hints') return `hint ${last + 1} of ${owner}`;
    // A group's `steps` lists step ids (its stations), not the hunt's steps.
    if (listKey === 'steps') return parent.length > 1 ? `entry ${last + 1} of "steps" in ${owner}` : `step #${last + 1}`;
    if (listKey === 'locations') return `location #${last + 1}`;
    if (listKey === 'groups') return `rotation group #${last + 1}`;
    if (listKey === 'anyOf') return `entry ${last + 1} of "anyOf" in ${owner}`;
    if (listKey === 'choices') return `choice ${last + 1} of ${owner}`;
    if (listKey === 'correct') return `correct index ${last + 1} of ${owner}`;
    return `item ${last + 1} of "${String(listKey)}" of ${owner}`;
  }
  const owner = objectName(root, parent);
  return owner === 'the hunt' ? `the hunt's "${last}"` : `"${last}" of ${owner}`;
}

/** The raw value at a path, or undefined. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = root;
  for (const s of path) {
    if (typeof s === 'number' ? !Array.isArray(v) : !isRecord(v)) return undefined;
    v = (v as Record<string, unknown>)[s as string];
  }
  return v;
}
