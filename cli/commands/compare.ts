// `hunt compare A B --participants N --runs K --seed S`: two designs played by the
// same simulated participants (common random numbers), in memory, on every core; the
// differences of every figure with bootstrap intervals. See docs/what-if.md.
import { CliError, EXIT } from '../errors';
import { readValidHunt } from '../files';
import { splitArgs, valueOf } from '../args';
import { differenceTable } from '../whatif-output';
import { loadProfiles, wholeNumber } from './simulate';
import { MAX_PARTICIPANTS } from '../../engine/sim/simulation';
import { MAX_SEED } from '../../engine/sim/random';
import type { Comparison } from '../../engine/whatif/compare';
import { compareDesigns, MAX_RUNS } from '../../host/whatif/compare';
import { runCancellable } from '../cancel';

export const HELP = `Usage: hunt compare A B --participants N --runs K --seed S [options]

Plays two designs (two hunt files, or two versions of one) with the same simulated
participants: run k of each uses seed S+k, so the same people, with the same luck,
play both, and differences come from the design. Nothing is stored. Prints every
figure for A and B, the difference B − A and its bootstrap confidence interval; a
difference is called only where the interval excludes zero.

Options:
  --participants N  participants a run (1 to ${MAX_PARTICIPANTS.toLocaleString('en-US')})
  --runs K          runs a design (1 to ${MAX_RUNS.toLocaleString('en-US')}); intervals need K ≥ 2
  --seed S          the first seed (0 to ${MAX_SEED}); also seeds the bootstrap
  --profiles FILE   a profiles file or a preset list (as for hunt simulate)
  --workers W       worker threads (default: one per core); never changes the result
  --resamples R     bootstrap resamples (default 2000)
  --json            print the comparison as JSON
  -h, --help        show this help

Press Ctrl-C to cancel. Exit status: 0 done, 1 a hunt is not valid, 2 unusable
arguments or files, 130 cancelled.
`;

export async function run(args: string[]): Promise<number> {
  const p = splitArgs(args, { values: ['--participants', '--runs', '--seed', '--profiles', '--workers', '--resamples'], flags: ['--json'], help: HELP });
  if (p.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (p.positional.length !== 2) throw new CliError(`two hunt files expected (A and B), got ${p.positional.length}\n\n${HELP}`);
  const need = (name: string) => {
    const v = valueOf(p, name);
    if (v === undefined) throw new CliError(`${name} is required\n\n${HELP}`);
    return v;
  };
  const participants = wholeNumber('--participants', need('--participants'), 1, MAX_PARTICIPANTS);
  const runs = wholeNumber('--runs', need('--runs'), 1, MAX_RUNS);
  const seed = wholeNumber('--seed', need('--seed'), 0, MAX_SEED - runs + 1);
  const workers = valueOf(p, '--workers') === undefined ? undefined : wholeNumber('--workers', valueOf(p, '--workers')!, 1, 256);
  const resamples = valueOf(p, '--resamples') === undefined ? undefined : wholeNumber('--resamples', valueOf(p, '--resamples')!, 100, 100_000);
  const [fileA, fileB] = p.positional;
  const a = readValidHunt('compare', fileA);
  if (!a) return EXIT.invalid;
  const b = readValidHunt('compare', fileB);
  if (!b) return EXIT.invalid;
  const profiles = loadProfiles(valueOf(p, '--profiles') ?? null);

  return runCancellable('compare', 'comparing', async ({ signal, bar }) => {
    const comparison = await compareDesigns({
      a,
      b,
      profiles,
      participants,
      runs,
      seed,
      workers,
      resamples,
      signal,
      onProgress: (f) => bar.update(f, `${runs} runs × 2 designs × ${participants.toLocaleString('en-US')} participants`),
    });
    bar.done();
    const files = { a: { file: fileA, hunt: a.id }, b: { file: fileB, hunt: b.id } };
    if (p.flags.has('--json')) process.stdout.write(JSON.stringify({ ...files, profiles: valueOf(p, '--profiles') ?? 'default', comparison }, null, 2) + '\n');
    else process.stdout.write(formatComparison(fileA, fileB, comparison));
    return EXIT.ok;
  });
}

export function formatComparison(fileA: string, fileB: string, c: Comparison): string {
  const headline = c.metrics.filter((m) => m.step === undefined);
  const perStep = c.metrics.filter((m) => m.step !== undefined);
  const called = perStep.filter((m) => m.verdict !== null);
  const out = [
    `Compared A = ${fileA} and B = ${fileB}`,
    `${c.runs} run${c.runs === 1 ? '' : 's'} a design × ${c.participants.toLocaleString('en-US')} participants, seeds ${c.seeds[0]}–${c.seeds[c.seeds.length - 1]}, the same participants in both`,
    `Differences are B − A, averaged over the runs; intervals from ${c.resamples.toLocaleString('en-US')} bootstrap resamples of the run pairs.`,
    c.runs < 2 ? 'With one run a design there is no interval: use --runs 2 or more to call differences.' : null,
    '',
    differenceTable(headline, undefined, c.level).trimEnd(),
    '',
    called.length === 0
      ? `Steps: no difference called in any of the ${perStep.length} per-step figures (reached, solved, failed, stuck, median time, hints).`
      : `Steps: differences called (${called.length} of ${perStep.length} per-step figures; the others show none):`,
    called.length === 0 ? null : differenceTable(called, undefined, c.level).trimEnd(),
    c.stepsOnlyInA.length ? `Only in A (not compared): ${c.stepsOnlyInA.join(', ')}` : null,
    c.stepsOnlyInB.length ? `Only in B (not compared): ${c.stepsOnlyInB.join(', ')}` : null,
  ];
  return out.filter((l) => l !== null).join('\n') + '\n';
}
