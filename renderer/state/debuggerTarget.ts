// Where the debugger should open a run: an event and a participant to inspect there (the
// Replay screen's "open this divergence in the debugger"). Read once when the run opens.
import { createStore } from './store';

export type DebuggerTarget = { runId: string; seq: number; participant: string | null };

export const debuggerTarget = createStore<DebuggerTarget | null>(null);

/** The target for `runId`, if one is waiting; it is used up. */
export function takeDebuggerTarget(runId: string): DebuggerTarget | null {
  const t = debuggerTarget.get();
  if (!t || t.runId !== runId) return null;
  debuggerTarget.set(null);
  return t;
}
