// The numeric fields a sweep can vary, as the paths `hunt sweep --vary` takes
// (engine/whatif/paths.ts): every number in the hunt, list items named by their id where
// they have one; and every number of the profiles, for all of them (profiles/*/…) and for
// each by name. The studio offers them in its field picker.
import type { Profile } from '../../engine/sim/profile';

export type NumericField = { path: string; value: number };

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

function walk(value: unknown, prefix: string, key: string, out: NumericField[]): void {
  if (typeof value === 'number' && Number.isFinite(value)) {
    out.push({ path: prefix, value });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const named = typeof item === 'object' && item !== null && typeof (item as Record<string, unknown>)[key] === 'string' ? String((item as Record<string, unknown>)[key]) : null;
      // An id that looks like an index would be read as one: such items go by position.
      const segment = named !== null && !/^[0-9]+$/.test(named) ? named : String(i);
      walk(item, `${prefix}/${escape(segment)}`, key, out);
    });
    return;
  }
  if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, `${prefix}/${escape(k)}`, key, out);
}

/** Every number in a hunt (as JSON), by JSON pointer with list items by id. */
export function huntNumericFields(hunt: unknown): NumericField[] {
  const out: NumericField[] = [];
  walk(hunt, '', 'id', out);
  return out;
}

/** Every number of the profiles: first for all (`profiles/*`, the first profile's value), then each by name. */
export function profileNumericFields(profiles: Profile[]): NumericField[] {
  const each: NumericField[] = [];
  for (const p of profiles) walk(p, `profiles/${escape(p.name)}`, 'name', each);
  const first = profiles[0]?.name;
  const all = first === undefined ? [] : each.filter((f) => f.path.startsWith(`profiles/${escape(first)}/`)).map((f) => ({ path: `profiles/*${f.path.slice(`profiles/${escape(first)}`.length)}`, value: f.value }));
  // A per-step override (solveByStep) exists only in some profiles: it is offered by name only.
  return [...all.filter((f) => !f.path.startsWith('profiles/*/solveByStep/')), ...each];
}
