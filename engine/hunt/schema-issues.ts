// Turns zod's findings on a hunt file into `schema` issues (and `no-answers`) with
// JSON-pointer paths and messages a designer can act on. The wording comes from the
// rules of each field, so every kind of failure on a field reads the same way.
import type { core } from 'zod';
import {
  answerStepSchema,
  codeStepSchema,
  hintSchema,
  huntSchema,
  huntSchemaV2,
  locationSchema,
  locationStepSchema,
  SLUG,
  stepCommonSchema,
  type Hunt,
} from './schema';
import { normalizeAnswer } from './normalize';
import { issue, type Issue, type PathSegment } from './issues';
import { didYouMean } from './did-you-mean';
import { isRecord, objectName, rawList, show, valueAt, valueName } from './describe';

type ZodIssue = core.$ZodIssue & { input?: unknown; params?: Record<string, unknown> };

const STEP_KINDS = {
  answer: Object.keys(answerStepSchema.shape),
  code: Object.keys(codeStepSchema.shape),
  location: Object.keys(locationStepSchema.shape),
} as const;
type Kind = keyof typeof STEP_KINDS;
const KIND_NAMES = Object.keys(STEP_KINDS) as Kind[];
const ALL_STEP_KEYS = new Set(Object.values(STEP_KINDS).flat());

/** What each field must be, phrased to follow "must be". */
const FIELD_RULES: Record<string, string> = {
  format: 'exactly "hunt/1"',
  id: 'a slug: lower-case letters a–z, digits and dashes, starting with a letter or digit, at most 64 characters',
  title: 'a non-empty text',
  description: 'a text',
  name: 'a text',
  prompt: 'a text',
  text: 'a text',
  timeLimitSec: 'a number of seconds greater than 0',
  wrongAnswerPenalty: 'a whole number of points, 0 or more',
  points: 'a whole number of points, 0 or more',
  penalty: 'a whole number of points, 0 or more',
  locations: 'a list of locations',
  steps: 'a list of steps (at least one)',
  lat: 'a latitude: a number from -90 to 90',
  lon: 'a longitude: a number from -180 to 180',
  radiusM: 'a radius in metres, greater than 0',
  requires: 'a list of step ids',
  hints: 'a list of hints, each { "text": …, "penalty": … }',
  answers: 'a list of accepted answers (texts)',
  code: 'a text that is not empty once spaces at both ends are removed',
  maxAttempts: 'a whole number, 1 or more',
  location: 'the id of an entry in "locations"',
  kind: '"answer", "code" or "location"',
};

/** What each entry of a list must be, by the list's field name. */
const ENTRY_RULES: Record<string, string> = {
  answers: 'a text',
  requires: 'a step id (a text)',
  hints: 'an object { "text": …, "penalty": … }',
  steps: 'an object with at least "id", "title" and "kind"',
  locations: 'an object with "id", "lat", "lon" and "radiusM"',
};

function ruleFor(path: readonly PathSegment[]): string | undefined {
  const last = path[path.length - 1];
  if (typeof last === 'number') return ENTRY_RULES[String(path[path.length - 2])];
  return FIELD_RULES[String(last)];
}

/** The fields allowed in the object at `path` (for "did you mean" on unknown fields). */
function allowedKeys(root: unknown, path: readonly PathSegment[]): string[] {
  if (path.length === 0) return Object.keys(huntSchema.shape);
  if (path.length === 2 && path[0] === 'locations') return Object.keys(locationSchema.shape);
  if (path.length === 4 && path[2] === 'hints') return Object.keys(hintSchema.shape);
  if (path.length === 2 && path[0] === 'steps') {
    const kind = stepKindAt(root, path);
    return kind ? STEP_KINDS[kind] : [...ALL_STEP_KEYS];
  }
  return [];
}

function stepKindAt(root: unknown, stepPath: readonly PathSegment[]): Kind | undefined {
  const kind = valueAt(root, [...stepPath, 'kind']);
  return typeof kind === 'string' && (KIND_NAMES as string[]).includes(kind) ? (kind as Kind) : undefined;
}

/** A slug close to what was written, to suggest ("Old Town" → "old-town"). */
function slugSuggestion(value: unknown): string {
  if (typeof value !== 'string') return '';
  const slug = value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return SLUG.test(slug) && slug !== value ? ` (try "${slug}")` : '';
}

/** A single text where a list of texts belongs: show the list to write instead. */
function listSuggestion(path: readonly PathSegment[], value: unknown): string {
  const last = path[path.length - 1];
  return (last === 'requires' || last === 'answers') && typeof value === 'string' ? ` (write [${JSON.stringify(value)}])` : '';
}

function unknownFieldIssue(root: unknown, objectPath: readonly PathSegment[], key: string): Issue {
  const path = [...objectPath, key];
  const owner = objectName(root, objectPath);
  if (objectPath.length === 2 && objectPath[0] === 'steps') {
    const kind = stepKindAt(root, objectPath);
    const homes = KIND_NAMES.filter((k) => STEP_KINDS[k].includes(key));
    if (kind && homes.length > 0) {
      const where = homes.map((k) => `${k} steps`).join(' and ');
      return issue('schema', path, `"${key}" belongs to ${where}, but ${owner} is ${kind === 'answer' ? 'an' : 'a'} ${kind} step: remove "${key}" or change "kind"`);
    }
  }
  // Unknown fields are refused so that a typo cannot silently drop a rule.
  const fix = didYouMean(key, allowedKeys(root, objectPath)) || ': remove it, or check its spelling';
  return issue('schema', path, `${owner} has an unknown field "${key}"${fix}`);
}

function kindIssue(root: unknown, path: readonly PathSegment[]): Issue {
  const owner = objectName(root, path.slice(0, -1));
  const value = valueAt(root, path);
  if (value === undefined) return issue('schema', path, `${owner} is missing "kind": it must be ${FIELD_RULES.kind}`);
  const hint = typeof value === 'string' ? didYouMean(value, KIND_NAMES) : '';
  return issue('schema', path, `"kind" of ${owner} must be ${FIELD_RULES.kind}, not ${show(value)}${hint}`);
}

function mapIssue(root: unknown, z: ZodIssue, prefix: readonly PathSegment[]): Issue[] {
  const path: PathSegment[] = [...prefix, ...(z.path as PathSegment[])];
  const value = valueAt(root, path);
  switch (z.code) {
    case 'unrecognized_keys':
      return z.keys.map((k) => unknownFieldIssue(root, path, k));
    case 'invalid_union':
      if (path[path.length - 1] === 'kind') return [kindIssue(root, path)];
      break;
    case 'custom': {
      const code = z.params?.huntCode;
      if (code === 'empty-answer') return [issue('schema', path, `${valueName(root, path)} (${show(value)}) ${z.message}`)];
      if (code === 'no-answers') return [issue('no-answers', path, `${objectName(root, path.slice(0, -1))} has no accepted answer: list at least one in "answers"`)];
      break;
    }
    case 'too_small':
      if (path.length === 1 && path[0] === 'steps' && Array.isArray(value)) return [issue('schema', path, 'the hunt has no steps: it needs at least one')];
      break;
  }
  if (path.length === 0) {
    return [issue('schema', path, `a hunt file must hold a JSON object such as { "format": "hunt/1", "id": …, "title": …, "steps": [ … ] }, not ${show(value)}`)];
  }
  const last = path[path.length - 1];
  const rule = ruleFor(path);
  if (value === undefined && typeof last === 'string') {
    return [issue('schema', path, `${objectName(root, path.slice(0, -1))} is missing "${last}"${rule ? `: it must be ${rule}` : ''}`)];
  }
  const suggestion = last === 'id' ? slugSuggestion(value) : listSuggestion(path, value);
  const what = rule ? `must be ${rule}` : z.message;
  return [issue('schema', path, `${valueName(root, path)} ${what}, not ${show(value)}${suggestion}`)];
}

/** A step whose `kind` is wrong still gets its shared fields and unknown fields checked. */
function commonStepIssues(root: unknown, stepPath: readonly PathSegment[]): Issue[] {
  const step = valueAt(root, stepPath);
  if (!isRecord(step)) return [];
  const found: Issue[] = [];
  const r = stepCommonSchema.safeParse(step, { reportInput: true });
  if (!r.success) for (const z of r.error.issues) found.push(...mapIssue(root, z as ZodIssue, stepPath));
  for (const key of Object.keys(step)) if (!ALL_STEP_KEYS.has(key)) found.push(unknownFieldIssue(root, stepPath, key));
  return found;
}

/**
 * Answer steps whose list holds no usable answer get one `no-answers` issue instead of one
 * `schema` issue per empty answer (spec §1); entries that are not texts stay `schema` errors.
 */
function foldEmptyAnswers(root: unknown, issues: Issue[]): Issue[] {
  let result = issues;
  rawList(root, 'steps').forEach((step, i) => {
    if (!isRecord(step) || step.kind !== 'answer' || !Array.isArray(step.answers)) return;
    if (step.answers.some((a) => typeof a === 'string' && normalizeAnswer(a) !== '')) return;
    const at = `/steps/${i}/answers`;
    // In a list with no usable answer, every text entry is an empty one: the fold covers them.
    const isEmptyText = (x: Issue) => x.path.startsWith(at + '/') && typeof valueAt(root, ['steps', i, 'answers', Number(x.path.slice(at.length + 1))]) === 'string';
    result = result.filter((x) => x.path !== at && !isEmptyText(x));
    const why =
      step.answers.length === 0
        ? 'the list is empty'
        : step.answers.some((a) => typeof a === 'string')
          ? 'every answer is empty once case, accents, punctuation and spaces are ignored'
          : 'none of its entries is a text';
    result.push(issue('no-answers', ['steps', i, 'answers'], `${objectName(root, ['steps', i])} has no usable answer: ${why}, so no reply could ever solve it`));
  });
  return result;
}

export type SchemaCheck = { issues: Issue[]; hunt?: Hunt };

/** Checks the raw value against the hunt schema; `hunt` is set when it conforms. */
export function checkSchema(root: unknown): SchemaCheck {
  const r = (isRecord(root) && root.format === 'hunt/1' ? huntSchema : huntSchemaV2).safeParse(root, { reportInput: true });
  if (r.success) return { issues: [], hunt: r.data };
  const issues: Issue[] = [];
  for (const z of r.error.issues as ZodIssue[]) {
    issues.push(...mapIssue(root, z, []));
    if (z.code === 'invalid_union' && z.path[z.path.length - 1] === 'kind') {
      issues.push(...commonStepIssues(root, z.path.slice(0, -1) as PathSegment[]));
    }
  }
  return { issues: dedupe(foldEmptyAnswers(root, issues)) };
}

// zod may report two checks failing on one value (e.g. -1.5 for points: not whole, below 0):
// one message per value is enough, since each message states the whole rule.
function dedupe(list: Issue[]): Issue[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const key = `${x.code} ${x.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
