// What a simulation knows about its own outcome, without replaying its log: each
// participant's result (spec §4) and the run summary, collected as participants end.
// Every simulated participant ends finished, quit or timed out (its late attempt is
// in the log), so these are final and must equal a replay of the log.
import type { CompiledHunt } from '../hunt/compile';
import type { ParticipantResult } from '../log/types';
import { participantResult } from '../rules';
import { RunAnalyzer, type AnalyticsSummary } from '../analytics/summary';
import type { EndedParticipant } from './simulation';

export class SimulationRecorder {
  private readonly results: (ParticipantResult | undefined)[] = [];
  private readonly analyzer: RunAnalyzer;

  constructor(
    private readonly h: CompiledHunt,
    private readonly keepResults = true,
  ) {
    this.analyzer = new RunAnalyzer(h);
  }

  /** Pass as the Simulation's onEnded callback. */
  readonly onEnded = (p: EndedParticipant): void => {
    if (this.keepResults) this.results[p.index] = participantResult(this.h, p.state);
    this.analyzer.add(p.state, p.profile, p.submissions);
  };

  /** Per-participant results sorted by id (ids are zero-padded, so index order is code-point order). */
  participants(): ParticipantResult[] {
    return this.results.filter((r): r is ParticipantResult => r !== undefined);
  }

  summary(): AnalyticsSummary {
    return this.analyzer.summary();
  }
}
