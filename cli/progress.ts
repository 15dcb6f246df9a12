// A one-line progress bar for long commands, drawn on stderr only when stderr is a
// terminal (never in pipes, files or CI logs, and never mixed into stdout).
type Stream = { isTTY?: boolean; columns?: number; write(text: string): boolean };

export class ProgressBar {
  readonly enabled: boolean;
  private last = 0;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly stream: Stream = process.stderr,
    /** Least time between redraws, in ms. */
    private readonly everyMs = 100,
  ) {
    this.enabled = stream.isTTY === true;
  }

  /** `fraction` in [0, 1] (null when unknown: no bar, just the detail). */
  update(fraction: number | null, detail = '', force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < this.everyMs) return;
    this.last = now;
    this.stream.write(`\r${this.render(fraction, detail)}\x1b[K`);
    this.drawn = true;
  }

  render(fraction: number | null, detail: string): string {
    const width = Math.max(40, Math.min(this.stream.columns ?? 80, 120));
    if (fraction === null) return `${this.label} ${detail}`.slice(0, width - 1);
    const f = Math.max(0, Math.min(1, fraction));
    const pct = `${(f * 100).toFixed(0).padStart(3)}%`;
    const room = width - this.label.length - pct.length - detail.length - 6;
    const barWidth = Math.max(10, Math.min(40, room));
    const full = Math.round(f * barWidth);
    return `${this.label} [${'#'.repeat(full)}${'-'.repeat(barWidth - full)}] ${pct} ${detail}`.slice(0, width - 1);
  }

  /** Clears the bar so what follows starts on a clean line. */
  done(): void {
    if (this.enabled && this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
