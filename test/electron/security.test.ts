import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, electronCsp, isAllowedRequestUrl, isOwnPageUrl, isTrustedSender, secureWebPreferences } from '../../electron/security';

describe('Electron security rules', () => {
  it('isolates the page: context isolation, sandbox, no Node, no webviews', () => {
    const p = secureWebPreferences('/app/preload.cjs');
    expect(p).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has a CSP with our scripts only and no remote content', () => {
    const csp = electronCsp();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    const dev = electronCsp('http://localhost:5173');
    expect(dev).toContain("script-src 'self' http://localhost:5173 'unsafe-inline'");
    expect(dev).toContain('ws://localhost:5173');
  });

  it('recognises only our own page', () => {
    expect(isOwnPageUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isOwnPageUrl('app://other/index.html')).toBe(false);
    expect(isOwnPageUrl('file:///etc/passwd')).toBe(false);
    expect(isOwnPageUrl('https://example.com/')).toBe(false);
    expect(isOwnPageUrl('http://localhost:5173/')).toBe(false);
    expect(isOwnPageUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isOwnPageUrl('not a url')).toBe(false);
  });

  it('accepts IPC only from the main frame of our window on our page', () => {
    const good = { webContentsId: 7, frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true };
    expect(isTrustedSender(good, 7)).toBe(true);
    expect(isTrustedSender({ ...good, webContentsId: 8 }, 7)).toBe(false);
    expect(isTrustedSender({ ...good, isMainFrame: false }, 7)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'https://evil.example/' }, 7)).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: null }, 7)).toBe(false);
    expect(isTrustedSender(good, null)).toBe(false);
  });

  it('lets the session load only our page and in-memory data', () => {
    expect(isAllowedRequestUrl(`${APP_ORIGIN}/assets/index.js`)).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AA')).toBe(true);
    expect(isAllowedRequestUrl('https://tile.openstreetmap.org/1/1/1.png')).toBe(false);
    expect(isAllowedRequestUrl('http://127.0.0.1:1234/')).toBe(false);
    expect(isAllowedRequestUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedRequestUrl('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
  });
});
