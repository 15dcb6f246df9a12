// App-wide facts and the current screen.
import type { Result } from '../../api/contract';
import { createStore } from './store';

export type Screen = 'editor' | 'simulate' | 'debugger' | 'replay' | 'playtest' | 'whatif' | 'console';

export const SCREENS: { id: Screen; label: string; key: string }[] = [
  { id: 'editor', label: 'Editor', key: '1' },
  { id: 'simulate', label: 'Simulate', key: '2' },
  { id: 'debugger', label: 'Runs & Debugger', key: '3' },
  { id: 'replay', label: 'Replay & QA', key: '4' },
  { id: 'playtest', label: 'Playtest', key: '5' },
  { id: 'whatif', label: 'What if', key: '6' },
  { id: 'console', label: 'Live console', key: '7' },
];

export const appInfo = createStore<Awaited<Result<'app.info'>> | null>(null);
export const screen = createStore<Screen>('editor');

/** The run the debugger shows; set by Simulate and Replay when they finish a run. */
export const debuggerRun = createStore<string | null>(null);
