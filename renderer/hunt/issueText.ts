// The validator's problems in the editor's words: steps and places by their titles and
// names, fields by the labels the form shows, and a one-click fix where the validator
// suggests one ("did you mean …"). The validator's own message (with ids and file
// fields, for `hunt validate` and the file format) stays available as the details.
import type { Issue } from '../../api/contract';
import { addStep, asObject, locationViews, rawSteps, stepViews } from './draft';
import { issueTarget } from './problems';

/** The label the form shows for each field of the file. */
export const FIELD_LABEL: Record<string, string> = {
  id: 'Id',
  title: 'Title',
  kind: 'Kind',
  prompt: 'Prompt',
  answers: 'Accepted answers',
  code: 'Code',
  location: 'Location',
  locations: 'Places',
  points: 'Points',
  timeLimitSec: 'Time limit',
  maxAttempts: 'Max attempts',
  requires: 'Requires',
  hints: 'Hints',
  text: 'Hint text',
  penalty: 'Penalty',
  wrongAnswerPenalty: 'Wrong answer penalty',
  description: 'Description',
  format: 'Format',
  steps: 'Steps',
  lat: 'Latitude',
  lon: 'Longitude',
  radiusM: 'Radius',
  name: 'Name',
  optional: 'Optional',
  opensAtSec: 'Opens at',
  closesAtSec: 'Closes at',
  finishStep: 'Finish step',
  groups: 'Rotation groups',
  choices: 'Choices',
  correct: 'Correct choices',
  anyOf: 'Any of',
  count: 'How many',
  solved: 'Solved',
  failed: 'Failed',
  score: 'Minimum score',
  order: 'Order',
};

const KIND_WORD: Record<string, string> = { answer: 'question', code: 'code', location: 'location', choice: 'multiple-choice', judged: 'judged' };

export type IssueFix = { label: string; apply(hunt: unknown): unknown };
export type IssueText = { text: string; where: string; fix: IssueFix | null };

const quote = (s: string) => `“${s}”`;

function stepTitle(hunt: unknown, id: string): string | null {
  const s = stepViews(hunt).find((x) => x.id === id);
  return s ? s.title || s.id : null;
}

function placeName(hunt: unknown, id: string): string | null {
  const l = locationViews(hunt).find((x) => x.id === id);
  return l ? l.name || l.id : null;
}

/** Where the problem is, as the designer finds it: `Step “Read the plaque” › Time limit`. */
export function issueWhere(issue: Issue, hunt: unknown): string {
  const t = issueTarget(issue.path);
  const field = t.field ? FIELD_LABEL[t.field] ?? t.field : null;
  if (t.area === 'step') {
    const s = stepViews(hunt)[t.index];
    const name = s ? `Step ${quote(s.title || s.id || String(t.index + 1))}` : `Step ${t.index + 1}`;
    return field ? `${name} › ${field}` : name;
  }
  if (t.area === 'location') {
    const l = locationViews(hunt)[t.index];
    const name = l ? `Place ${quote(l.name || l.id || String(t.index + 1))}` : `Place ${t.index + 1}`;
    return field ? `${name} › ${field}` : name;
  }
  if (t.field === 'groups') {
    const g = issue.path.split('/')[2];
    return g !== undefined ? `Rotation group ${Number(g) + 1}` : 'Rotation groups';
  }
  return field ? `Hunt settings › ${field}` : 'Hunt settings';
}

/** Rewrites the validator's words: step "x" -> “Title”, location "x" -> place “Name”, "field" -> “Label”. */
export function designerWords(message: string, hunt: unknown): string {
  let text = message
    .replace(/\bsteps? "([^"]*)"/g, (m, id: string) => {
      const t = stepTitle(hunt, id);
      return t ? quote(t) : m;
    })
    .replace(/\blocations? "([^"]*)"/g, (m, id: string) => {
      const n = placeName(hunt, id);
      return n ? `place ${quote(n)}` : m;
    })
    .replace(/did you mean "([^"]*)"\?/g, (m, id: string) => {
      const t = stepTitle(hunt, id) ?? placeName(hunt, id);
      return t && t !== id ? `did you mean ${quote(t)} (${id})?` : m;
    })
    .replace(/\bstep #(\d+)/g, 'step $1')
    .replace(/\blocation #(\d+)/g, 'place $1')
    .replace(/"([A-Za-z]+)"/g, (m, key: string) => (FIELD_LABEL[key] ? quote(FIELD_LABEL[key]) : m))
    .replace(/\blocation step\b/g, '“Reach a location” step')
    .replace(/\b(a|an) (answer|code|location|choice|judged) step\b/g, (_m, _a, k: string) => `a ${KIND_WORD[k] ?? k} step`)
    .replace(/\s*\(\/[a-zA-Z0-9/]+\)/g, '');
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return text;
}

/** The suggestion in " — did you mean "x"?", if any. */
export function suggestion(message: string): string | null {
  const m = /did you mean "([^"]*)"\?/.exec(message);
  return m ? m[1] : null;
}

type Seg = string | number;
const segments = (path: string): Seg[] => path.split('/').filter((p) => p !== '').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

function getAt(root: unknown, path: Seg[]): unknown {
  let v = root;
  for (const s of path) v = typeof s === 'number' ? (Array.isArray(v) ? v[s] : undefined) : asObject(v)[s];
  return v;
}

/** A copy of `root` with the value at `path` replaced (arrays and objects copied along the way). */
function setAt(root: unknown, path: Seg[], f: (old: unknown) => unknown): unknown {
  if (path.length === 0) return f(root);
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(root) ? root.slice() : [];
    list[head] = setAt(list[head], rest, f);
    return list;
  }
  return { ...asObject(root), [head]: setAt(asObject(root)[head], rest, f) };
}

/** Renames key `from` to `to` in the object at `path`, keeping the order of the other keys. */
function renameKey(root: unknown, path: Seg[], from: string, to: string): unknown {
  return setAt(root, path, (o) => Object.fromEntries(Object.entries(asObject(o)).map(([k, v]) => [k === from ? to : k, v])));
}

/**
 * The one-click fix for a "did you mean" suggestion: the misspelt value at the issue's
 * path (a requirement, a location, a kind) or the misspelt field name becomes the suggestion.
 */
export function suggestionFix(issue: Issue, hunt: unknown): IssueFix | null {
  const want = suggestion(issue.message);
  if (want === null) return null;
  const path = segments(issue.path);
  const at = getAt(hunt, path);
  const last = path[path.length - 1];
  if (typeof at === 'string') return { label: `Use ${quote(stepTitle(hunt, want) ?? placeName(hunt, want) ?? want)}`, apply: (h) => setAt(h, path, () => want) };
  if (typeof last === 'string' && at !== undefined) {
    const owner = path.slice(0, -1);
    return { label: `Rename to ${quote(FIELD_LABEL[want] ?? want)}`, apply: (h) => renameKey(h, owner, last, want) };
  }
  return null;
}

/** The editor's wording and fix for one problem. */
export function describeIssue(issue: Issue, hunt: unknown): IssueText {
  const where = issueWhere(issue, hunt);
  const t = issueTarget(issue.path);
  const fix = suggestionFix(issue, hunt);
  if (issue.code === 'unused-location' && t.area === 'location') {
    const l = locationViews(hunt)[t.index];
    const name = l ? quote(l.name || l.id) : 'This place';
    return {
      where,
      text: `${name} is not used by any step: add a “Reach a location” step there, or delete the place.`,
      fix: l?.id
        ? {
            label: 'Add a step there',
            apply: (h) => {
              const { hunt: next, id } = addStep(h, 'location');
              const steps = rawSteps(next).map((s) => (asObject(s).id === id ? { ...asObject(s), title: `Reach ${l.name || l.id}`, location: l.id } : s));
              return { ...asObject(next), steps };
            },
          }
        : null,
    };
  }
  if (issue.code === 'unknown-location' && t.area === 'step') {
    const s = stepViews(hunt)[t.index];
    const name = quote(s?.title || s?.id || 'This step');
    const none = locationViews(hunt).length === 0;
    if (!s?.location)
      return { where, fix, text: none ? `${name} has no place yet: add one on the venue plane, then choose it here.` : `${name} has no place chosen yet: choose one in “Location”.` };
  }
  if (issue.code === 'cycle' && t.area === 'step') {
    const loop = /\(([^)]*)\)/.exec(issue.message)?.[1];
    const ids = loop ? [...loop.matchAll(/"([^"]*)"/g)].map((m) => m[1]) : [];
    const names = ids.map((id) => quote(stepTitle(hunt, id) ?? id));
    const s = stepViews(hunt)[t.index];
    return {
      where,
      text: `${quote(s?.title || s?.id || 'This step')} is on a loop of requirements${names.length ? ` (${names.join(' needs ')})` : ''}: none of these steps can ever open. Remove one requirement to break the loop.`,
      fix: null,
    };
  }
  return { where, text: designerWords(issue.message, hunt), fix };
}
