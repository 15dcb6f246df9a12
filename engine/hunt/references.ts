// The checks zod cannot express, on how entries refer to each other: duplicate ids,
// requirements and locations that do not exist, and requirement loops. They run on the
// raw value, using every entry that is well-formed enough, so that a file with schema
// errors still gets these reported in the same pass.
import { issue, type Issue, type PathSegment } from './issues';
import { didYouMean } from './did-you-mean';
import { groupName, isRecord, rawList, stepName } from './describe';
import { groupErrors } from './groups';

type Entry = { index: number; id: string };

/** Entries that have a text id (well-formed or not: a badly spelt id still exists). */
function withIds(list: unknown[]): Entry[] {
  const out: Entry[] = [];
  list.forEach((e, index) => {
    if (isRecord(e) && typeof e.id === 'string') out.push({ index, id: e.id });
  });
  return out;
}

function duplicateIds(root: unknown, key: 'steps' | 'locations' | 'groups'): Issue[] {
  const first = new Map<string, number>();
  const found: Issue[] = [];
  const noun = key === 'steps' ? 'step' : key === 'locations' ? 'location' : 'rotation group';
  for (const { index, id } of withIds(rawList(root, key))) {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, index);
    else found.push(issue('duplicate-id', [key, index, 'id'], `${noun} id "${id}" is already used by ${noun} #${earlier + 1} (/${key}/${earlier}): every ${noun} needs its own id`));
  }
  return found;
}

/** A step id named by a step's requirements, with its path inside the step's `requires`. */
export type StepRef = { path: PathSegment[]; id: string };

/**
 * Every step id the `requires` of each step names, keeping only text ids (anything else is
 * a schema error): v1's plain ids, and in hunt/2 also an `anyOf` entry and a `solved` or
 * `failed` value (a `score` item names none). Each is an edge of the dependency graph.
 */
export function stepRefs(root: unknown): Map<number, StepRef[]> {
  const out = new Map<number, StepRef[]>();
  const v2 = !isRecord(root) || root.format !== 'hunt/1';
  rawList(root, 'steps').forEach((step, i) => {
    if (!isRecord(step) || !Array.isArray(step.requires)) return;
    const list: StepRef[] = [];
    step.requires.forEach((r, at) => {
      if (typeof r === 'string') list.push({ path: [at], id: r });
      if (!v2 || !isRecord(r)) return;
      if (Array.isArray(r.anyOf)) r.anyOf.forEach((id, k) => typeof id === 'string' && list.push({ path: [at, 'anyOf', k], id }));
      for (const key of ['solved', 'failed'] as const) {
        const id = r[key];
        if (typeof id === 'string') list.push({ path: [at, key], id });
      }
    });
    out.set(i, list);
  });
  return out;
}

/** Step indices by id, the first step with each id winning (a later duplicate is reported on its own). */
export function stepIdIndex(root: unknown): Map<string, number> {
  const stepIds = new Map<string, number>();
  for (const { index, id } of withIds(rawList(root, 'steps'))) if (!stepIds.has(id)) stepIds.set(id, index);
  return stepIds;
}

function unknownSteps(root: unknown, stepIds: Map<string, number>): Issue[] {
  const found: Issue[] = [];
  const names = [...stepIds.keys()];
  const steps = rawList(root, 'steps');
  for (const [i, list] of stepRefs(root)) {
    const own = (steps[i] as Record<string, unknown>).id;
    for (const { path: at, id } of list) {
      const path = ['steps', i, 'requires', ...at];
      if (id === own) found.push(issue('unknown-step', path, `${stepName(root, i)} requires itself, so it could never become available: remove "${id}" from its "requires"`));
      else if (!stepIds.has(id)) found.push(issue('unknown-step', path, `${stepName(root, i)} requires "${id}", which does not exist${didYouMean(id, names.filter((n) => n !== own))}`));
    }
  }
  return found;
}

/** hunt/2: `finishStep` and every group's `steps` must name steps of the hunt. */
function unknownNamedSteps(root: unknown, stepIds: Map<string, number>): Issue[] {
  if (!isRecord(root) || root.format === 'hunt/1') return [];
  const names = [...stepIds.keys()];
  const found: Issue[] = [];
  if (typeof root.finishStep === 'string' && !stepIds.has(root.finishStep)) {
    const fix = didYouMean(root.finishStep, names) || ': name one of the hunt\'s steps';
    found.push(issue('unknown-step', ['finishStep'], `the finish step "${root.finishStep}" does not exist${fix}`));
  }
  rawList(root, 'groups').forEach((g, i) => {
    if (!isRecord(g) || !Array.isArray(g.steps)) return;
    g.steps.forEach((id, j) => {
      if (typeof id === 'string' && !stepIds.has(id)) {
        found.push(issue('unknown-step', ['groups', i, 'steps', j], `${groupName(root, i)} lists step "${id}", which does not exist${didYouMean(id, names)}`));
      }
    });
  });
  return found;
}

function unknownLocations(root: unknown): Issue[] {
  const locationIds = withIds(rawList(root, 'locations')).map((e) => e.id);
  const known = new Set(locationIds);
  const found: Issue[] = [];
  rawList(root, 'steps').forEach((step, i) => {
    if (!isRecord(step) || step.kind !== 'location' || typeof step.location !== 'string') return;
    if (known.has(step.location)) return;
    const fix = locationIds.length === 0 ? ': the hunt has no "locations" yet' : didYouMean(step.location, locationIds) || ' in "locations"';
    found.push(issue('unknown-location', ['steps', i, 'location'], `${stepName(root, i)} is at location "${step.location}", which does not exist${fix}`));
  });
  return found;
}

/**
 * Requirement loops. Tarjan's algorithm finds the groups of steps that all reach each
 * other; every step in such a group is on a loop and gets one `cycle` issue naming a
 * loop through it. A step requiring itself is reported as `unknown-step` instead.
 */
/** The dependency graph: edges[i] lists the steps step i's requirements name (self-references left out). */
export function dependencyEdges(root: unknown, stepIds: Map<string, number>): number[][] {
  const n = rawList(root, 'steps').length;
  const edges: number[][] = Array.from({ length: n }, () => []);
  for (const [i, list] of stepRefs(root)) {
    for (const { id } of list) {
      const j = stepIds.get(id);
      if (j !== undefined && j !== i && !edges[i].includes(j)) edges[i].push(j);
    }
  }
  return edges;
}

function cycles(root: unknown, stepIds: Map<string, number>): Issue[] {
  const edges = dependencyEdges(root, stepIds);
  const found: Issue[] = [];
  for (const group of stronglyConnected(edges)) {
    if (group.length < 2) continue;
    const members = new Set(group);
    for (const i of [...group].sort((a, b) => a - b)) {
      const loop = shortestLoop(i, edges, members).map((k) => JSON.stringify(idOf(root, k)));
      found.push(issue('cycle', ['steps', i], `${stepName(root, i)} is on a loop of requirements (${loop.join(' requires ')}): none of these steps can ever become available; remove one requirement to break the loop`));
    }
  }
  return found;
}

function idOf(root: unknown, i: number): string {
  const step = rawList(root, 'steps')[i];
  return isRecord(step) && typeof step.id === 'string' ? step.id : `#${i + 1}`;
}

/** A shortest loop from `start` back to itself inside its group, as a list of indices (start repeated at the end). */
function shortestLoop(start: number, edges: number[][], members: Set<number>): number[] {
  const parent = new Map<number, number>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const u = queue[q];
    for (const v of edges[u]) {
      if (!members.has(v)) continue;
      if (v === start) {
        const path = [start];
        for (let w = u; w !== start; w = parent.get(w) as number) path.push(w);
        return [start, ...path.slice(1).reverse(), start];
      }
      if (!parent.has(v)) {
        parent.set(v, u);
        queue.push(v);
      }
    }
  }
  return [start, start];
}

/** Tarjan's strongly connected components, iterative so a long chain of steps cannot overflow the stack. */
export function stronglyConnected(edges: number[][]): number[][] {
  const n = edges.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const groups: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: { v: number; next: number }[] = [{ v: root, next: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const { v } = frame;
      if (frame.next < edges[v].length) {
        const w = edges[v][frame.next++];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push({ v: w, next: 0 });
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const up = work[work.length - 1].v;
        low[up] = Math.min(low[up], low[v]);
      }
      if (low[v] === index[v]) {
        const group: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = false;
          group.push(w);
        } while (w !== v);
        groups.push(group);
      }
    }
  }
  return groups;
}

/** Every reference problem in the raw hunt value. */
export function checkReferences(root: unknown): Issue[] {
  const stepIds = stepIdIndex(root);
  return [
    ...duplicateIds(root, 'locations'),
    ...duplicateIds(root, 'steps'),
    ...duplicateIds(root, 'groups'),
    ...unknownSteps(root, stepIds),
    ...unknownNamedSteps(root, stepIds),
    ...groupErrors(root, stepIds),
    ...unknownLocations(root),
    ...cycles(root, stepIds),
  ];
}
