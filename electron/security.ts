// Electron's security checklist as pure functions, so each rule is unit-tested
// without Electron: the window's web preferences, the page's CSP, which URLs count
// as our own page (for navigation and for accepting IPC), and where files come from.
import type { WebPreferences } from 'electron';

/** The studio's page is served from this privileged custom scheme, never from file:// or the network. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    // Middle-click must not open links in new windows (Electron's own checklist).
    disableBlinkFeatures: 'Auxclick',
  };
}

/**
 * The page's Content-Security-Policy: our own scripts only, no remote content, no eval. The page talks
 * to the main process over IPC, so it needs no network at all; in development the Vite dev server
 * (hot reload over a WebSocket) is the one exception.
 */
export function electronCsp(devServerUrl?: string): string {
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  const self = dev ? `'self' ${dev.origin}` : "'self'";
  const connect = dev ? `'self' ${dev.origin} ws://${dev.host}` : "'self'";
  // Development only: Vite's React refresh preamble is an inline script. Never in a packaged app.
  const scripts = dev ? `${self} 'unsafe-inline'` : self;
  return [
    "default-src 'none'",
    `script-src ${scripts}`,
    // React and the chart/graph libraries set inline styles; scripts stay strict.
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${self} data: blob:`,
    `font-src ${self} data:`,
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** True for a URL of our own page: app://studio/..., or the dev server in development. */
export function isOwnPageUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl) return parsed.origin === new URL(devServerUrl).origin;
  return false;
}

/**
 * IPC is accepted only from the main frame of our own window showing our own page. A frame we did not
 * load (an iframe, a page navigated elsewhere, another window) is refused.
 */
export function isTrustedSender(
  sender: { webContentsId: number; frameUrl: string | null; isMainFrame: boolean },
  ownWebContentsId: number | null,
  devServerUrl?: string,
): boolean {
  return (
    ownWebContentsId !== null &&
    sender.webContentsId === ownWebContentsId &&
    sender.isMainFrame &&
    sender.frameUrl !== null &&
    isOwnPageUrl(sender.frameUrl, devServerUrl)
  );
}

/**
 * Requests the app's session may make: its own page, in-memory data, and (in development) the dev
 * server. Everything else (any http/https URL) is cancelled: the studio never loads remote content.
 */
export function isAllowedRequestUrl(url: string, devServerUrl?: string): boolean {
  if (isOwnPageUrl(url, devServerUrl)) return true;
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('devtools://')) return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    try {
      const u = new URL(url);
      if (u.protocol === 'ws:' && u.host === dev.host) return true;
    } catch {
      return false;
    }
  }
  return false;
}
