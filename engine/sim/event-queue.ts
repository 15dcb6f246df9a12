// The simulation's scheduler: a binary min-heap of (time, participant index), one
// entry per participant that has something left to do. Ties on time are broken by
// the index, so the merged log is the same however the heap happens to be built:
// (time, index) pairs are all different, so any heap pops them in the one order.
// Plain typed arrays keep 100k entries at a few hundred kilobytes.
//
// The simulation wakes the earliest participant and then either drops it (it ended)
// or puts it back at its next time: `replaceTop` does the second with one sift-down
// instead of a pop and a push. Sifts move a hole rather than swapping pairs.
export class EventQueue {
  private times: Float64Array;
  private ids: Int32Array;
  private n = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(Math.max(1, capacity));
    this.ids = new Int32Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.n;
  }

  push(time: number, index: number): void {
    if (this.n === this.times.length) {
      const times = new Float64Array(this.n * 2);
      times.set(this.times);
      const ids = new Int32Array(this.n * 2);
      ids.set(this.ids);
      this.times = times;
      this.ids = ids;
    }
    const times = this.times;
    const ids = this.ids;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && ids[parent] < index)) break;
      times[i] = pt;
      ids[i] = ids[parent];
      i = parent;
    }
    times[i] = time;
    ids[i] = index;
  }

  peekTime(): number {
    return this.n === 0 ? Infinity : this.times[0];
  }

  /** The earliest entry's participant index (-1 when empty), left in the queue. */
  peek(): number {
    return this.n === 0 ? -1 : this.ids[0];
  }

  /** Removes the earliest entry and returns its participant index (-1 when empty). */
  pop(): number {
    if (this.n === 0) return -1;
    const top = this.ids[0];
    this.n--;
    if (this.n > 0) this.siftDown(this.times[this.n], this.ids[this.n]);
    return top;
  }

  /** Gives the earliest entry (precondition: there is one) the new time `time`, keeping its index. */
  replaceTop(time: number): void {
    this.siftDown(time, this.ids[0]);
  }

  /** Puts (time, index) in the hole at the root and moves it down to its place. */
  private siftDown(time: number, index: number): void {
    const times = this.times;
    const ids = this.ids;
    const n = this.n;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      // The smaller child.
      let m = l;
      let mt = times[l];
      const r = l + 1;
      if (r < n) {
        const rt = times[r];
        if (rt < mt || (rt === mt && ids[r] < ids[l])) {
          m = r;
          mt = rt;
        }
      }
      if (time < mt || (time === mt && index < ids[m])) break;
      times[i] = mt;
      ids[i] = ids[m];
      i = m;
    }
    times[i] = time;
    ids[i] = index;
  }
}
