// Turns zod's findings on a hunt file into `schema` issues (and `no-answers`) with
// JSON-pointer paths and messages a designer can act on. The wording comes from the
// rules of each field, so every kind of failure on a field reads the same way.
import type { core } from 'zod';
import {
  groupSchema,
  hintSchema,
  huntSchema,
  huntSchemaV2,
  locationSchema,
  SLUG,
  STEP_SCHEMAS,
  stepCommonSchema,
  stepCommonSchemaV2,
  type Hunt,
} from './schema';
import { normalizeAnswer } from './normalize';
import { issue, type Issue, type PathSegment } from './issues';
import { didYouMean } from './did-you-mean';
import { isRecord, objectName, rawList, show, valueAt, valueName } from './describe';

type ZodIssue = core.$ZodIssue & { input?: unknown; params?: Record<string, unknown> };

type Format = keyof typeof STEP_SCHEMAS;

/** What a format allows: per step kind, the fields; and every step field of any kind. */
type Tables = { format: Format; kinds: Record<string, string[]>; kindNames: string[]; allStepKeys: Set<string> };

function tablesFor(format: Format): Tables {
  const kinds = Object.fromEntries(Object.entries(STEP_SCHEMAS[format]).map(([k, schema]) => [k, Object.keys(schema.shape)]));
  return { format, kinds, kindNames: Object.keys(kinds), allStepKeys: new Set(Object.values(kinds).flat()) };
}
const TABLES: Record<Format, Tables> = { 'hunt/1': tablesFor('hunt/1'), 'hunt/2': tablesFor('hunt/2') };
/** Fields of hunt/2 only: on a hunt/1 file the message says how to use them. */
const V2_ONLY_FIELDS = new Set([...TABLES['hunt/2'].allStepKeys, ...Object.keys(huntSchemaV2.shape)].filter((k) => !TABLES['hunt/1'].allStepKeys.has(k) && !(k in huntSchema.shape)));

/** What each field must be, phrased to follow "must be". */
const FIELD_RULES: Record<string, string> = {
  format: '"hunt/1" or "hunt/2"',
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
  // hunt/2
  finishStep: 'the id of one of the hunt\'s steps',
  groups: 'a list of rotation groups, each { "id": …, "steps": [ … ] }',
  optional: 'true or false',
  opensAtSec: 'a session time in seconds, 0 or more',
  closesAtSec: 'a session time in seconds, greater than 0',
  choices: 'a list of at least two choices (texts)',
  correct: 'a list of the indices of the correct choices (0 is the first choice)',
  order: '"rotate"',
  anyOf: 'a list of step ids (at least one)',
  count: 'a whole number from 1 to the number of "anyOf" entries',
  solved: 'a step id',
  failed: 'a step id',
  score: 'a whole number of points, 0 or more',
};
/** A rotation group's `steps` (hunt-v2 §1), not the hunt's list of steps. */
const GROUP_STEPS_RULE = 'a list of at least two step ids (the stations, in the order of the rotation)';
const KIND_RULE: Record<Format, string> = { 'hunt/1': FIELD_RULES.kind, 'hunt/2': '"answer", "code", "location", "choice" or "judged"' };

/** What each entry of a list must be, by the list's field name. */
const ENTRY_RULES: Record<string, string> = {
  answers: 'a text',
  choices: 'a text that is not empty once spaces at both ends are removed',
  correct: 'an index into "choices": a whole number from 0',
  anyOf: 'a step id (a text)',
  requires: 'a step id (a text)',
  hints: 'an object { "text": …, "penalty": … }',
  steps: 'an object with at least "id", "title" and "kind"',
  locations: 'an object with "id", "lat", "lon" and "radiusM"',
  groups: 'an object { "id": …, "steps": [ … ] }',
};

function ruleFor(t: Tables, path: readonly PathSegment[]): string | undefined {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const list = String(path[path.length - 2]);
    if (list === 'steps' && path[0] === 'groups') return 'a step id (a text)';
    return ENTRY_RULES[list];
  }
  if (last === 'kind') return KIND_RULE[t.format];
  if (last === 'steps' && path[0] === 'groups') return GROUP_STEPS_RULE;
  return FIELD_RULES[String(last)];
}

/** The fields allowed in the object at `path` (for "did you mean" on unknown fields). */
function allowedKeys(t: Tables, root: unknown, path: readonly PathSegment[]): string[] {
  if (path.length === 0) return Object.keys(t.format === 'hunt/1' ? huntSchema.shape : huntSchemaV2.shape);
  if (path.length === 2 && path[0] === 'locations') return Object.keys(locationSchema.shape);
  if (path.length === 2 && path[0] === 'groups') return Object.keys(groupSchema.shape);
  if (path.length === 4 && path[2] === 'hints') return Object.keys(hintSchema.shape);
  if (path.length === 2 && path[0] === 'steps') {
    const kind = stepKindAt(t, root, path);
    return kind ? t.kinds[kind] : [...t.allStepKeys];
  }
  return [];
}

function stepKindAt(t: Tables, root: unknown, stepPath: readonly PathSegment[]): string | undefined {
  const kind = valueAt(root, [...stepPath, 'kind']);
  return typeof kind === 'string' && t.kindNames.includes(kind) ? kind : undefined;
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
  return (last === 'requires' || last === 'answers' || last === 'anyOf') && typeof value === 'string' ? ` (write [${JSON.stringify(value)}])` : '';
}

const article = (kind: string) => (/^[aeiou]/.test(kind) ? 'an' : 'a');

function unknownFieldIssue(t: Tables, root: unknown, objectPath: readonly PathSegment[], key: string): Issue {
  const path = [...objectPath, key];
  const owner = objectName(root, objectPath);
  const isStep = objectPath.length === 2 && objectPath[0] === 'steps';
  if (t.format === 'hunt/1' && (objectPath.length === 0 || isStep) && V2_ONLY_FIELDS.has(key)) {
    return issue('schema', path, `${owner} has "${key}", a field of hunt format v2, but the file is "format": "hunt/1": set "format": "hunt/2" to use it, or remove it`);
  }
  if (isStep) {
    const kind = stepKindAt(t, root, objectPath);
    const homes = t.kindNames.filter((k) => t.kinds[k].includes(key));
    if (kind && homes.length > 0) {
      const where = homes.map((k) => `${k} steps`).join(' and ');
      return issue('schema', path, `"${key}" belongs to ${where}, but ${owner} is ${article(kind)} ${kind} step: remove "${key}" or change "kind"`);
    }
  }
  // Unknown fields are refused so that a typo cannot silently drop a rule.
  const fix = didYouMean(key, allowedKeys(t, root, objectPath)) || ': remove it, or check its spelling';
  return issue('schema', path, `${owner} has an unknown field "${key}"${fix}`);
}

function kindIssue(t: Tables, root: unknown, path: readonly PathSegment[]): Issue {
  const owner = objectName(root, path.slice(0, -1));
  const value = valueAt(root, path);
  const rule = KIND_RULE[t.format];
  if (value === undefined) return issue('schema', path, `${owner} is missing "kind": it must be ${rule}`);
  if (t.format === 'hunt/1' && typeof value === 'string' && TABLES['hunt/2'].kindNames.includes(value)) {
    return issue('schema', path, `${owner} is a ${value} step, a kind of hunt format v2, but the file is "format": "hunt/1": set "format": "hunt/2" to use it`);
  }
  const hint = typeof value === 'string' ? didYouMean(value, t.kindNames) : '';
  return issue('schema', path, `"kind" of ${owner} must be ${rule}, not ${show(value)}${hint}`);
}

/** `/steps/I/requires/K/…`: a requirement item of hunt/2, worded by requirementItemIssues instead. */
function isInRequirementItem(path: readonly PathSegment[]): boolean {
  return path.length >= 4 && path[0] === 'steps' && path[2] === 'requires' && typeof path[3] === 'number';
}

function mapIssue(t: Tables, root: unknown, z: ZodIssue, prefix: readonly PathSegment[]): Issue[] {
  const path: PathSegment[] = [...prefix, ...(z.path as PathSegment[])];
  const value = valueAt(root, path);
  if (t.format === 'hunt/2' && isInRequirementItem(path)) return [];
  switch (z.code) {
    case 'unrecognized_keys':
      return z.keys.map((k) => unknownFieldIssue(t, root, path, k));
    case 'invalid_union':
      if (path[path.length - 1] === 'kind') return [kindIssue(t, root, path)];
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
    return [issue('schema', path, `a hunt file must hold a JSON object such as { "format": "hunt/2", "id": …, "title": …, "steps": [ … ] }, not ${show(value)}`)];
  }
  const last = path[path.length - 1];
  const rule = ruleFor(t, path);
  if (value === undefined && typeof last === 'string') {
    return [issue('schema', path, `${objectName(root, path.slice(0, -1))} is missing "${last}"${rule ? `: it must be ${rule}` : ''}`)];
  }
  const suggestion = last === 'id' ? slugSuggestion(value) : listSuggestion(path, value);
  const what = rule ? `must be ${rule}` : z.message;
  return [issue('schema', path, `${valueName(root, path)} ${what}, not ${show(value)}${suggestion}`)];
}

/** A step whose `kind` is wrong still gets its shared fields and unknown fields checked. */
function commonStepIssues(t: Tables, root: unknown, stepPath: readonly PathSegment[]): Issue[] {
  const step = valueAt(root, stepPath);
  if (!isRecord(step)) return [];
  const found: Issue[] = [];
  const r = (t.format === 'hunt/1' ? stepCommonSchema : stepCommonSchemaV2).safeParse(step, { reportInput: true });
  if (!r.success) for (const z of r.error.issues) found.push(...mapIssue(t, root, z as ZodIssue, stepPath));
  for (const key of Object.keys(step)) if (!t.allStepKeys.has(key)) found.push(unknownFieldIssue(t, root, stepPath, key));
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
/**
 * Checks the raw value against the schema of its format; `hunt` is set when it conforms.
 * A "hunt/1" file is checked as v1 alone; any other (an unknown format is itself an error
 * at /format) as hunt/2 (hunt-v2 §5.1).
 */
export function checkSchema(root: unknown): SchemaCheck {
  const t = TABLES[isRecord(root) && root.format === 'hunt/1' ? 'hunt/1' : 'hunt/2'];
  const r = (t.format === 'hunt/1' ? huntSchema : huntSchemaV2).safeParse(root, { reportInput: true });
  const v2 = t.format === 'hunt/2' ? v2RuleIssues(root) : [];
  if (r.success && v2.length === 0) return { issues: [], hunt: r.data };
  const issues: Issue[] = [...v2];
  for (const z of r.success ? [] : (r.error.issues as ZodIssue[])) {
    issues.push(...mapIssue(t, root, z, []));
    if (z.code === 'invalid_union' && z.path[z.path.length - 1] === 'kind') {
      issues.push(...commonStepIssues(t, root, z.path.slice(0, -1) as PathSegment[]));
    }
  }
  return { issues: dedupe(foldEmptyAnswers(root, issues)) };
}

const ITEM_KEYS = ['anyOf', 'solved', 'failed', 'score'] as const;
const ITEM_SHAPE = 'a step id, or an object with exactly one of "anyOf" (with an optional "count"), "solved", "failed" or "score"';

/**
 * hunt-v2 §5.9 on one requirement item: an object with none or several of the item keys is
 * one issue at the item; any other key (`count` not beside `anyOf` included) one at that key;
 * then the value of its key, `anyOf` entries (a repeat at the later one) and `count`.
 */
function requirementItemIssues(root: unknown, path: PathSegment[], item: unknown): Issue[] {
  const name = valueName(root, path);
  if (typeof item === 'string') return [];
  if (!isRecord(item)) return [issue('schema', path, `${name} must be ${ITEM_SHAPE}, not ${show(item)}${listSuggestion(path, item)}`)];
  const keys = Object.keys(item);
  const main = ITEM_KEYS.filter((k) => k in item);
  const found: Issue[] = [];
  if (main.length !== 1) {
    const what = main.length === 0 ? 'has none of "anyOf", "solved", "failed" and "score"' : `has ${main.map((k) => `"${k}"`).join(' and ')} together`;
    found.push(issue('schema', path, `${name} ${what}: it must be ${ITEM_SHAPE}; split it into one item per rule`));
  }
  for (const key of keys) {
    if ((ITEM_KEYS as readonly string[]).includes(key)) continue;
    if (key === 'count') {
      if (!('anyOf' in item)) found.push(issue('schema', [...path, key], `"count" of ${name} only goes beside "anyOf" (how many of the listed steps must be done): remove it`));
      continue;
    }
    const fix = didYouMean(key, [...ITEM_KEYS, 'count']) || ': remove it, or check its spelling';
    found.push(issue('schema', [...path, key], `${name} has an unknown field "${key}"${fix}`));
  }
  const bad = (key: string, rule: string) => found.push(issue('schema', [...path, key], `"${key}" of ${name} must be ${rule}, not ${show(item[key])}`));
  for (const key of ['solved', 'failed'] as const) if (key in item && typeof item[key] !== 'string') bad(key, 'a step id (a text)');
  if ('score' in item && !(Number.isInteger(item.score) && (item.score as number) >= 0)) bad('score', FIELD_RULES.score);
  if ('anyOf' in item) {
    const list = item.anyOf;
    if (!Array.isArray(list) || list.length === 0) bad('anyOf', `${FIELD_RULES.anyOf}${listSuggestion(['anyOf'], list)}`);
    else {
      const seen = new Set<string>();
      list.forEach((id, k) => {
        const at = [...path, 'anyOf', k];
        if (typeof id !== 'string') found.push(issue('schema', at, `${valueName(root, at)} must be a step id (a text), not ${show(id)}`));
        else if (seen.has(id)) found.push(issue('schema', at, `${valueName(root, at)} lists "${id}" a second time: remove the repeat`));
        else seen.add(id);
      });
    }
    if ('count' in item) {
      const n = Array.isArray(list) ? list.length : 0;
      const c = item.count;
      if (!Number.isInteger(c) || (c as number) < 1 || (Array.isArray(list) && (c as number) > n)) {
        const range = Array.isArray(list) && n > 0 ? `a whole number from 1 to ${n} (the number of "anyOf" entries)` : FIELD_RULES.count;
        bad('count', range);
      }
    }
  }
  return found;
}

/** The hunt/2 rules zod's shapes do not state: requirement items, windows, correct indices, group entries. */
function v2RuleIssues(root: unknown): Issue[] {
  const found: Issue[] = [];
  rawList(root, 'steps').forEach((step, i) => {
    if (!isRecord(step)) return;
    if (Array.isArray(step.requires)) step.requires.forEach((item, k) => found.push(...requirementItemIssues(root, ['steps', i, 'requires', k], item)));
    const { opensAtSec: opens, closesAtSec: closes } = step;
    if (typeof opens === 'number' && typeof closes === 'number' && Number.isFinite(opens) && closes <= opens) {
      found.push(issue('schema', ['steps', i, 'closesAtSec'], `${objectName(root, ['steps', i])} closes at ${closes} s, not after it opens (${opens} s): it could never be available; make "closesAtSec" later than "opensAtSec"`));
    }
    if (step.kind === 'choice' && Array.isArray(step.correct)) {
      const n = Array.isArray(step.choices) ? step.choices.length : Infinity;
      const seen = new Set<number>();
      step.correct.forEach((c, j) => {
        const at = ['steps', i, 'correct', j];
        if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) return; // zod's own issue
        if (c >= n) found.push(issue('schema', at, `${valueName(root, at)} is ${c}, but there ${n === 1 ? 'is 1 choice' : `are ${n} choices`} (indices 0 to ${n - 1}): point it at one of them`));
        else if (seen.has(c)) found.push(issue('schema', at, `${valueName(root, at)} names choice ${c} a second time: remove the repeat`));
        seen.add(c);
      });
    }
  });
  rawList(root, 'groups').forEach((g, i) => {
    if (!isRecord(g) || !Array.isArray(g.steps)) return;
    const seen = new Set<string>();
    g.steps.forEach((id, j) => {
      if (typeof id !== 'string') return;
      if (seen.has(id)) found.push(issue('schema', ['groups', i, 'steps', j], `${objectName(root, ['groups', i])} lists step "${id}" a second time: a team visits each station once; remove the repeat`));
      seen.add(id);
    });
  });
  return found;
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
