// The simulation's scheduler: a binary min-heap of (time, participant index), one
// entry per participant that has something left to do. Ties on time are broken by
// the index, so the merged log is the same however the heap happens to be built.
// Plain typed arrays keep 100k entries at a few hundred kilobytes.
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

  private less(i: number, j: number): boolean {
    const a = this.times[i];
    const b = this.times[j];
    return a < b || (a === b && this.ids[i] < this.ids[j]);
  }

  private swap(i: number, j: number): void {
    const t = this.times[i];
    this.times[i] = this.times[j];
    this.times[j] = t;
    const d = this.ids[i];
    this.ids[i] = this.ids[j];
    this.ids[j] = d;
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
    let i = this.n++;
    this.times[i] = time;
    this.ids[i] = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  peekTime(): number {
    return this.n === 0 ? Infinity : this.times[0];
  }

  /** Removes the earliest entry and returns its participant index (-1 when empty). */
  pop(): number {
    if (this.n === 0) return -1;
    const top = this.ids[0];
    this.n--;
    if (this.n > 0) {
      this.times[0] = this.times[this.n];
      this.ids[0] = this.ids[this.n];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.n && this.less(l, m)) m = l;
        if (r < this.n && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}
