// The application menu. Document commands are sent to the page, which owns the
// editor state (what is open, whether it changed, its undo history); Open and Open
// Recent pick a file here and hand its path to the page.
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { Topics } from '../api/contract';

export type MenuCommand = Topics['app.menu']['command'];

export type MenuActions = {
  command(command: MenuCommand): void;
  open(): void;
  openRecent(path: string): void;
  clearRecent(): void;
};

export function menuTemplate(opts: { isMac: boolean; appName: string; recent: string[]; dev: boolean; actions: MenuActions }): MenuItemConstructorOptions[] {
  const { actions, isMac } = opts;
  const send = (command: MenuCommand) => () => actions.command(command);
  // macOS keeps its own recent documents menu (fed by app.addRecentDocument); elsewhere we list them.
  const recentMenu: MenuItemConstructorOptions = isMac
    ? { label: 'Open Recent', role: 'recentDocuments', submenu: [{ label: 'Clear Menu', role: 'clearRecentDocuments' }] }
    : {
        label: 'Open Recent',
        submenu: [
          ...opts.recent.map((p) => ({ label: basename(p), sublabel: p, click: () => actions.openRecent(p) })),
          ...(opts.recent.length ? [{ type: 'separator' as const }] : []),
          { label: 'Clear Menu', enabled: opts.recent.length > 0, click: () => actions.clearRecent() },
        ],
      };
  return [
    ...(isMac ? [{ label: opts.appName, role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New', accelerator: 'CmdOrCtrl+N', click: send('new') },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
        recentMenu,
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send('save') },
        { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: send('saveAs') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        // The hunt editor's own history (graph edits), not only the focused text field's.
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { label: 'Redo', accelerator: isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y', click: send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'Run',
      submenu: [{ label: 'Run Simulation', accelerator: 'F5', click: send('run') }],
    },
    {
      label: 'View',
      submenu: [
        ...(opts.dev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Window', role: 'windowMenu' },
  ];
}
