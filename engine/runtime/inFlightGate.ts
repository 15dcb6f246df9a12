// Bounded in-flight work (backpressure). A producer acquires a slot before sending a
// batch and releases it when the batch's verdicts are back; when every slot is taken
// the producer's await waits, so a fast producer cannot pile batches up in memory.
// Waiters are served first come, first served, which keeps batches in log order.

export class InFlightGate {
  private used = 0;
  private peak = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`maxInFlightBatches must be a whole number ≥ 1 (got ${capacity})`);
    }
  }

  /** Slots currently taken. */
  get inFlight(): number {
    return this.used;
  }

  /** The most slots ever taken at once (for tests and diagnostics). */
  get peakInFlight(): number {
    return this.peak;
  }

  /** Resolves once a slot is taken for the caller. */
  acquire(): Promise<void> {
    if (this.used < this.capacity && this.waiters.length === 0) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    if (this.used === 0) throw new Error('InFlightGate.release() without a matching acquire()');
    this.used--;
    const next = this.waiters.shift();
    if (next) {
      this.take();
      next();
    }
  }

  private take(): void {
    this.used++;
    if (this.used > this.peak) this.peak = this.used;
  }
}
