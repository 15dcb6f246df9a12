// The Electron main process: one window on our own app:// page, the API over IPC,
// the menu, and hunt files from the dialog, argv and the OS. The API's handlers are the
// same plain-Node code the web host serves; long work runs in worker threads (the run
// pipeline), so this thread stays free for the window.
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEventBus } from '../host/api/bus';
import { createDispatcher } from '../host/api/dispatch';
import { createHandlers, runsContextFor } from '../host/api/handlers';
import { createRecentHunts } from '../host/api/recent';
import { chooseHuntToOpen, dialogHandlers } from './dialogs';
import { huntPathFromArgv } from './documents';
import { registerStudioIpc } from './ipc';
import { menuTemplate } from './menu';
import { registerAppScheme, serveAppScheme } from './protocol';
import { APP_ORIGIN, electronCsp, isAllowedRequestUrl, isOwnPageUrl, secureWebPreferences } from './security';

// Defined by @electron-forge/plugin-vite at build time.
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;

const devServerUrl = typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL ? MAIN_WINDOW_VITE_DEV_SERVER_URL : undefined;
const buildDir = dirname(fileURLToPath(import.meta.url));
const csp = electronCsp(devServerUrl);

/** The built page: forge's renderer output, or renderer/dist (the renderer's own Vite config). */
function rendererDir(): string {
  const forgeOut = join(buildDir, '..', 'renderer', typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window');
  return existsSync(join(forgeOut, 'index.html')) ? forgeOut : join(app.getAppPath(), 'renderer', 'dist');
}

function examplesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'examples') : join(app.getAppPath(), 'examples');
}

let mainWindow: BrowserWindow | null = null;
// A hunt named before the window exists (argv, or macOS open-file at launch) opens once it does.
let startupHunt: string | null = huntPathFromArgv(process.argv, process.cwd());
let openInStudio: ((path: string) => void) | null = null;

// Tests (and portable setups) point the studio at a fresh data directory.
if (process.env.STUDIO_USER_DATA_DIR) app.setPath('userData', process.env.STUDIO_USER_DATA_DIR);
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another studio is running: it receives our argv through 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, cwd) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const path = huntPathFromArgv(argv, cwd);
    if (path) openInStudio?.(path);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (openInStudio) openInStudio(path);
    else startupHunt = path;
  });
  app.on('web-contents-created', (_event, contents) => {
    // No new windows, no navigation away from our page, no webviews.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (e, url) => {
      if (!isOwnPageUrl(url, devServerUrl)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!isOwnPageUrl(url, devServerUrl)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(start);
}

function start(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url, devServerUrl) }));
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }),
  );
  serveAppScheme(rendererDir(), csp);

  const dataDir = app.getPath('userData');
  const version = app.getVersion();
  const bus = createEventBus();
  const recent = createRecentHunts(dataDir, (path) => {
    app.addRecentDocument(path);
    buildMenu();
  });
  const window = () => mainWindow;
  const runs = runsContextFor(dataDir, bus);
  app.on('will-quit', () => {
    // Runs still going are asked to stop; one cut short by the exit shows as interrupted at the next start (resumable).
    for (const run of [...runs.active.values()]) run.stop();
  });
  const handlers = { ...createHandlers({ host: 'electron', version, dataDir, examplesDir: examplesDir(), startupHunt, bus, recent, runs }), ...dialogHandlers(window) };
  const dispatch = createDispatcher(handlers, {
    onInternalError: (method, err) => console.error(`studio: ${method} failed:`, err),
  });
  const ipc = registerStudioIpc({ dispatch, bus, window, devServerUrl });
  openInStudio = (path) => bus.publish('app.openHunt', { path });

  function buildMenu() {
    const template = menuTemplate({
      isMac: process.platform === 'darwin',
      appName: app.name,
      recent: recent.list(),
      dev: !app.isPackaged,
      actions: {
        command: (command) => bus.publish('app.menu', { command }),
        open: () => void chooseHuntToOpen(mainWindow).then((path) => path && openInStudio?.(path)),
        openRecent: (path) => openInStudio?.(path),
        clearRecent: () => {
          recent.clear();
          app.clearRecentDocuments();
          buildMenu();
        },
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }
  buildMenu();
  createWindow(ipc.flush);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(ipc.flush);
  });
}

function createWindow(onLoaded: () => void): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'Treasure Hunt Studio',
    // The essentials are repeated as literals so static checkers (npm run security) can see them.
    webPreferences: { ...secureWebPreferences(join(buildDir, 'preload.cjs')), contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-finish-load', onLoaded);
  // The studio refuses to unload with unsaved changes (beforeunload); Electron shows no prompt
  // of its own, so ask here, or the window could not be closed until the hunt is saved.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Discard changes', 'Keep editing'],
      defaultId: 1,
      cancelId: 1,
      title: 'Discard unsaved changes?',
      message: 'The open hunt has changes that are not saved. Close anyway and lose them?',
    });
    if (choice === 0) event.preventDefault();
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

