// Status messages for the footer (announced to screen readers via aria-live).
import { createStore } from './store';
import { errorMessage } from '../api';

export type Notice = { id: number; kind: 'info' | 'error'; text: string };

export const notices = createStore<Notice[]>([]);
let nextId = 1;

export function notify(text: string, kind: Notice['kind'] = 'info'): void {
  const id = nextId++;
  notices.set((list) => [...list.slice(-3), { id, kind, text }]);
  setTimeout(() => dismiss(id), kind === 'error' ? 12_000 : 5_000);
}

export function notifyError(err: unknown, doing?: string): void {
  notify(doing ? `${doing}: ${errorMessage(err)}` : errorMessage(err), 'error');
}

export function dismiss(id: number): void {
  notices.set((list) => list.filter((n) => n.id !== id));
}
