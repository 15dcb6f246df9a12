// Driving a running simulation: as fast as possible or in real time times a speed
// factor, pause, resume, single-step and cancel. The studio holds one of these per
// running simulation (runs.control); the CLI uses it for Ctrl-C. The simulation's
// line source awaits `gate()` before handing out each line, so control never
// changes WHAT is generated, only when.
export type ControlState = 'running' | 'paused' | 'cancelled';

type Waiter = () => void;

export class SimulationControl {
  private readonly abort = new AbortController();
  private _state: ControlState;
  private _speed: number;
  /** Lines still allowed through while paused (single-step). */
  private steps = 0;
  private waiters: Waiter[] = [];
  // Real-time pacing anchor: at wall time `anchorWall` (ms) the log was at `anchorVirtual` (s).
  private anchorWall = 0;
  private anchorVirtual = Number.NaN;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param speed 0 = as fast as possible; otherwise virtual seconds per wall second.
   * @param paused start paused (the studio starts a run and lets the designer step it).
   */
  constructor(opts: { speed?: number; paused?: boolean } = {}) {
    this._speed = checkSpeed(opts.speed ?? 0);
    this._state = opts.paused ? 'paused' : 'running';
  }

  get state(): ControlState {
    return this._state;
  }

  get speed(): number {
    return this._speed;
  }

  /** Aborted on cancel: pass it to the pipeline so it stops and records the run as cancelled. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  setSpeed(speed: number): void {
    this._speed = checkSpeed(speed);
    this.anchorVirtual = Number.NaN; // re-anchor at the next line
    this.wake();
  }

  pause(): void {
    if (this._state === 'running') this._state = 'paused';
  }

  resume(): void {
    if (this._state !== 'paused') return;
    this._state = 'running';
    this.steps = 0;
    this.anchorVirtual = Number.NaN;
    this.wake();
  }

  /** While paused: let `n` more lines through, then stay paused. */
  step(n = 1): void {
    if (this._state !== 'paused') return;
    this.steps += n;
    this.wake();
  }

  cancel(): void {
    if (this._state === 'cancelled') return;
    this._state = 'cancelled';
    this.abort.abort();
    this.wake();
  }

  /**
   * True while every line may go out at once: running, as fast as possible. The source
   * then hands over whole chunks without asking `gate` line by line; a pause or a speed
   * change takes effect from the next chunk.
   */
  get unthrottled(): boolean {
    return this._state === 'running' && this._speed === 0;
  }

  /**
   * Waits until the line at `virtualTime` may go out. Returns false once cancelled
   * (the source then ends).
   */
  async gate(virtualTime: number): Promise<boolean> {
    for (;;) {
      if (this._state === 'cancelled') return false;
      if (this._state === 'paused') {
        if (this.steps > 0) {
          this.steps--;
          this.anchorVirtual = Number.NaN;
          return true;
        }
        await this.sleepUntilWoken();
        continue;
      }
      if (this._speed === 0) return true;
      const now = performance.now();
      if (Number.isNaN(this.anchorVirtual)) {
        this.anchorVirtual = virtualTime;
        this.anchorWall = now;
        return true;
      }
      const due = this.anchorWall + ((virtualTime - this.anchorVirtual) * 1000) / this._speed;
      if (due <= now) return true;
      await this.sleepUntilWoken(due - now);
    }
  }

  private sleepUntilWoken(ms?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      if (ms !== undefined) this.timer = setTimeout(() => this.wake(), Math.min(ms, 1000));
    });
  }

  private wake(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }
}

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed < 0) throw new RangeError(`speed: must be 0 (as fast as possible) or a positive factor (got ${speed})`);
  return speed;
}
