// One simulated run kept in memory: the generator's events are applied to its own
// participants' mirrors and summarised as participants end, without building log
// lines or going through the pipeline (nothing is stored). The summary is the one a
// stored run of the same settings gives (engine/sim/recorder.ts): what-if questions
// need outcomes, not logs.
import type { Hunt } from '../hunt/schema';
import { participantScore } from '../rules';
import { Simulation, type EndedParticipant, type SimulationSettings } from '../sim/simulation';
import { RunAnalyzer, type AnalyticsSummary } from '../analytics/summary';

/** What a what-if needs from one run: its summary and every participant's score and finish time. */
export type RunOutcome = {
  seed: number;
  summary: AnalyticsSummary;
  /** Every participant's score, by participant index. */
  scores: Float64Array;
  /** Finish time from the participant's own join, NaN for those who did not finish. */
  finishTimes: Float64Array;
  events: number;
};

/** Checks the signal this often (events): cheap, and a cancel is felt within milliseconds. */
const CHECK_EVERY = 16_384;

export type RunInMemoryOptions = {
  signal?: AbortSignal;
  /** Called now and then with the share of participants who have ended (0 to 1). */
  onProgress?: (fraction: number) => void;
  /**
   * false: the summary's `byProfile` is left empty. A comparison or a sweep reads only the
   * whole run's figures (engine/whatif/metrics.ts); each profile's tally and summary were
   * a second pass over every participant for nothing. Default true.
   */
  byProfile?: boolean;
};

export function runInMemory(hunt: Hunt, settings: SimulationSettings, opts: RunInMemoryOptions = {}): RunOutcome {
  const n = settings.participants;
  const scores = new Float64Array(n);
  const finishTimes = new Float64Array(n).fill(NaN);
  const byProfile = opts.byProfile ?? true;
  let analyzer: RunAnalyzer | null = null;
  const onEnded = (p: EndedParticipant) => {
    // As the recorder of a stored run adds them (engine/sim/recorder.ts).
    analyzer!.add(p.state, byProfile ? p.profile : null, p.submissions);
    scores[p.index] = participantScore(sim.compiled, p.state);
    if (p.state.status === 'finished' && p.state.finishedAt !== null) finishTimes[p.index] = p.state.finishedAt - p.state.joinedAt;
  };
  const sim: Simulation = new Simulation(hunt, settings, onEnded);
  analyzer = new RunAnalyzer(sim.compiled);
  let k = 0;
  while (sim.nextEvent() !== null) {
    if (++k === CHECK_EVERY) {
      k = 0;
      opts.signal?.throwIfAborted();
      opts.onProgress?.(sim.counts.ended / n);
    }
  }
  return { seed: settings.seed, summary: analyzer.summary(), scores, finishTimes, events: sim.events };
}
