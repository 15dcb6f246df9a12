// Simulated events as log lines (spec §2) with a fixed key order and fixed
// precision, so the same simulation always gives byte-identical text: t is rounded
// to the millisecond, lat/lon to 7 decimals (about a centimetre).
import type { HuntEvent } from '../log/types';

// `+ 0` turns -0 into 0: a log line cannot tell them apart, so neither may the mirror.
export function roundTime(t: number): number {
  return Math.round(t * 1000) / 1000 + 0;
}

export function roundDegrees(d: number): number {
  return Math.round(d * 1e7) / 1e7 + 0;
}

/**
 * The JSON text of a number already rounded to `places` decimals, built from its
 * integer digits: the same text JSON.stringify gives (for |v| < 1e21), but without
 * the general shortest-round-trip conversion, which dominated the cost of a line.
 * Parsing it gives back exactly `v`: both are the double nearest to the decimal.
 */
export function decimalText(v: number, places: 3 | 7): string {
  const scale = places === 3 ? 1000 : 1e7;
  const n = Math.round(v * scale);
  if (n === 0) return '0';
  // Where JavaScript switches to exponent notation, leave the text to it.
  if (!Number.isSafeInteger(n) || Math.abs(v) >= 1e15 || Math.abs(v) < 1e-6) return String(v);
  const neg = n < 0;
  let digits = String(neg ? -n : n);
  if (digits.length <= places) digits = '0'.repeat(places + 1 - digits.length) + digits;
  let int = digits.slice(0, digits.length - places);
  let frac = digits.slice(digits.length - places);
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  if (int === '') int = '0';
  return (neg ? '-' : '') + (frac === '' ? int : `${int}.${frac}`);
}

/**
 * One JSON line for a simulated event (times rounded to ms, positions to 7 decimals
 * already). `profile` is an extra field on joins (kept, not interpreted).
 */
export function eventLine(e: HuntEvent, profile?: string, quotedId = JSON.stringify(e.p)): string {
  const head = `{"t":${decimalText(e.t, 3)},"p":${quotedId},"type":"${e.type}"`;
  switch (e.type) {
    case 'join':
      return `${head}${e.name === undefined ? '' : `,"name":${JSON.stringify(e.name)}`}${profile === undefined ? '' : `,"profile":${JSON.stringify(profile)}`}}`;
    case 'answer':
      return `${head},"step":${JSON.stringify(e.step)},"text":${JSON.stringify(e.text)}}`;
    case 'scan':
      return `${head},"step":${JSON.stringify(e.step)},"code":${JSON.stringify(e.code)}}`;
    case 'position':
      return `${head},"lat":${decimalText(e.lat, 7)},"lon":${decimalText(e.lon, 7)}}`;
    case 'hint':
      return `${head},"step":${JSON.stringify(e.step)}}`;
    case 'quit':
      return `${head}}`;
  }
}
