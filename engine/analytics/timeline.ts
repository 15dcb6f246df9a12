// Who was active and who was done over a run's virtual time, from each participant's
// join and end times: the "participants over virtual time" chart of a stored run, which
// the studio can draw again at any later time (the live chart only sees progress as it
// comes). At most `points` samples, evenly spaced from the first join to the end.
import { round } from './stats';

export type Timeline = { t: number[]; active: number[]; done: number[] };

export function participantTimeline(joins: number[], ends: number[], endTime: number, points = 200): Timeline {
  const out: Timeline = { t: [], active: [], done: [] };
  if (joins.length === 0) return out;
  const j = Float64Array.from(joins).sort();
  const e = Float64Array.from(ends).sort();
  const from = j[0];
  const to = Math.max(endTime, from, e.length ? e[e.length - 1] : from);
  const n = to === from ? 1 : points;
  let ji = 0;
  let ei = 0;
  for (let k = 0; k < n; k++) {
    const t = n === 1 ? to : from + ((to - from) * k) / (n - 1);
    while (ji < j.length && j[ji] <= t) ji++;
    while (ei < e.length && e[ei] <= t) ei++;
    out.t.push(round(t));
    out.active.push(ji - ei);
    out.done.push(ei);
  }
  return out;
}
