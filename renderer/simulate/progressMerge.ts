// Progress reaches the page two ways: pushed over the subscription, and as the reply
// of a control call (pause, step...). The reply can arrive after a newer pushed message;
// counts only grow within a run, so an older count never replaces a newer one, while
// the reply's status (paused, running...) still applies.
import type { RunProgress } from '../../api/contract';

export function mergeProgress(prev: RunProgress | null, next: RunProgress): RunProgress {
  if (!prev || prev.runId !== next.runId || next.processed >= prev.processed) return next;
  return { ...prev, status: next.status };
}
