// The density strip is laid out by virtual time; the scrubber moves by event
// number. Events are processed in time order, so cumulative bucket counts map one
// onto the other.

/** The event number (seq) reached after the first `fraction` of the strip. */
export function seqAtFraction(buckets: number[], fraction: number): number {
  const f = Math.min(1, Math.max(0, fraction)) * buckets.length;
  const whole = Math.floor(f);
  let seq = 0;
  for (let i = 0; i < whole && i < buckets.length; i++) seq += buckets[i];
  if (whole < buckets.length) seq += Math.round(buckets[whole] * (f - whole));
  return seq;
}

/** Where (0 to 1) along the strip the event number `seq` falls. */
export function fractionAtSeq(buckets: number[], seq: number): number {
  if (buckets.length === 0) return 0;
  let before = 0;
  for (let i = 0; i < buckets.length; i++) {
    const c = buckets[i];
    if (seq <= before + c) return (i + (c === 0 ? 0 : (seq - before) / c)) / buckets.length;
    before += c;
  }
  return 1;
}

/**
 * The strip drawn by event number, like the scrubber under it: each stretch of virtual time
 * spans the events it holds (from, to: 0 to 1 along the strip), and its height is how fast
 * events came then (events per second of virtual time, relative to the busiest stretch).
 */
export function eventSpaceBars(buckets: number[]): { from: number; to: number; height: number }[] {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (total === 0) return [];
  const max = Math.max(1, ...buckets);
  let before = 0;
  const out: { from: number; to: number; height: number }[] = [];
  for (const c of buckets) {
    if (c > 0) out.push({ from: before / total, to: (before + c) / total, height: c / max });
    before += c;
  }
  return out;
}
