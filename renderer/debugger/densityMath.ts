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
