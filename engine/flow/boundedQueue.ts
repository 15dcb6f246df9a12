// The one joint between pipeline stages: a bounded, ordered queue that carries
// backpressure and the first error.
//  - Order: items come out in the order they were accepted; blocked producers are
//    admitted first come, first served.
//  - Bound: an item is in flight from the moment it is accepted until its consumer asks
//    for the next one (so the item being worked on counts). A producer's push waits while
//    `capacity` items are in flight.
//  - First error: fail(err) fails the queue for good; later failures are ignored. Every
//    waiting and later push and next() rejects with that first error, and the items not
//    yet taken are handed back by fail() so their owner can settle them (nothing is
//    swallowed).
//  - Close: close() lets the consumer drain what was accepted, then next() reports the
//    end; a push after close resolves false (the item is refused, not an error), so a
//    consumer that stops early can close its input and the producer stops.
//  - Idle: an optional policy (injected by the host: engine/ has no clock) wakes a
//    consumer that waits on an empty queue with { kind: 'idle' }, e.g. to send a partial
//    batch on its way when the source stalls.

/** How a waiting consumer is woken when nothing arrives: `arm` starts waiting, `fire` wakes it; the returned function cancels. */
export type IdlePolicy = { arm(fire: () => void): () => void };

export type Next<T> = { kind: 'item'; item: T } | { kind: 'idle' } | { kind: 'end' };

type Waiter<V> = { resolve: (v: V) => void; reject: (err: unknown) => void };

export class BoundedQueue<T> {
  private readonly items: T[] = [];
  private head = 0;
  /** Accepted and not yet released (queued plus the one the consumer works on). */
  private used = 0;
  private peak = 0;
  /** Whether the consumer holds a taken item (released by its next call to next()). */
  private holding = false;
  private readonly producers: (Waiter<boolean> & { item: T })[] = [];
  private readonly roomWaiters: Waiter<void>[] = [];
  private consumer: Waiter<Next<T>> | null = null;
  private cancelIdle: (() => void) | null = null;
  private closed = false;
  private failure: { error: unknown } | null = null;

  constructor(
    readonly capacity: number,
    private readonly idle: IdlePolicy | null = null,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a queue's capacity must be a whole number ≥ 1 (got ${capacity})`);
  }

  /** Items in flight (accepted and not yet released by the consumer). */
  get inFlight(): number {
    return this.used;
  }

  /** The most items ever in flight at once (never above capacity). */
  get peakInFlight(): number {
    return this.peak;
  }

  /** Items accepted and not yet taken. */
  get queued(): number {
    return this.items.length - this.head;
  }

  /** The first error, once the queue failed. */
  get error(): unknown {
    return this.failure?.error;
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Offers an item. Resolves true once it is accepted (at once while fewer than capacity
   * items are in flight), false if the queue is closed; rejects with the first error
   * once the queue failed.
   */
  push(item: T): Promise<boolean> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.closed) return Promise.resolve(false);
    if (this.hasRoom()) {
      this.accept(item);
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve, reject) => this.producers.push({ item, resolve, reject }));
  }

  /**
   * The next item in order (releasing the one taken before), { kind: 'end' } once the
   * queue is closed and drained, or { kind: 'idle' } when the idle policy fires first.
   * Rejects with the first error once the queue failed. One consumer at a time.
   */
  next(): Promise<Next<T>> {
    if (this.consumer) throw new Error('BoundedQueue: next() called again before the previous call resolved');
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.holding) {
      this.holding = false;
      this.release();
    }
    if (this.queued > 0) return Promise.resolve(this.takeItem());
    if (this.closed) return Promise.resolve({ kind: 'end' });
    return new Promise<Next<T>>((resolve, reject) => {
      this.consumer = { resolve, reject };
      if (this.idle) {
        this.cancelIdle = this.idle.arm(() => {
          if (!this.consumer || this.queued > 0) return;
          const waiting = this.consumer;
          this.consumer = null;
          this.cancelIdle = null;
          waiting.resolve({ kind: 'idle' });
        });
      }
    });
  }

  /**
   * Resolves once a push would be accepted at once (fewer than capacity items in flight,
   * no producer waiting), or the queue is closed; rejects with the first error. A producer
   * that awaits it after its push goes on only once the consumer is done with what it
   * pushed (for capacity 1): it does not build the next item ahead, to wait there.
   */
  room(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.closed || this.hasRoom()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => this.roomWaiters.push({ resolve, reject }));
  }

  /** The items in order until the end (idle wake-ups are skipped); throws the first error. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      const n = await this.next();
      if (n.kind === 'end') return;
      if (n.kind === 'item') yield n.item;
    }
  }

  /** No more items: the consumer drains what was accepted; blocked and later pushes resolve false. */
  close(): void {
    if (this.closed || this.failure) return;
    this.closed = true;
    for (const p of this.producers.splice(0)) p.resolve(false);
    for (const w of this.roomWaiters.splice(0)) w.resolve();
    if (this.consumer && this.queued === 0) this.wake({ kind: 'end' });
  }

  /**
   * Fails the queue with `error` unless it already failed (the first error stays). Returns
   * the items accepted or offered and not yet taken, so their owner can settle them.
   */
  fail(error: unknown): T[] {
    if (this.failure) return [];
    this.failure = { error };
    const dropped = this.items.slice(this.head);
    this.items.length = 0;
    this.head = 0;
    for (const p of this.producers.splice(0)) {
      dropped.push(p.item);
      p.reject(error);
    }
    for (const w of this.roomWaiters.splice(0)) w.reject(error);
    if (this.consumer) {
      const waiting = this.consumer;
      this.consumer = null;
      this.stopIdle();
      waiting.reject(error);
    }
    return dropped;
  }

  /** Fails the queue with `promise`'s error as soon as it rejects (for a promise an item carries and the consumer awaits later, in order). */
  failOn(promise: Promise<unknown>): void {
    promise.then(undefined, (err: unknown) => this.fail(err));
  }

  private accept(item: T): void {
    this.used++;
    if (this.used > this.peak) this.peak = this.used;
    this.items.push(item);
    if (this.consumer) this.wake(this.takeItem());
  }

  private takeItem(): Next<T> {
    const item = this.items[this.head];
    this.items[this.head++] = undefined as T;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    this.holding = true;
    return { kind: 'item', item };
  }

  private release(): void {
    this.used--;
    const p = this.producers.shift();
    if (p) {
      this.accept(p.item);
      p.resolve(true);
    } else if (this.roomWaiters.length > 0 && this.hasRoom()) {
      for (const w of this.roomWaiters.splice(0)) w.resolve();
    }
  }

  private hasRoom(): boolean {
    return this.used < this.capacity && this.producers.length === 0;
  }

  private wake(n: Next<T>): void {
    const waiting = this.consumer!;
    this.consumer = null;
    this.stopIdle();
    waiting.resolve(n);
  }

  private stopIdle(): void {
    this.cancelIdle?.();
    this.cancelIdle = null;
  }
}
