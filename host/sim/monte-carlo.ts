// Monte Carlo: the same hunt and population under K seeds (seed, seed+1, ...),
// each stored as its own run, and the spread of the headline figures across them.
import { monteCarloSpread, type MonteCarloSpread } from '../../engine/analytics/spread';
import { runSimulation, type SimulateOptions, type SimulationOutcome } from './run';

export type MonteCarloOutcome = { runs: SimulationOutcome[]; spread: MonteCarloSpread; cancelled: boolean };

export async function runMonteCarlo(
  opts: SimulateOptions & { runs: number; onRunDone?: (k: number, outcome: SimulationOutcome) => void },
): Promise<MonteCarloOutcome> {
  if (!Number.isInteger(opts.runs) || opts.runs < 1 || opts.runs > 10_000) throw new Error(`runs: must be a whole number from 1 to 10000 (got ${opts.runs})`);
  const outcomes: SimulationOutcome[] = [];
  let cancelled = false;
  for (let k = 0; k < opts.runs; k++) {
    const seed = opts.seed + k;
    const outcome = await runSimulation({
      ...opts,
      seed,
      name: opts.name ? `${opts.name} (${k + 1}/${opts.runs})` : undefined,
      // Only the first run's log goes to --out: one file, one log.
      out: k === 0 ? opts.out : undefined,
      keepResults: false,
    });
    if (outcome.status === 'cancelled') {
      cancelled = true;
      break;
    }
    outcomes.push(outcome);
    opts.onRunDone?.(k, outcome);
  }
  return { runs: outcomes, spread: monteCarloSpread(outcomes.map((o) => ({ seed: o.seed, summary: o.summary }))), cancelled };
}
