// The live host's certificate, for serving phones over HTTPS. Browsers give a page served
// over plain http from a LAN address no GPS and no camera (both need a secure context);
// with this certificate they do, once each player accepts the browser's warning about a
// certificate it does not know (there is no certificate authority on a venue's network).
// Made on this machine, kept in DATA/live/tls/ and reused while it covers the addresses
// being served and has a month left, so a phone that accepted it once is not asked again.
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export type LiveTls = { key: string; cert: string; /** SHA-256 fingerprint, for the organiser to compare with what a phone shows. */ fingerprint: string };

const MONTH_MS = 30 * 24 * 3600_000;
const VALID_DAYS = 397; // the longest validity browsers accept for a server certificate

export function liveTlsDir(dataDir: string): string {
  return join(dataDir, 'live', 'tls');
}

/**
 * The certificate for these addresses (and localhost): the stored one if it still fits,
 * otherwise a new one. `now` is the host's wall clock (certificates have dates).
 */
export async function liveCertificate(dataDir: string, addresses: string[], now: Date = new Date()): Promise<LiveTls> {
  const dir = liveTlsDir(dataDir);
  const ips = [...new Set(['127.0.0.1', ...addresses.filter((a) => a !== '0.0.0.0')])];
  const stored = readStored(dir);
  if (stored && fits(stored.cert, ips, now)) return stored;
  const notAfter = new Date(now.getTime() + VALID_DAYS * 24 * 3600_000);
  const pems = await generate([{ name: 'commonName', value: 'Treasure Hunt live host' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 3600_000), // a phone whose clock is a little behind
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, ...ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  mkdirSync(dir, { recursive: true });
  // The key first, each through a temporary file: a crash never leaves a certificate without its key.
  for (const [name, text] of [['key.pem', pems.private], ['cert.pem', pems.cert]] as const) {
    writeFileSync(join(dir, `${name}.tmp`), text, { mode: 0o600 });
    renameSync(join(dir, `${name}.tmp`), join(dir, name));
  }
  return { key: pems.private, cert: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}

function readStored(dir: string): LiveTls | null {
  try {
    const key = readFileSync(join(dir, 'key.pem'), 'utf8');
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    return { key, cert, fingerprint: new X509Certificate(cert).fingerprint256 };
  } catch {
    return null; // missing or damaged: a new one is made
  }
}

function fits(pem: string, ips: string[], now: Date): boolean {
  try {
    const x = new X509Certificate(pem);
    const names = new Set((x.subjectAltName ?? '').split(',').map((s) => s.trim()));
    return ips.every((ip) => names.has(`IP Address:${ip}`)) && new Date(x.validTo).getTime() - now.getTime() > MONTH_MS;
  } catch {
    return false;
  }
}
