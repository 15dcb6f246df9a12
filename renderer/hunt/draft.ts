// Pure, immutable edits of a hunt as the editor holds it. The hunt may be invalid
// at any moment (the designer is typing), so every function accepts any JSON and
// never throws: the validator, not the editor, decides what is wrong.

import { mapRequirementIds, namesStep, requirementLinks, requirementList, scoreThreshold, type RequirementLink } from './requirements';

import type { StepKind } from '../../api/contract';

export type { StepKind };
export const V1_STEP_KINDS: StepKind[] = ['answer', 'code', 'location'];
/** hunt/2 adds multiple-choice and judged steps (spec v2 §1). */
export const STEP_KINDS: StepKind[] = [...V1_STEP_KINDS, 'choice', 'judged'];

export const isHunt2 = (hunt: unknown): boolean => asObject(hunt).format === 'hunt/2';
/** The kinds a step of this hunt may have: v1 files keep v1's three. */
export const kindsFor = (hunt: unknown): StepKind[] => (isHunt2(hunt) ? STEP_KINDS : V1_STEP_KINDS);

type Obj = Record<string, unknown>;

/** The view of one step the graph and lists need, read defensively. */
export type StepView = {
  index: number;
  id: string;
  title: string;
  kind: string;
  /** Every step id the step's requirement items name (for layout and lists). */
  requires: string[];
  /** The same, one per named id, with how it must hold (for the graph's edges). */
  links: RequirementLink[];
  /** The lowest score a `score` item asks for, or null. */
  minScore: number | null;
  optional: boolean;
  opensAtSec: number | null;
  closesAtSec: number | null;
  location: string | null;
};
export type GroupView = { index: number; id: string; steps: string[] };
export type LocationView = { index: number; id: string; name: string; lat: number; lon: number; radiusM: number };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);

export function asObject(hunt: unknown): Obj {
  return isObj(hunt) ? hunt : {};
}

export function rawSteps(hunt: unknown): unknown[] {
  const steps = asObject(hunt).steps;
  return Array.isArray(steps) ? steps : [];
}

export function rawLocations(hunt: unknown): unknown[] {
  const locations = asObject(hunt).locations;
  return Array.isArray(locations) ? locations : [];
}

export function stepViews(hunt: unknown): StepView[] {
  return rawSteps(hunt).map((s, index) => {
    const o = asObject(s);
    const links = requirementLinks(o.requires);
    return {
      index,
      id: str(o.id),
      title: str(o.title),
      kind: str(o.kind),
      requires: [...new Set(links.map((l) => l.from))],
      links,
      minScore: scoreThreshold(o.requires),
      optional: o.optional === true,
      opensAtSec: typeof o.opensAtSec === 'number' ? o.opensAtSec : null,
      closesAtSec: typeof o.closesAtSec === 'number' ? o.closesAtSec : null,
      location: typeof o.location === 'string' ? o.location : null,
    };
  });
}

export function rawGroups(hunt: unknown): unknown[] {
  const groups = asObject(hunt).groups;
  return Array.isArray(groups) ? groups : [];
}

export function groupViews(hunt: unknown): GroupView[] {
  return rawGroups(hunt).map((g, index) => {
    const o = asObject(g);
    return { index, id: str(o.id), steps: Array.isArray(o.steps) ? o.steps.filter((x): x is string => typeof x === 'string') : [] };
  });
}

/** The hunt with every step id named anywhere (requirements, finishStep, groups) rewritten; null drops it. */
function mapStepRefs(hunt: unknown, f: (id: string) => string | null): Obj {
  const next = withSteps(
    hunt,
    rawSteps(hunt).map((s) => {
      const o = asObject(s);
      if (!requirementList(o.requires).length) return s;
      const requires = mapRequirementIds(o.requires, f);
      if (JSON.stringify(requires) === JSON.stringify(o.requires)) return s;
      const out = { ...o };
      if (requires) out.requires = requires;
      else delete out.requires;
      return out;
    }),
  );
  if (typeof next.finishStep === 'string') {
    const finish = f(next.finishStep);
    if (finish === null) delete next.finishStep;
    else next.finishStep = finish;
  }
  if (Array.isArray(next.groups))
    next.groups = next.groups.map((g) => {
      const o = asObject(g);
      if (!Array.isArray(o.steps)) return g;
      return { ...o, steps: o.steps.flatMap((x) => (typeof x === 'string' ? (f(x) === null ? [] : [f(x)]) : [x])) };
    });
  return next;
}

/** The steps that would lose a requirement if `id` went (for the delete confirmation). */
export function dependentsOf(hunt: unknown, id: string): StepView[] {
  return stepViews(hunt).filter((s) => s.id !== id && namesStep(asObject(rawSteps(hunt)[s.index]).requires, id));
}

export function locationViews(hunt: unknown): LocationView[] {
  return rawLocations(hunt).map((l, index) => {
    const o = asObject(l);
    return { index, id: str(o.id), name: str(o.name), lat: num(o.lat, 0), lon: num(o.lon, 0), radiusM: num(o.radiusM, 25) };
  });
}

/** A new hunt-level field value; `undefined` removes the field (optional fields). */
export function setHuntField(hunt: unknown, field: string, value: unknown): Obj {
  const next = { ...asObject(hunt) };
  if (value === undefined) delete next[field];
  else next[field] = value;
  return next;
}

function withSteps(hunt: unknown, steps: unknown[]): Obj {
  return { ...asObject(hunt), steps };
}

function withLocations(hunt: unknown, locations: unknown[]): Obj {
  const next = { ...asObject(hunt) };
  if (locations.length === 0) delete next.locations;
  else next.locations = locations;
  return next;
}

/** A slug not yet used by any of `taken`: base, base-2, base-3, ... */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The fields a step of each kind needs on top of the shared ones, as a designer would start. */
function kindDefaults(kind: StepKind, hunt: unknown): Obj {
  if (kind === 'answer') return { prompt: '', answers: [''] };
  if (kind === 'code') return { code: '' };
  if (kind === 'choice') return { prompt: '', choices: ['', ''], correct: [0] };
  if (kind === 'judged') return { prompt: '' };
  const first = locationViews(hunt)[0];
  return { location: first ? first.id : '' };
}

const KIND_FIELDS: Record<StepKind, string[]> = {
  answer: ['prompt', 'answers', 'maxAttempts'],
  code: ['code', 'maxAttempts'],
  location: ['location'],
  choice: ['prompt', 'choices', 'correct', 'maxAttempts'],
  judged: ['prompt', 'maxAttempts'],
};

export function addStep(hunt: unknown, kind: StepKind, requires: string[] = []): { hunt: Obj; id: string } {
  const id = uniqueId(`step-${rawSteps(hunt).length + 1}`, stepViews(hunt).map((s) => s.id));
  const step: Obj = { id, title: `New ${kind} step`, kind, ...kindDefaults(kind, hunt) };
  if (requires.length) step.requires = requires;
  return { hunt: withSteps(hunt, [...rawSteps(hunt), step]), id };
}

/**
 * Removes a step and every reference to it: requirement items (an anyOf item loses the
 * entry), the finish step and rotation groups.
 */
export function deleteStep(hunt: unknown, id: string): Obj {
  const without = withSteps(hunt, rawSteps(hunt).filter((s) => asObject(s).id !== id));
  return mapStepRefs(without, (x) => (x === id ? null : x));
}

function mapStep(hunt: unknown, id: string, f: (step: Obj) => Obj): Obj {
  return withSteps(hunt, rawSteps(hunt).map((s) => (asObject(s).id === id ? f({ ...asObject(s) }) : s)));
}

/** `to` requires `from` (an edge from prerequisite to dependent). Refuses self-loops and duplicates. */
export function connect(hunt: unknown, from: string, to: string): Obj {
  if (from === to) return asObject(hunt);
  return mapStep(hunt, to, (s) => {
    if (namesStep(s.requires, from)) return s;
    return { ...s, requires: [...requirementList(s.requires), from] };
  });
}

/** `to` no longer requires `from`, whatever kind of item named it. */
export function disconnect(hunt: unknown, from: string, to: string): Obj {
  return mapStep(hunt, to, (s) => {
    if (!Array.isArray(s.requires)) return s;
    const requires = mapRequirementIds(s.requires, (x) => (x === from ? null : x));
    if (requires) s.requires = requires;
    else delete s.requires;
    return s;
  });
}

/** Sets a field of the step at `index`; `undefined` removes it. */
export function setStepField(hunt: unknown, index: number, field: string, value: unknown): Obj {
  const steps = rawSteps(hunt).slice();
  if (index < 0 || index >= steps.length) return asObject(hunt);
  const step = { ...asObject(steps[index]) };
  if (value === undefined) delete step[field];
  else step[field] = value;
  steps[index] = step;
  return withSteps(hunt, steps);
}

/** Changes a step's id and every reference to it, so renaming never breaks the graph. */
export function renameStep(hunt: unknown, index: number, newId: string): Obj {
  const old = stepViews(hunt)[index]?.id;
  const renamed = setStepField(hunt, index, 'id', newId);
  if (old === undefined || old === '' || old === newId) return renamed;
  return mapStepRefs(renamed, (x) => (x === old ? newId : x));
}

/** Changes a step's kind: drops the fields only the old kind has (they would be errors) and adds the new kind's. */
export function setStepKind(hunt: unknown, index: number, kind: StepKind): Obj {
  const steps = rawSteps(hunt).slice();
  if (index < 0 || index >= steps.length) return asObject(hunt);
  const step = { ...asObject(steps[index]) };
  if (step.kind === kind) return asObject(hunt);
  for (const fields of Object.values(KIND_FIELDS)) for (const f of fields) if (!KIND_FIELDS[kind].includes(f)) delete step[f];
  const defaults = kindDefaults(kind, hunt);
  for (const [k, v] of Object.entries(defaults)) if (!(k in step)) step[k] = v;
  step.kind = kind;
  steps[index] = step;
  return withSteps(hunt, steps);
}

export function addLocation(hunt: unknown, at: { lat: number; lon: number }): { hunt: Obj; id: string } {
  const id = uniqueId(`place-${rawLocations(hunt).length + 1}`, locationViews(hunt).map((l) => l.id));
  const loc = { id, name: `Place ${rawLocations(hunt).length + 1}`, lat: round6(at.lat), lon: round6(at.lon), radiusM: 25 };
  return { hunt: withLocations(hunt, [...rawLocations(hunt), loc]), id };
}

export function setLocationField(hunt: unknown, index: number, field: string, value: unknown): Obj {
  const locations = rawLocations(hunt).slice();
  if (index < 0 || index >= locations.length) return asObject(hunt);
  const loc = { ...asObject(locations[index]) };
  if (value === undefined) delete loc[field];
  else loc[field] = value;
  locations[index] = loc;
  return withLocations(hunt, locations);
}

/** Renames a location and every location step that used it. */
export function renameLocation(hunt: unknown, index: number, newId: string): Obj {
  const old = locationViews(hunt)[index]?.id;
  const renamed = setLocationField(hunt, index, 'id', newId);
  if (old === undefined || old === '' || old === newId) return renamed;
  return withSteps(
    renamed,
    rawSteps(renamed).map((s) => (asObject(s).location === old ? { ...asObject(s), location: newId } : s)),
  );
}

/** Removes a location; steps that used it keep the dangling id so the validator names them. */
export function deleteLocation(hunt: unknown, index: number): Obj {
  return withLocations(hunt, rawLocations(hunt).filter((_, i) => i !== index));
}

export function moveLocation(hunt: unknown, index: number, at: { lat: number; lon: number }): Obj {
  return setLocationField(setLocationField(hunt, index, 'lat', round6(at.lat)), index, 'lon', round6(at.lon));
}

/** Six decimals of a degree is about 10 cm: finer digits are noise from the mouse. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * hunt/2 keeps v1's meaning exactly (a `requires` list of step ids is valid hunt/2 with
 * the same meaning), so upgrading a v1 file only changes its `format`.
 */
export function upgradeToHunt2(hunt: unknown): Obj {
  return setHuntField(hunt, 'format', 'hunt/2');
}

export function addGroup(hunt: unknown, steps: string[] = []): { hunt: Obj; index: number } {
  const groups = rawGroups(hunt);
  const id = uniqueId(`rotation-${groups.length + 1}`, groupViews(hunt).map((g) => g.id));
  return { hunt: { ...asObject(hunt), groups: [...groups, { id, steps }] }, index: groups.length };
}

/** Sets a field of the group at `index`; `undefined` removes it. */
export function setGroupField(hunt: unknown, index: number, field: string, value: unknown): Obj {
  const groups = rawGroups(hunt).slice();
  if (index < 0 || index >= groups.length) return asObject(hunt);
  const g = { ...asObject(groups[index]) };
  if (value === undefined) delete g[field];
  else g[field] = value;
  groups[index] = g;
  return { ...asObject(hunt), groups };
}

export function deleteGroup(hunt: unknown, index: number): Obj {
  const groups = rawGroups(hunt).filter((_, i) => i !== index);
  const next = { ...asObject(hunt) };
  if (groups.length) next.groups = groups;
  else delete next.groups;
  return next;
}
