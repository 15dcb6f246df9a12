// Numeric fields of a hunt or of the profiles, addressed by path, for sweeps:
//   /locations/gate/radiusM            a hunt field (JSON pointer); in an array a
//   /steps/riddle/hints/0/penalty      segment that is not an index picks the item by id
//   profiles/casual/walk/gpsNoiseM     a profile field, the profile by name or index
//   profiles/*/walk/gpsNoiseM          the same field of every profile
// Setting a value copies what it changes; the original is never touched.

export type FieldPath = { target: 'hunt' | 'profiles'; text: string; segments: string[] };

export class PathError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'PathError';
  }
}

export function parsePath(text: string): FieldPath {
  const t = text.trim();
  if (t.startsWith('profiles/')) return { target: 'profiles', text: t, segments: splitSegments(t.slice('profiles/'.length), t) };
  if (t.startsWith('/')) return { target: 'hunt', text: t, segments: splitSegments(t.slice(1), t) };
  throw new PathError(t, 'a path starts with / (a field of the hunt, e.g. /locations/gate/radiusM) or with profiles/ (e.g. profiles/*/walk/gpsNoiseM)');
}

function splitSegments(rest: string, text: string): string[] {
  // JSON pointer escapes: ~1 is /, ~0 is ~.
  const segments = rest.split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments.some((s) => s === '')) throw new PathError(text, 'has an empty segment');
  return segments;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The index of an array item by position, or by its `key` field (id for hunts, name for profiles). */
function itemIndex(list: unknown[], segment: string, key: string): number {
  if (/^[0-9]+$/.test(segment)) return Number(segment) < list.length ? Number(segment) : -1;
  return list.findIndex((item) => isRecord(item) && item[key] === segment);
}

/**
 * A copy of `root` with the number at `segments` set to `value`. The last field may be
 * missing (a step without a time limit gets one); everything before it must exist, and
 * a field that is there must hold a number.
 */
function setIn(root: unknown, segments: string[], value: number, path: string, key: string, where: string[] = []): unknown {
  const [head, ...rest] = segments;
  const here = '/' + [...where, head].join('/');
  if (Array.isArray(root)) {
    const i = itemIndex(root, head, key);
    if (i < 0) throw new PathError(path, `${where.length ? '/' + where.join('/') : 'the list'} has no item ${/^[0-9]+$/.test(head) ? head : `with ${key} "${head}"`}`);
    if (rest.length === 0) {
      if (typeof root[i] !== 'number') throw new PathError(path, `${here} is not a number`);
      return root.map((v, j) => (j === i ? value : v));
    }
    const copy = root.slice();
    copy[i] = setIn(root[i], rest, value, path, key, [...where, head]);
    return copy;
  }
  if (!isRecord(root)) throw new PathError(path, `${'/' + where.join('/')} has no fields`);
  if (rest.length === 0) {
    if (head in root && typeof root[head] !== 'number') throw new PathError(path, `${here} is not a number`);
    return { ...root, [head]: value };
  }
  if (!(head in root)) throw new PathError(path, `${here} does not exist`);
  return { ...root, [head]: setIn(root[head], rest, value, path, key, [...where, head]) };
}

/** The hunt (as written) with the field at `path` set to `value`. */
export function setHuntField<T>(hunt: T, path: FieldPath, value: number): T {
  return setIn(hunt, path.segments, value, path.text, 'id') as T;
}

/** The profiles with the field at `path` set to `value` (`*` first: in every profile). */
export function setProfileField<T>(profiles: T[], path: FieldPath, value: number): T[] {
  const [which, ...rest] = path.segments;
  if (rest.length === 0) throw new PathError(path.text, 'names a profile, not one of its fields');
  if (which === '*') return profiles.map((p, i) => setIn(p, rest, value, path.text, 'name', [String(i)]) as T);
  return setIn(profiles, path.segments, value, path.text, 'name') as T[];
}
