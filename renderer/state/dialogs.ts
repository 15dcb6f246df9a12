// Modal questions (discard unsaved changes? save where?) as promises, rendered by <DialogHost>.
import { createStore } from './store';

export type ConfirmRequest = {
  kind: 'confirm';
  title: string;
  message: string;
  /** A list shown under the message (e.g. the steps a delete changes). */
  items?: string[];
  confirmLabel: string;
  cancelLabel: string;
  /** A confirm that destroys something is styled as dangerous. */
  danger?: boolean;
  resolve(ok: boolean): void;
};
export type PromptRequest = {
  kind: 'prompt';
  title: string;
  message: string;
  label: string;
  value: string;
  confirmLabel: string;
  /** An extra action next to confirm (e.g. "Download instead"); resolves with this id. */
  extra?: { id: string; label: string };
  resolve(result: { value: string } | { extra: string } | null): void;
};
export type DialogRequest = ConfirmRequest | PromptRequest;

export const dialogs = createStore<DialogRequest | null>(null);

export function confirm(opts: Omit<ConfirmRequest, 'kind' | 'resolve'>): Promise<boolean> {
  return new Promise((resolve) =>
    dialogs.set({ kind: 'confirm', ...opts, resolve: (ok) => { dialogs.set(null); resolve(ok); } }),
  );
}

export function prompt(opts: Omit<PromptRequest, 'kind' | 'resolve'>): Promise<{ value: string } | { extra: string } | null> {
  return new Promise((resolve) =>
    dialogs.set({ kind: 'prompt', ...opts, resolve: (r) => { dialogs.set(null); resolve(r); } }),
  );
}
