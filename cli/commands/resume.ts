// `hunt resume RUN [--db FILE] [--workers W] [--json]`: finishes a run that was
// interrupted (its process was killed or crashed) or cancelled, from its last
// checkpoint, and prints its result as `hunt replay` does.
import { CliError, EXIT } from '../errors';
import { resumeRun } from '../../host/store/resume';
// Registers the `simulation` source kind, so a simulation run is regenerated from its seed.
import '../../host/sim/source';
import { resultToOutcome } from '../../host/store/replay-log';
import { formatReplayReport, replayJsonPieces } from '../../engine/replay/report';
import { ProgressBar } from '../progress';
import { asCliError, databasePath, parseCommon, onlyRunId, openForCli, requireRun } from './runs';
import { availableParallelism } from 'node:os';
import { tuningProfile } from '../../host/tuning';
import { followParent, relaunchForProfile } from '../relaunch';

export const HELP = `Usage: hunt resume RUN [--db FILE] [--workers W] [--json]

Finishes run RUN (see \`hunt runs\`) after an interruption: the run's state is
restored from its last checkpoint, the events stored after it are checked again, and
the rest of its source (the log file, or the simulation's seed) is processed. The
result is the one an uninterrupted run gives. Works for runs whose status is
interrupted, cancelled or failed.

Options:
  --workers W   worker threads (default: one per core); any W gives the same result
  --json        print the result as JSON (the format of spec §4)
  --db FILE     the database (default: the studio's database, printed on standard error)
  -h, --help    show this help

Exit status: 0 finished; 2 unusable arguments, a run that cannot be resumed, or a database that cannot be used.
`;

export async function run(args: string[]): Promise<number> {
  let workers: number | undefined;
  const opts = parseCommon(args, HELP, {
    '--workers': (v) => {
      if (!/^[1-9][0-9]*$/.test(v)) throw new CliError(`--workers: "${v}" is not a whole number ≥ 1`);
      workers = Number(v);
    },
  });
  if (opts.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const runId = onlyRunId(opts.positional, HELP);
  const file = databasePath(opts.db);
  const db = openForCli(file); // also marks runs of dead processes interrupted
  let run;
  try {
    run = requireRun(db, file, runId);
  } finally {
    db.close();
  }
  // A large simulation resumes as `hunt simulate` ran it: in a process of its own with the
  // tuning profile's process settings (host/tuning.ts).
  const planned = (run.settings as { participants?: unknown } | null)?.participants;
  if (run.kind === 'simulation' && typeof planned === 'number') {
    const relaunched = relaunchForProfile(tuningProfile({ kind: 'simulation', participants: planned, steps: 0, cores: availableParallelism(), workers }));
    if (relaunched) return relaunched;
    followParent();
  }
  // Source kinds register themselves when loaded: a simulation run regenerates its lines from its seed.
  if ((run.source as { kind?: string } | null)?.kind === 'simulation') await import('../../host/sim/source');
  const bar = new ProgressBar(`resuming run ${runId}`);
  try {
    const out = await resumeRun(file, runId, {
      workers,
      onProgress: (p) => bar.update(null, `${p.processed.toLocaleString('en-US')} events`),
    });
    bar.update(null, '', true);
    if (bar.enabled) process.stderr.write('\n');
    if (!out.result) throw new CliError(`run ${runId} was cancelled`, EXIT.usage);
    process.stderr.write(`run ${runId} completed in ${file}\n`);
    const outcome = resultToOutcome(out.result);
    if (opts.json) for (const piece of replayJsonPieces(outcome)) process.stdout.write(piece);
    else process.stdout.write(formatReplayReport(outcome, false));
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CliError) throw err;
    const e = asCliError(err);
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot resume run ${runId}: ${(err as Error).message}`, EXIT.usage);
  }
}
