// `hunt replay --db FILE`: the replay goes through the durable pipeline and is stored
// as a run; the printed result is the same as without --db.
import { CliError, EXIT } from '../errors';
import type { Hunt } from '../../engine/hunt/schema';
import type { ReplayOutcome } from '../../engine/replay/replay';
import { replayIntoStore } from '../../host/store/replay-log';
import type { LineStream } from '../../host/store/source';
import { asCliError } from './runs';

export async function storeReplay(db: string, hunt: Hunt, logPath: string, lines: LineStream): Promise<ReplayOutcome> {
  try {
    // A file is stored as the run's source, so the run can be resumed; standard input cannot be reread.
    const stored = await replayIntoStore({ db, hunt, logPath, name: logPath === '-' ? 'standard input' : logPath }, lines);
    process.stderr.write(`stored as run ${stored.runId} in ${db}\n`);
    return stored.outcome;
  } catch (err) {
    const e = asCliError(err);
    if (e instanceof CliError) throw e;
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot store the run in ${db}: ${(err as Error).message}`, EXIT.usage);
  }
}
