// The live run's clock: `t` is seconds since the live run started, read from the host's
// wall clock here and nowhere else (the engine stays pure: time comes in with the events).
//
// Every line is stamped when the host takes it, never with a time the phone claims: phone
// clocks differ and can be set at will, and the log's clock may never go backwards (spec
// §3.10 check 2 would reject the line as `time-backwards`). So an action a phone queued
// while offline is stamped when it arrives, and a stamp is never below the previous one
// (a wall clock stepped back by NTP, or a restart, cannot make the log go backwards).

/** Milliseconds of wall time; injectable so tests can drive time. */
export type WallClock = () => number;

export class LiveClock {
  private last: number;

  /**
   * @param startedAtMs wall time the live run started (stored with the run, so a restart
   *   carries on the same timeline: the time the host was down counts, as it did for the players)
   * @param floor the log clock so far (after a restart: the largest t stored)
   */
  constructor(
    readonly startedAtMs: number,
    floor = 0,
    private readonly wall: WallClock = Date.now,
  ) {
    this.last = floor;
  }

  /** The t of a line taken now: milliseconds precision, never below the previous stamp. */
  stamp(): number {
    const t = Math.round(Math.max(0, this.wall() - this.startedAtMs)) / 1000;
    if (t > this.last) this.last = t;
    return this.last;
  }

  /** The current t without stamping anything (time left on the phones, the console). */
  now(): number {
    return Math.max(this.last, Math.round(Math.max(0, this.wall() - this.startedAtMs)) / 1000);
  }
}
