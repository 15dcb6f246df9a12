import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isAllowedHost, isAllowedOrigin, newToken, tokenFromProtocols, tokenMatches } from '../../../host/web/security';
import { resolveStaticPath } from '../../../host/web/static';

describe('web host guards', () => {
  it('allows only our loopback host names on our port', () => {
    expect(isAllowedHost('127.0.0.1:8080', 8080)).toBe(true);
    expect(isAllowedHost('LOCALHOST:8080', 8080)).toBe(true);
    expect(isAllowedHost('127.0.0.1:8081', 8080)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 8080)).toBe(false);
    expect(isAllowedHost('evil.example:8080', 8080)).toBe(false);
    expect(isAllowedHost(undefined, 8080)).toBe(false);
  });

  it('allows no Origin (not a page) or our own, nothing else', () => {
    expect(isAllowedOrigin(undefined, 1)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:1', 1)).toBe(true);
    expect(isAllowedOrigin('http://localhost:1', 1)).toBe(true);
    expect(isAllowedOrigin('https://127.0.0.1:1', 1)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:2', 1)).toBe(false);
    expect(isAllowedOrigin('null', 1)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:1.evil.example', 1)).toBe(false);
  });

  it('compares tokens exactly', () => {
    const t = newToken();
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(t.toUpperCase(), t)).toBe(false);
    expect(tokenMatches(t + 'a', t)).toBe(false);
    expect(tokenMatches(null, t)).toBe(false);
    expect(newToken()).not.toBe(t);
  });

  it('reads the token from the WebSocket subprotocols', () => {
    expect(tokenFromProtocols('studio.v1, token.abc', 'token.')).toBe('abc');
    expect(tokenFromProtocols('studio.v1', 'token.')).toBeNull();
    expect(tokenFromProtocols(undefined, 'token.')).toBeNull();
  });

  it('has a CSP that allows no remote content', () => {
    const csp = contentSecurityPolicy(4000);
    expect(csp).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4000 ws://localhost:4000");
  });

  it('resolves static paths only inside the root', () => {
    expect(resolveStaticPath('/srv/page', '/assets/a.js')).toBe('/srv/page/assets/a.js');
    expect(resolveStaticPath('/srv/page', '/../etc/passwd')).toBe('/srv/page/etc/passwd');
    expect(resolveStaticPath('/srv/page', '/%2e%2e/%2e%2e/etc/passwd')).toBe('/srv/page/etc/passwd');
    expect(resolveStaticPath('/srv/page', '/a%00b')).toBeNull();
    expect(resolveStaticPath('/srv/page', '/%E0%A4%A')).toBeNull();
  });
});
