// Simulated events as log lines (spec §2) with a fixed key order and fixed
// precision, so the same simulation always gives byte-identical text: t is rounded
// to the millisecond, lat/lon to 7 decimals (about a centimetre).
import type { HuntEvent } from '../log/types';

export function roundTime(t: number): number {
  return Math.round(t * 1000) / 1000;
}

export function roundDegrees(d: number): number {
  return Math.round(d * 1e7) / 1e7;
}

/** One JSON line for a simulated event. `profile` is an extra field on joins (kept, not interpreted). */
export function eventLine(e: HuntEvent, profile?: string): string {
  const head = `{"t":${e.t},"p":${JSON.stringify(e.p)},"type":"${e.type}"`;
  switch (e.type) {
    case 'join':
      return `${head}${e.name === undefined ? '' : `,"name":${JSON.stringify(e.name)}`}${profile === undefined ? '' : `,"profile":${JSON.stringify(profile)}`}}`;
    case 'answer':
      return `${head},"step":${JSON.stringify(e.step)},"text":${JSON.stringify(e.text)}}`;
    case 'scan':
      return `${head},"step":${JSON.stringify(e.step)},"code":${JSON.stringify(e.code)}}`;
    case 'position':
      return `${head},"lat":${e.lat},"lon":${e.lon}}`;
    case 'hint':
      return `${head},"step":${JSON.stringify(e.step)}}`;
    case 'quit':
      return `${head}}`;
  }
}
