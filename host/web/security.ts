// The web host's guards, as pure functions so they are tested directly.
// Threats: another page in the user's browser (a foreign Origin, or a DNS-rebinding
// name that resolves to 127.0.0.1: a foreign Host), and another local process or user
// (no token). The token travels in the studio URL's fragment, which browsers never send
// to the server, so even fetching the studio's own pages does not reveal it.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const LOOPBACK = '127.0.0.1';

/** A fresh random token for one start of the host: 256 bits, hex (safe in a URL and a WebSocket subprotocol). */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

function ourHosts(port: number): string[] {
  return [`${LOOPBACK}:${port}`, `localhost:${port}`];
}

/** The Host header must name us on loopback: anything else is a DNS-rebinding attempt or a misdirected request. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && ourHosts(port).includes(host.toLowerCase());
}

/**
 * Browsers send Origin on cross-origin requests, on every POST and on every WebSocket; it must be our
 * own origin. A request without Origin does not come from another web page (a page cannot suppress
 * it on a POST or WebSocket), and still needs the token.
 */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return ourHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
export function tokenMatches(given: string | undefined | null, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token from a WebSocket's subprotocol list (`studio.v1, token.<hex>`). */
export function tokenFromProtocols(header: string | undefined, prefix: string): string | null {
  if (!header) return null;
  const found = header
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(prefix));
  return found ? found.slice(prefix.length) : null;
}

/** The Content-Security-Policy for the studio's pages: our own scripts only, no remote content. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // React and the chart/graph libraries set inline styles; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://${LOOPBACK}:${port} ws://localhost:${port}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Headers on every response. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(port),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}
