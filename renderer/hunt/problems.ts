// Turns a validator issue path (`/steps/3/requires/0`) into what the editor
// should select: the hunt form, a step or a location, and which field to focus.
import type { Issue } from '../../api/contract';

export type IssueTarget =
  | { area: 'hunt'; field: string | null }
  | { area: 'step'; index: number; field: string | null; item: number | null }
  | { area: 'location'; index: number; field: string | null };

export function issueTarget(path: string): IssueTarget {
  const parts = path.split('/').filter((p) => p !== '');
  const [head, second, third, fourth] = parts;
  const index = Number(second);
  if (head === 'steps' && second !== undefined && Number.isInteger(index)) {
    const item = fourth !== undefined && Number.isInteger(Number(fourth)) ? Number(fourth) : null;
    return { area: 'step', index, field: third ?? null, item };
  }
  if (head === 'locations' && second !== undefined && Number.isInteger(index)) {
    return { area: 'location', index, field: third ?? null };
  }
  return { area: 'hunt', field: head ?? null };
}


/** How many problems point into each step, for the badges on graph nodes. */
export function countByStep(errors: Issue[], warnings: Issue[]): Map<number, { errors: number; warnings: number }> {
  const out = new Map<number, { errors: number; warnings: number }>();
  const add = (issues: Issue[], key: 'errors' | 'warnings') => {
    for (const issue of issues) {
      const t = issueTarget(issue.path);
      if (t.area !== 'step') continue;
      const c = out.get(t.index) ?? { errors: 0, warnings: 0 };
      c[key]++;
      out.set(t.index, c);
    }
  };
  add(errors, 'errors');
  add(warnings, 'warnings');
  return out;
}

/** The DOM id of an editor field, shared by the forms and the problems panel. */
export function fieldDomId(target: IssueTarget): string {
  if (target.area === 'hunt') return `hunt-field-${target.field ?? 'title'}`;
  if (target.area === 'location') return `location-${target.index}-${target.field ?? 'id'}`;
  return `step-field-${target.field ?? 'title'}`;
}
