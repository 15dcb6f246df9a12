// What validation reports: an issue has a machine-readable code, a JSON-pointer path
// to the offending value and a message for designers. Same shape as `Issue` in
// api/contract.ts (engine/ does not import api/, TypeScript's structural typing joins them).

export type Issue = { code: string; path: string; message: string };

/** Error codes (spec §1): any of them makes the hunt unusable. */
export const ERROR_CODES = [
  'schema',
  'duplicate-id',
  'unknown-step',
  'unknown-location',
  'cycle',
  'no-answers',
  // hunt/2
  'step-in-two-groups',
  'group-order-conflict',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Warning codes: the hunt works, but probably not as the designer meant. */
export const WARNING_CODES = [
  'hint-penalty-exceeds-points',
  'step-limit-exceeds-hunt',
  'unused-location',
  'empty-hint',
  'overlapping-locations',
  // hunt/2
  'maybe-unreachable',
  'finish-step-optional',
  'rotation-deadlock',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export type PathSegment = string | number;

/** JSON pointer (RFC 6901) for a path; the root is the empty string. */
export function toPointer(path: readonly PathSegment[]): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function issue(code: ErrorCode | WarningCode, path: readonly PathSegment[], message: string): Issue {
  return { code, path: toPointer(path), message };
}

// Issues are listed in the order a designer reads the file: the hunt's own fields,
// then locations, then steps, each entry's fields in the order the format lists them.
const FIELD_ORDER = [
  'format', 'id', 'title', 'description', 'timeLimitSec', 'wrongAnswerPenalty', 'finishStep', 'locations', 'steps', 'groups',
  'kind', 'name', 'lat', 'lon', 'radiusM', 'points', 'optional', 'requires', 'anyOf', 'count', 'solved', 'failed', 'score',
  'opensAtSec', 'closesAtSec', 'location', 'prompt', 'answers', 'code', 'choices', 'correct',
  'maxAttempts', 'hints', 'text', 'penalty', 'order',
];
const fieldRank = new Map(FIELD_ORDER.map((f, i) => [f, i]));

function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/');
}

function compareSegment(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  const ra = fieldRank.get(a) ?? FIELD_ORDER.length;
  const rb = fieldRank.get(b) ?? FIELD_ORDER.length;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders pointers as the file reads; a parent comes before what is inside it. */
export function comparePointers(a: string, b: string): number {
  const sa = segments(a);
  const sb = segments(b);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const c = compareSegment(sa[i], sb[i]);
    if (c !== 0) return c;
  }
  return sa.length - sb.length;
}

/** Sorts issues into reading order; issues at the same path keep the order they were found in. */
export function sortIssues(list: Issue[]): Issue[] {
  return [...list].sort((x, y) => comparePointers(x.path, y.path));
}
