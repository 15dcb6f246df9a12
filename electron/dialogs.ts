// The Electron-only API methods: native Open and Save dialogs.
import { dialog, type BrowserWindow } from 'electron';
import type { HandlerImpls } from '../host/api/handlers';

const FILTERS = [
  { name: 'Hunts', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

export async function chooseHuntToOpen(win: BrowserWindow | null): Promise<string | null> {
  const options = { title: 'Open hunt', filters: FILTERS, properties: ['openFile' as const] };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
}

export function dialogHandlers(window: () => BrowserWindow | null): HandlerImpls {
  return {
    'app.chooseOpenPath': async () => ({ path: await chooseHuntToOpen(window()) }),
    'app.chooseSavePath': async ({ suggestedName }) => {
      const win = window();
      const options = { title: 'Save hunt', defaultPath: suggestedName || 'untitled.hunt.json', filters: FILTERS };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return { path: r.canceled || !r.filePath ? null : r.filePath };
    },
  };
}
