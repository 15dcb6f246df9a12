// Deleting steps asks first and says what else changes: which steps lose a requirement,
// and whether the finish step or a rotation group named them.
import { confirm } from '../state/dialogs';
import { asObject, dependentsOf, groupViews, stepViews } from '../hunt/draft';

const nameOf = (s: { title: string; id: string; index: number }) => s.title || s.id || `Step ${s.index + 1}`;

/** The lines the confirmation lists for deleting `ids` from `hunt`. */
export function deleteConsequences(hunt: unknown, ids: string[]): string[] {
  const gone = new Set(ids);
  const steps = stepViews(hunt);
  const out: string[] = [];
  for (const s of steps) {
    if (gone.has(s.id)) continue;
    const lost = ids.filter((id) => dependentsOf(hunt, id).some((d) => d.index === s.index));
    if (lost.length) out.push(`${nameOf(s)} no longer requires ${lost.map((id) => nameOf(steps.find((x) => x.id === id)!)).join(', ')}`);
  }
  const finish = asObject(hunt).finishStep;
  if (typeof finish === 'string' && gone.has(finish)) out.push('The hunt has no finish step any more');
  for (const g of groupViews(hunt)) if (g.steps.some((x) => gone.has(x))) out.push(`Rotation group ${g.id || g.index + 1} loses ${g.steps.filter((x) => gone.has(x)).join(', ')}`);
  return out;
}

export async function confirmDeleteSteps(hunt: unknown, ids: string[]): Promise<boolean> {
  const steps = stepViews(hunt).filter((s) => ids.includes(s.id));
  if (steps.length === 0) return false;
  const what = steps.length === 1 ? `“${nameOf(steps[0])}”` : `${steps.length} steps`;
  const items = deleteConsequences(hunt, ids);
  return confirm({
    title: steps.length === 1 ? 'Delete this step?' : 'Delete these steps?',
    message: items.length ? `Deleting ${what} also changes these steps (Undo takes it all back):` : `Delete ${what}? No other step requires it. Undo takes it back.`,
    items,
    confirmLabel: 'Delete',
    cancelLabel: 'Keep it',
    danger: true,
  });
}
