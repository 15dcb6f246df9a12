// `hunt fork RUN --at S [--hunt FILE] [--profiles ...] --runs K`: a stored simulation
// kept up to event S and continued K times with its own design and K times with the
// edited one (the same continuation streams), compared. See docs/what-if.md.
import { CliError, EXIT } from '../errors';
import { readValidHunt } from '../files';
import { splitArgs, valueOf } from '../args';
import { runCancellable } from '../cancel';
import { differenceTable } from '../whatif-output';
import { formatSummary, loadProfiles, wholeNumber } from './simulate';
import { databasePath, openForCli, onlyRunId } from './runs';
import type { Hunt } from '../../engine/hunt/schema';
import { MAX_RUNS } from '../../host/whatif/compare';
import { forkStoredRun, type Fork } from '../../host/whatif/fork';

export const HELP = `Usage: hunt fork RUN --at S [--hunt FILE] [--profiles P] --runs K [options]

Keeps the first S events of the stored simulation RUN exactly as they were and
continues it K times with its own hunt and profiles, and K times with an edited hunt
(the same steps; anything else may change) and/or other profiles (the same names),
the two sides drawing the same luck after S. Continuation 1 of the original is the
stored run itself. Prints how the fork's outcome differs, with bootstrap intervals.

Options:
  --at S            events kept (1 to the run's last event; see hunt inspect)
  --hunt FILE       the edited hunt to continue with
  --profiles P      a profiles file or preset list to continue with
  --runs K          continuations a side (1 to ${MAX_RUNS.toLocaleString('en-US')}); intervals need K ≥ 2
  --db FILE         the database (default: the studio's database)
  --workers W       worker threads (default: one per core); never changes the result
  --json            print the fork as JSON
  -h, --help        show this help

Press Ctrl-C to cancel. Exit status: 0 done, 1 the hunt is not valid, 2 unusable
arguments, files or run, 130 cancelled.
`;

export async function run(args: string[]): Promise<number> {
  const p = splitArgs(args, { values: ['--at', '--hunt', '--profiles', '--runs', '--db', '--workers'], flags: ['--json'], help: HELP });
  if (p.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const runId = onlyRunId(p.positional, HELP);
  const need = (name: string) => {
    const v = valueOf(p, name);
    if (v === undefined) throw new CliError(`${name} is required\n\n${HELP}`);
    return v;
  };
  const at = wholeNumber('--at', need('--at'), 1, Number.MAX_SAFE_INTEGER);
  const runs = wholeNumber('--runs', need('--runs'), 1, MAX_RUNS);
  const workers = valueOf(p, '--workers') === undefined ? undefined : wholeNumber('--workers', valueOf(p, '--workers')!, 1, 256);
  let hunt: Hunt | undefined;
  const huntFile = valueOf(p, '--hunt');
  if (huntFile !== undefined) {
    const h = readValidHunt('fork', huntFile);
    if (!h) return EXIT.invalid;
    hunt = h;
  }
  const profilesSpec = valueOf(p, '--profiles');
  const profiles = profilesSpec === undefined ? undefined : loadProfiles(profilesSpec);
  const file = databasePath(valueOf(p, '--db'));
  const db = openForCli(file);
  try {
    return await runCancellable('fork', 'forking', async ({ signal, bar }) => {
      const fork = await forkStoredRun({ db, runId, at, hunt, profiles, runs, workers, signal, onProgress: (f) => bar.update(f, `${runs} continuations × 2`) });
      bar.done();
      if (p.flags.has('--json')) process.stdout.write(JSON.stringify({ db: file, hunt: huntFile ?? null, profiles: profilesSpec ?? null, ...fork }, null, 2) + '\n');
      else process.stdout.write(formatFork(fork, huntFile, profilesSpec));
      return EXIT.ok;
    });
  } finally {
    db.close();
  }
}

export function formatFork(f: Fork, huntFile: string | undefined, profiles: string | undefined): string {
  const change = [huntFile ? `hunt ${huntFile}` : null, profiles ? `profiles ${profiles}` : null].filter(Boolean).join(' and ') || 'nothing changed (fresh luck only)';
  const c = f.comparison;
  return [
    `Forked run ${f.runId} at event ${f.at.toLocaleString('en-US')}: ${c.runs} continuation${c.runs === 1 ? '' : 's'} a side × ${f.participants.toLocaleString('en-US')} participants; the fork: ${change}`,
    '',
    'The stored run (the original design, continuation 1):',
    formatSummary(f.original).split('\n').slice(0, 4).map((l) => `  ${l}`).join('\n'),
    '',
    'The fork (B) against the original design (A), over the continuations:',
    differenceTable(c.metrics.filter((m) => m.step === undefined || m.verdict !== null), { a: 'original', b: 'fork' }, c.level).trimEnd(),
  ].join('\n') + '\n';
}
