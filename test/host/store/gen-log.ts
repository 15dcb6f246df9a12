// A deterministic, varied event log for store tests: joins, right and wrong answers
// and codes, positions at and away from locations, hints, quits, and the odd bad line
// (not JSON, unknown type, time going backwards, unknown participant, blank lines),
// with deadlines passing on the way. The same seed gives the same lines.
import { readFileSync } from 'node:fs';
import type { HuntV1 as Hunt } from '../../../engine/hunt/schema';
import { seededUniform } from '../../../engine/sim/random';

export const EXAMPLE_HUNT_FILE = new URL('../../../examples/old-town-walk.hunt.json', import.meta.url);

export function exampleHunt(): Hunt {
  return JSON.parse(readFileSync(EXAMPLE_HUNT_FILE, 'utf8')) as Hunt;
}

export function generateLog(hunt: Hunt, opts: { events: number; participants: number; seed: number }): string[] {
  const rnd = seededUniform(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const locations = new Map((hunt.locations ?? []).map((l) => [l.id, l]));
  const lines: string[] = [];
  const joined: string[] = [];
  // Each participant mostly works through the steps in file order (the example's order
  // respects `requires`), so many events apply; the rest is noise that gets rejected.
  const cursor = new Map<string, number>();
  let t = 0;
  let next = 0;
  while (lines.length < opts.events) {
    t += rnd() * 0.1;
    const r = rnd();
    const time = Math.round(t * 1000) / 1000;
    if (r < 0.004) {
      lines.push('');
      continue;
    }
    if (r < 0.008) {
      lines.push('{"t": oops');
      continue;
    }
    if (r < 0.011) {
      lines.push(JSON.stringify({ t: Math.max(0, time - 50), p: 'late', type: 'quit' }));
      continue;
    }
    if (r < 0.013) {
      lines.push(JSON.stringify({ t: time, p: 'ghost', type: 'dance' }));
      continue;
    }
    // Joins spread over the first 80% of the log; events go mostly to the recent joiners
    // (the ones still playing), so participants come and go as in a real session.
    if (next < opts.participants && (joined.length === 0 || rnd() < opts.participants / (0.8 * opts.events))) {
      const p = `team-${String(next++).padStart(6, '0')}`;
      joined.push(p);
      cursor.set(p, 0);
      lines.push(JSON.stringify({ t: time, p, type: 'join', name: `Team ${next}` }));
      continue;
    }
    const window = Math.max(8, Math.min(joined.length, Math.ceil(opts.participants / 20)));
    const p = rnd() < 0.01 ? 'nobody' : rnd() < 0.9 ? joined[joined.length - 1 - Math.floor(rnd() * window)] ?? joined[0] : pick(joined);
    const at = cursor.get(p) ?? 0;
    if (p !== 'nobody' && at < hunt.steps.length && rnd() < 0.6) {
      const s = hunt.steps[at];
      if (s.kind === 'location') {
        const loc = locations.get(s.location)!;
        lines.push(JSON.stringify({ t: time, p, type: 'position', lat: loc.lat, lon: loc.lon }));
        cursor.set(p, at + 1);
      } else if (s.kind === 'answer') {
        const right = rnd() < 0.7;
        lines.push(JSON.stringify({ t: time, p, type: 'answer', step: s.id, text: right ? pick(s.answers) : 'wrong guess' }));
        if (right) cursor.set(p, at + 1);
      } else {
        lines.push(JSON.stringify({ t: time, p, type: 'scan', step: s.id, code: s.code }));
        cursor.set(p, at + 1);
      }
      continue;
    }
    const step = pick(hunt.steps);
    const k = rnd();
    if (k < 0.35) {
      const loc = step.kind === 'location' ? locations.get(step.location) : pick([...locations.values()]);
      const near = rnd() < 0.7 && loc;
      const lat = near ? loc.lat : 48.2 + rnd() * 0.01;
      const lon = near ? loc.lon : 16.37 + rnd() * 0.01;
      lines.push(JSON.stringify({ t: time, p, type: 'position', lat, lon, source: 'gps' }));
    } else if (k < 0.7) {
      const text = step.kind === 'answer' && rnd() < 0.6 ? pick(step.answers) : 'no idea';
      lines.push(JSON.stringify({ t: time, p, type: 'answer', step: step.id, text }));
    } else if (k < 0.8) {
      const code = step.kind === 'code' && rnd() < 0.6 ? step.code : 'WRONG';
      lines.push(JSON.stringify({ t: time, p, type: 'scan', step: step.id, code }));
    } else if (k < 0.95) {
      lines.push(JSON.stringify({ t: time, p, type: 'hint', step: step.id }));
    } else if (k < 0.97) {
      lines.push(JSON.stringify({ t: time, p, type: 'quit' }));
    } else if (k < 0.999) {
      lines.push(JSON.stringify({ t: time, p, type: 'position', lat: 48.19, lon: 16.36 }));
    } else {
      // A long pause: hunt and step deadlines pass for some participants.
      t += rnd() * 300;
      lines.push(JSON.stringify({ t: Math.round(t * 1000) / 1000, p, type: 'position', lat: 0, lon: 0 }));
    }
  }
  return lines;
}
