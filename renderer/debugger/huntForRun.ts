// The hunt to draw for a run: the hunt version stored with the run (runs.get); until
// that has arrived (or if it is missing), the hunt open in the editor when it is the
// same hunt; otherwise the steps of the inspected participant, without edges (their
// titles and states are still real).
import type { ParticipantDetail, RunSummary } from '../../api/contract';

export function huntForRun(run: RunSummary & { settings?: unknown; hunt?: unknown }, editorHunt: unknown, detail: ParticipantDetail | null): unknown {
  if (run.hunt && typeof run.hunt === 'object') return run.hunt;
  const settingsHunt = (run.settings as { hunt?: unknown } | null | undefined)?.hunt;
  if (settingsHunt && typeof settingsHunt === 'object') return settingsHunt;
  if ((editorHunt as { id?: unknown } | null)?.id === run.huntId) return editorHunt;
  if (detail) return { steps: detail.steps.map((s) => ({ id: s.id, title: s.title, kind: '' })) };
  return null;
}
