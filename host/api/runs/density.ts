// The debugger's event-density strip: how many events fall in each slice of virtual
// time, and how many of them were rejected. Small runs are counted exactly, event by
// event. Large ones (millions of events) are not read whole: the log clock is sampled
// at evenly spaced event numbers (one primary-key lookup each), the event number at
// each slice boundary is interpolated between the samples (events are processed in
// time order, so the clock never goes back), and rejections are counted per slice
// over the partial index `events_rejected`. The cost is then a few thousand lookups
// plus the rejections, whatever the length of the log.
import type { DensityStrip } from '../../../api/contract';
import type { Db } from '../../../db/open';
import { clockAt, firstTimedEvent, iterateTimes, maxSeq, rejectedBetween, timeBounds } from '../../../db/events';

/** Up to this many events the strip is counted exactly (one scan of the log). */
export const EXACT_DENSITY_LIMIT = 50_000;
/** Clock samples taken for a large run: the count at a slice boundary is off by at most events / SAMPLES. */
export const DENSITY_SAMPLES = 4_096;

/** Events per time bucket; every event is counted, so cumulative counts map onto event numbers. */
export function densityOf(db: Db, runId: number, buckets: number): DensityStrip {
  const events = maxSeq(db, runId);
  return events <= EXACT_DENSITY_LIMIT ? exactDensity(db, runId, buckets) : sampledDensity(db, runId, buckets, events);
}

/** Counts every event: a line without a usable time falls where the log clock was. */
export function exactDensity(db: Db, runId: number, buckets: number): DensityStrip {
  const bounds = timeBounds(db, runId);
  const firstT = bounds.lo ?? 0;
  const lastT = bounds.hi ?? 0;
  const counts = new Array<number>(buckets).fill(0);
  const rejections = new Array<number>(buckets).fill(0);
  const width = (lastT - firstT) / buckets;
  let clock = firstT;
  let events = 0;
  for (const [t, rejection] of iterateTimes(db, runId)) {
    if (t !== null && rejection !== 'time-backwards' && t >= clock) clock = t;
    const b = width > 0 ? Math.min(buckets - 1, Math.floor((clock - firstT) / width)) : 0;
    counts[b]++;
    if (rejection !== null) rejections[b]++;
    events++;
  }
  return { buckets: counts, rejections, firstT, lastT, events };
}

/**
 * The strip of a large run from DENSITY_SAMPLES clock samples. The clock at an event is
 * the time of the newest usable line at or before it (usually the event itself: one
 * lookup); the first usable time is the strip's start, the clock at the last event its end.
 */
export function sampledDensity(db: Db, runId: number, buckets: number, events: number): DensityStrip {
  const first = firstTimedEvent(db, runId);
  const counts = new Array<number>(buckets).fill(0);
  const rejections = new Array<number>(buckets).fill(0);
  if (!first) {
    // No line has a usable time: everything sits at the start, like the exact count does.
    counts[0] = events;
    rejections[0] = rejectedBetween(db, runId, 1, events);
    return { buckets: counts, rejections, firstT: 0, lastT: 0, events };
  }
  const firstT = first.t;
  // Samples (seq, clock after seq), seq rising; the clock is non-decreasing along them.
  const n = Math.min(DENSITY_SAMPLES, events);
  const seqs: number[] = [];
  const clocks: number[] = [];
  for (let i = 1; i <= n; i++) {
    const seq = Math.max(1, Math.round((i * events) / n));
    if (seqs.length > 0 && seq <= seqs[seqs.length - 1]) continue;
    const t = seq < first.seq ? firstT : clockAt(db, runId, seq);
    seqs.push(seq);
    clocks.push(Math.max(t, clocks.length > 0 ? clocks[clocks.length - 1] : firstT));
  }
  const lastT = clocks[clocks.length - 1];
  const width = (lastT - firstT) / buckets;
  // boundary[b]: the events before slice b starts (the last seq whose clock is below its start time).
  const boundary = new Array<number>(buckets + 1);
  boundary[0] = 0;
  boundary[buckets] = events;
  let k = 0;
  for (let b = 1; b < buckets; b++) {
    const start = firstT + b * width;
    while (k < clocks.length && clocks[k] < start) k++;
    // Between sample k-1 (clock < start) and sample k (clock >= start): interpolate in time.
    const loSeq = k === 0 ? 0 : seqs[k - 1];
    const loT = k === 0 ? firstT : clocks[k - 1];
    const hiSeq = k < seqs.length ? seqs[k] : events;
    const hiT = k < clocks.length ? clocks[k] : lastT;
    const share = hiT > loT ? (start - loT) / (hiT - loT) : 0;
    boundary[b] = Math.max(boundary[b - 1], Math.min(events, Math.round(loSeq + share * (hiSeq - loSeq))));
  }
  for (let b = 0; b < buckets; b++) {
    counts[b] = boundary[b + 1] - boundary[b];
    if (counts[b] > 0) rejections[b] = rejectedBetween(db, runId, boundary[b] + 1, boundary[b + 1]);
  }
  if (width <= 0) {
    // All events at one moment: the exact count puts them in the first slice.
    counts.fill(0);
    rejections.fill(0);
    counts[0] = events;
    rejections[0] = rejectedBetween(db, runId, 1, events);
  }
  return { buckets: counts, rejections, firstT, lastT, events };
}
