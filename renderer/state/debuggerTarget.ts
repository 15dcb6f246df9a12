// Where the debugger should open a run: an event and a participant to inspect there (the
// Replay screen's "open this divergence in the debugger"). Read once when the run opens.
import { createStore } from './store';

export type DebuggerTarget = { runId: string; seq: number; participant: string | null };

export const debuggerTarget = createStore<DebuggerTarget | null>(null);

/** The target for `runId`, if one is waiting (it stays until another run is picked, so a remount finds it too). */
export function debuggerTargetFor(runId: string): DebuggerTarget | null {
  const t = debuggerTarget.get();
  return t && t.runId === runId ? t : null;
}
