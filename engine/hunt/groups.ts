// Checks on rotation groups (hunt-v2 §1, §3.6, §5.10): a step in two groups, a group
// whose steps depend on each other (some rotation would wait for itself), and rotations
// of several groups that wait for each other for some participants. Raw value in, like
// references.ts, so a file with other errors still gets these in the same pass.
import { issue, type Issue } from './issues';
import { groupName, isRecord, rawList } from './describe';
import { dependencyEdges, stronglyConnected } from './references';

type Group = { index: number; id: string; members: number[] };

/** The groups with the step indices they list (unknown ids and repeats left out: reported elsewhere). */
function groupsOf(root: unknown, stepIds: Map<string, number>): Group[] {
  const out: Group[] = [];
  rawList(root, 'groups').forEach((g, index) => {
    if (!isRecord(g) || !Array.isArray(g.steps)) return;
    const members: number[] = [];
    for (const id of g.steps) {
      const i = typeof id === 'string' ? stepIds.get(id) : undefined;
      if (i !== undefined && !members.includes(i)) members.push(i);
    }
    out.push({ index, id: typeof g.id === 'string' ? g.id : `#${index + 1}`, members });
  });
  return out;
}

/** Every step step `from` reaches through the dependency graph (not counting itself unless on a loop). */
function reachable(edges: number[][], from: number): Set<number> {
  const seen = new Set<number>();
  const stack = [...edges[from]];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    stack.push(...edges[v]);
  }
  return seen;
}

function stepInTwoGroups(root: unknown): Issue[] {
  const firstGroup = new Map<string, number>();
  const found: Issue[] = [];
  rawList(root, 'groups').forEach((g, i) => {
    if (!isRecord(g) || !Array.isArray(g.steps)) return;
    const here = new Set<string>();
    g.steps.forEach((id, j) => {
      if (typeof id !== 'string' || here.has(id)) return;
      here.add(id);
      const earlier = firstGroup.get(id);
      if (earlier === undefined) firstGroup.set(id, i);
      else {
        found.push(
          issue('step-in-two-groups', ['groups', i, 'steps', j], `step "${id}" is already in ${groupName(root, earlier)} (/groups/${earlier}): a step can be in one rotation group only; remove it from one of them`),
        );
      }
    });
  });
  return found;
}

function groupOrderConflicts(root: unknown, groups: Group[], edges: number[][], stepIdOf: (i: number) => string): Issue[] {
  const found: Issue[] = [];
  for (const g of groups) {
    const members = new Set(g.members);
    let conflict: [number, number] | null = null;
    for (const a of g.members) {
      for (const b of reachable(edges, a)) {
        if (b !== a && members.has(b)) {
          conflict = [a, b];
          break;
        }
      }
      if (conflict) break;
    }
    if (conflict) {
      const [a, b] = conflict.map(stepIdOf);
      found.push(
        issue(
          'group-order-conflict',
          ['groups', g.index],
          `${groupName(root, g.index)}: step "${a}" depends on step "${b}" of the same group, so a team whose rotation puts "${a}" before "${b}" would wait for itself; take one of them out of the group, or drop the requirement`,
        ),
      );
    }
  }
  return found;
}

/** Errors about groups: `step-in-two-groups`, `group-order-conflict`. */
export function groupErrors(root: unknown, stepIds: Map<string, number>): Issue[] {
  if (!isRecord(root) || root.format === 'hunt/1') return [];
  const groups = groupsOf(root, stepIds);
  if (groups.length === 0) return [];
  const ids = [...stepIds.entries()];
  const stepIdOf = (i: number) => ids.find(([, k]) => k === i)?.[0] ?? `#${i + 1}`;
  const edges = dependencyEdges(root, stepIds);
  // On a loop of requirements every step depends on every other: that is the `cycle` error to fix first.
  const conflicts = hasLoop(edges) ? [] : groupOrderConflicts(root, groups, edges, stepIdOf);
  return [...stepInTwoGroups(root), ...conflicts];
}

function hasLoop(edges: number[][]): boolean {
  return stronglyConnected(edges).some((c) => c.length > 1);
}

/** Join indices tried for `rotation-deadlock`: every combination of offsets repeats after lcm(sizes). */
const MAX_OFFSET_COMBINATIONS = 5040;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * `rotation-deadlock` (§5.10): for some join index J, the requirement items plus every
 * group's rotation order (each step after the first in P's order waits for the one before
 * it) form a loop through steps of two or more groups. One warning per group involved.
 * Offsets are J mod n for every group at once, so the Js up to lcm of the sizes cover
 * every participant (capped at MAX_OFFSET_COMBINATIONS: past that, the first ones).
 */
export function rotationDeadlocks(root: unknown, stepIds: Map<string, number>): Issue[] {
  if (!isRecord(root) || root.format === 'hunt/1') return [];
  const groups = groupsOf(root, stepIds).filter((g) => g.members.length >= 2);
  if (groups.length < 2) return [];
  const edges = dependencyEdges(root, stepIds);
  // A loop of requirements alone is a `cycle` error already.
  if (hasLoop(edges)) return [];
  const groupOf = new Map<number, number>();
  groups.forEach((g, k) => g.members.forEach((i) => groupOf.has(i) || groupOf.set(i, k)));
  let period = 1;
  for (const g of groups) period = Math.min(MAX_OFFSET_COMBINATIONS, (period * g.members.length) / gcd(period, g.members.length));
  const involved = new Set<number>();
  for (let j = 0; j < period; j++) {
    const withRotation = edges.map((e) => [...e]);
    for (const g of groups) {
      const n = g.members.length;
      const first = j % n;
      for (let k = 0; k < n; k++) if (k !== first) withRotation[g.members[k]].push(g.members[(k - 1 + n) % n]);
    }
    for (const loop of stronglyConnected(withRotation)) {
      const touched = new Set(loop.map((i) => groupOf.get(i)).filter((k) => k !== undefined));
      if (touched.size >= 2) for (const k of touched) involved.add(k);
    }
  }
  return [...involved]
    .sort((a, b) => a - b)
    .map((k) => {
      const others = [...involved].filter((o) => o !== k).map((o) => `"${groups[o].id}"`);
      return issue(
        'rotation-deadlock',
        ['groups', groups[k].index],
        `${groupName(root, groups[k].index)}: for some teams its rotation and that of group ${others.join(', ')} wait for each other through the steps' requirements, so those teams could never go on; change a requirement or the order of a group's steps`,
      );
    });
}
