// Status messages for the footer (announced to screen readers via aria-live).
import { createStore } from './store';
import { errorMessage } from '../api';

import type { Screen } from './app';

/** `screen`: a message about one screen only (a seek in the debugger), dropped when another screen is shown. */
export type Notice = { id: number; kind: 'info' | 'error'; text: string; screen?: Screen };

export const notices = createStore<Notice[]>([]);
let nextId = 1;

export function notify(text: string, kind: Notice['kind'] = 'info', screen?: Screen): void {
  const id = nextId++;
  notices.set((list) => [...list.slice(-3), { id, kind, text, screen }]);
  setTimeout(() => dismiss(id), kind === 'error' ? 12_000 : 5_000);
}

export function notifyError(err: unknown, doing?: string, screen?: Screen): void {
  notify(doing ? `${doing}: ${errorMessage(err)}` : errorMessage(err), 'error', screen);
}

/** Drops the messages that belong to a screen other than `current`. */
export function dismissOtherScreens(current: Screen): void {
  notices.set((list) => (list.some((n) => n.screen && n.screen !== current) ? list.filter((n) => !n.screen || n.screen === current) : list));
}

export function dismiss(id: number): void {
  notices.set((list) => list.filter((n) => n.id !== id));
}
