// The app:// scheme that serves the built page from disk. A custom scheme instead of
// file:// gives the page a real origin (so CSP 'self' means only our files) and keeps
// every other file on the disk out of the page's reach.
import { net, protocol } from 'electron';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentTypeFor, resolveStaticPath } from '../host/web/static';
import { APP_HOST, APP_SCHEME } from './security';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveAppScheme(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    let file = resolveStaticPath(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (file === null) return new Response('Bad path', { status: 400 });
    if (!existsSync(file) || !statSync(file).isFile()) {
      // Unknown paths without an extension are the page's own routes.
      if (/\.[a-z0-9]+$/i.test(url.pathname)) return new Response('Not found', { status: 404 });
      file = join(rendererDir, 'index.html');
    }
    const body = await net.fetch(pathToFileURL(file).toString());
    return new Response(body.body, {
      status: 200,
      headers: { 'content-type': contentTypeFor(file), 'content-security-policy': csp, 'x-content-type-options': 'nosniff' },
    });
  });
}
