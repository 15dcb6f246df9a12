// The run's counters as the commit stage (or, on a resume, the verify stage) counts them,
// in log order: what each writer message and checkpoint records, and what progress shows.
import type { StatusCounts } from '../../../engine/runtime/types';

export class RunTally {
  /** Status counts at the last checkpoint (null before the first). */
  counts: StatusCounts | null = null;

  constructor(
    public applied: number,
    public rejected: number,
    public participants: number,
  ) {}

  count(type: string | null, rejection: string | null): void {
    if (rejection === null) {
      this.applied++;
      if (type === 'join') this.participants++;
    } else this.rejected++;
  }
}
