// Pure, immutable edits of a hunt as the editor holds it. The hunt may be invalid
// at any moment (the designer is typing), so every function accepts any JSON and
// never throws: the validator, not the editor, decides what is wrong.

export type StepKind = 'answer' | 'code' | 'location';
export const STEP_KINDS: StepKind[] = ['answer', 'code', 'location'];

type Obj = Record<string, unknown>;

/** The view of one step the graph and lists need, read defensively. */
export type StepView = { index: number; id: string; title: string; kind: string; requires: string[]; location: string | null };
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
    const requires = Array.isArray(o.requires) ? o.requires.filter((r): r is string => typeof r === 'string') : [];
    return { index, id: str(o.id), title: str(o.title), kind: str(o.kind), requires, location: typeof o.location === 'string' ? o.location : null };
  });
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
  const first = locationViews(hunt)[0];
  return { location: first ? first.id : '' };
}

const KIND_FIELDS: Record<StepKind, string[]> = {
  answer: ['prompt', 'answers', 'maxAttempts'],
  code: ['code', 'maxAttempts'],
  location: ['location'],
};

export function addStep(hunt: unknown, kind: StepKind, requires: string[] = []): { hunt: Obj; id: string } {
  const id = uniqueId(`step-${rawSteps(hunt).length + 1}`, stepViews(hunt).map((s) => s.id));
  const step: Obj = { id, title: `New ${kind} step`, kind, ...kindDefaults(kind, hunt) };
  if (requires.length) step.requires = requires;
  return { hunt: withSteps(hunt, [...rawSteps(hunt), step]), id };
}

/** Removes a step and every `requires` entry that pointed at it. */
export function deleteStep(hunt: unknown, id: string): Obj {
  const steps = rawSteps(hunt)
    .filter((s) => asObject(s).id !== id)
    .map((s) => {
      const o = asObject(s);
      if (!Array.isArray(o.requires) || !o.requires.includes(id)) return s;
      const requires = o.requires.filter((r) => r !== id);
      const next = { ...o };
      if (requires.length) next.requires = requires;
      else delete next.requires;
      return next;
    });
  return withSteps(hunt, steps);
}

function mapStep(hunt: unknown, id: string, f: (step: Obj) => Obj): Obj {
  return withSteps(hunt, rawSteps(hunt).map((s) => (asObject(s).id === id ? f({ ...asObject(s) }) : s)));
}

/** `to` requires `from` (an edge from prerequisite to dependent). Refuses self-loops and duplicates. */
export function connect(hunt: unknown, from: string, to: string): Obj {
  if (from === to) return asObject(hunt);
  return mapStep(hunt, to, (s) => {
    const requires = Array.isArray(s.requires) ? s.requires : [];
    if (requires.includes(from)) return s;
    return { ...s, requires: [...requires, from] };
  });
}

export function disconnect(hunt: unknown, from: string, to: string): Obj {
  return mapStep(hunt, to, (s) => {
    if (!Array.isArray(s.requires)) return s;
    const requires = s.requires.filter((r) => r !== from);
    if (requires.length) s.requires = requires;
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
  return withSteps(
    renamed,
    rawSteps(renamed).map((s) => {
      const o = asObject(s);
      if (!Array.isArray(o.requires) || !o.requires.includes(old)) return s;
      return { ...o, requires: o.requires.map((r) => (r === old ? newId : r)) };
    }),
  );
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

/** Parses text typed in a list field (answers, requires): one entry a line. */
export function linesToList(text: string): string[] {
  return text.split('\n');
}
