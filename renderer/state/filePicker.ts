// The web host's Open dialog as a promise (rendered by <OpenHuntDialog>): resolves with
// the chosen path on the host, or null when cancelled. Electron uses the system dialog.
import { createStore } from './store';

export type FilePickerRequest = { resolve(path: string | null): void };

export const filePicker = createStore<FilePickerRequest | null>(null);

export function chooseHuntFile(): Promise<string | null> {
  return new Promise((resolve) =>
    filePicker.set({
      resolve: (path) => {
        filePicker.set(null);
        resolve(path);
      },
    }),
  );
}
