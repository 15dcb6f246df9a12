// The JSON text of a time to the millisecond, the knowledge both the simulation's log
// lines (engine/sim/event-line.ts) and the stored participant states
// (engine/state/participant-state.ts) write numbers with. A time that is a whole number of
// milliseconds below 10^9 s (every simulated one, most logged ones) is written as its
// whole seconds and its milliseconds' text, which is exactly what JSON.stringify writes:
// it is the shortest decimal that reads back as the same double, since two such decimals
// lie 0.001 apart and the doubles there much closer. Writing a fractional number the
// general way (shortest round trip) was about 40 % of a stored state's encoding time.

/** A time's milliseconds as the text after its whole seconds: "" for none, ".5" for 500, ".012" for 12. */
export const MILLIS_TEXT: readonly string[] = Array.from({ length: 1000 }, (_, ms) => (ms === 0 ? '' : `.${String(ms).padStart(3, '0').replace(/0+$/, '')}`));

/** v in whole milliseconds when it is exactly that and in [0, 10^9) s; else -1 (write it the general way). */
export function exactMillis(v: number): number {
  if (!(v >= 0 && v < 1e9)) return -1;
  const ms = Math.round(v * 1000);
  return ms / 1000 === v ? ms : -1;
}
