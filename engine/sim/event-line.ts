// Simulated events as log lines (spec §2) with a fixed key order and fixed
// precision, so the same simulation always gives byte-identical text: t is rounded
// to the millisecond, lat/lon to 7 decimals (about a centimetre).
import type { HuntEvent } from '../log/types';
import { exactMillis, MILLIS_TEXT } from '../log/timeText';

// `+ 0` turns -0 into 0: a log line cannot tell them apart, so neither may the mirror.
export function roundTime(t: number): number {
  return Math.round(t * 1000) / 1000 + 0;
}

export function roundDegrees(d: number): number {
  return Math.round(d * 1e7) / 1e7 + 0;
}

/**
 * v times 10^places as a whole number, whose digits `decimalText` and `writePositionLine`
 * write; NaN where JavaScript switches to exponent notation (its own text is used there).
 */
function scaledDigits(v: number, places: 3 | 7): number {
  const n = Math.round(v * (places === 3 ? 1000 : 1e7));
  return n !== 0 && (!Number.isSafeInteger(n) || Math.abs(v) >= 1e15 || Math.abs(v) < 1e-6) ? NaN : n;
}

/**
 * The JSON text of a number already rounded to `places` decimals, built from its
 * integer digits: the same text JSON.stringify gives (for |v| < 1e21), but without
 * the general shortest-round-trip conversion, which dominated the cost of a line.
 * Parsing it gives back exactly `v`: both are the double nearest to the decimal.
 */
export function decimalText(v: number, places: 3 | 7): string {
  if (places === 3) {
    // Nearly every time: its whole seconds and its milliseconds' text.
    const ms = exactMillis(v);
    if (ms >= 0) {
      const sec = Math.floor(ms / 1000);
      return `${sec}${MILLIS_TEXT[ms - sec * 1000]}`;
    }
  }
  const n = scaledDigits(v, places);
  if (Number.isNaN(n)) return String(v);
  if (n === 0) return '0';
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

const BY_ORGANISER = ',"by":"organiser"';

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
    case 'choose':
      return `${head},"step":${JSON.stringify(e.step)},"choice":${e.choice}}`;
    case 'submit':
      return `${head},"step":${JSON.stringify(e.step)},"ref":${JSON.stringify(e.ref)}}`;
    // The simulated organiser's lines say who wrote them, as a live run's do (an extra field, kept and not interpreted).
    case 'judge':
      return `${head},"step":${JSON.stringify(e.step)},"accept":${e.accept}${e.points === undefined ? '' : `,"points":${e.points}`}${BY_ORGANISER}}`;
    case 'adjust':
      return `${head},"points":${e.points}${e.reason === undefined ? '' : `,"reason":${JSON.stringify(e.reason)}`}${BY_ORGANISER}}`;
    case 'extend':
      return `${head},"seconds":${decimalText(e.seconds, 3)}${BY_ORGANISER}}`;
  }
}

/** Most bytes `writePositionLine` writes besides the quoted id: 43 of keys and braces, three numbers of at most 25. */
export const POSITION_LINE_MAX_BYTES = 43 + 3 * 25;

const asciiOf = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const T_KEY = asciiOf('{"t":');
const P_KEY = asciiOf(',"p":');
const POSITION_LAT_KEY = asciiOf(',"type":"position","lat":');
const LON_KEY = asciiOf(',"lon":');
const digitScratch = new Uint8Array(24);

function writeBytes(out: Uint8Array, at: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) out[at++] = bytes[i];
  return at;
}

/** Writes ASCII text; -1 when it is not ASCII. */
function writeAscii(out: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return -1;
    out[at++] = c;
  }
  return at;
}

/** The bytes of `decimalText(v, places)`, written from the integer's digits without making a string. */
function writeDecimal(out: Uint8Array, at: number, v: number, places: 3 | 7): number {
  const n = scaledDigits(v, places);
  if (Number.isNaN(n)) return writeAscii(out, at, String(v));
  if (n === 0) {
    out[at] = 0x30;
    return at + 1;
  }
  if (n < 0) out[at++] = 0x2d;
  // Digits from the least significant, padded so there is at least one before the point.
  let m = n < 0 ? -n : n;
  let k = 0;
  while (m > 0) {
    const d = m % 10;
    digitScratch[k++] = 0x30 + d;
    m = (m - d) / 10;
  }
  while (k <= places) digitScratch[k++] = 0x30;
  for (let i = k - 1; i >= places; i--) out[at++] = digitScratch[i];
  let last = 0; // trailing zeros of the fraction are not written
  while (last < places && digitScratch[last] === 0x30) last++;
  if (last < places) {
    out[at++] = 0x2e;
    for (let i = places - 1; i >= last; i--) out[at++] = digitScratch[i];
  }
  return at;
}

/**
 * Writes the UTF-8 bytes of `eventLine` for a position event at `at` in `out` (which must
 * have POSITION_LINE_MAX_BYTES + quotedId.length bytes free) without making the line as a
 * string: positions are four lines in five of a simulation, and their strings were most of
 * the generator's garbage. Returns the offset after the line, or -1 (nothing meaningful
 * written) when the quoted id is not ASCII; the caller then writes `eventLine`'s text.
 */
export function writePositionLine(out: Uint8Array, at: number, t: number, quotedId: string, lat: number, lon: number): number {
  at = writeBytes(out, at, T_KEY);
  at = writeDecimal(out, at, t, 3);
  at = writeBytes(out, at, P_KEY);
  at = writeAscii(out, at, quotedId);
  if (at < 0) return -1;
  at = writeBytes(out, at, POSITION_LAT_KEY);
  at = writeDecimal(out, at, lat, 7);
  at = writeBytes(out, at, LON_KEY);
  at = writeDecimal(out, at, lon, 7);
  out[at] = 0x7d;
  return at + 1;
}
