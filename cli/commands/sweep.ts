// `hunt sweep HUNT --vary PATH=FROM..TO:STEP [--vary ...] --runs K`: one or two
// fields of the hunt or of the profiles varied over a range, K in-memory runs a point;
// each point's figures print as soon as it is done. See docs/what-if.md.
import { CliError, EXIT } from '../errors';
import { readValidHunt } from '../files';
import { splitArgs, valueOf } from '../args';
import { runCancellable } from '../cancel';
import { formatValue } from '../whatif-output';
import { loadProfiles, wholeNumber } from './simulate';
import { MAX_PARTICIPANTS } from '../../engine/sim/simulation';
import { MAX_SEED } from '../../engine/sim/random';
import { grid, parseVary, type Axis, type PointMetric, type PointResult } from '../../engine/whatif/sweep';
import { runMetrics } from '../../engine/whatif/metrics';
import { RunAnalyzer } from '../../engine/analytics/summary';
import { compileHunt } from '../../engine/hunt/compile';
import type { Hunt } from '../../engine/hunt/schema';
import { MAX_RUNS } from '../../host/whatif/compare';
import { runSweep, type Sweep } from '../../host/whatif/sweep';

const DEFAULT_METRICS = ['finishRate', 'score.p50', 'finishTime.p50', 'hintsPerParticipant'];

export const HELP = `Usage: hunt sweep HUNT --vary PATH=FROM..TO:STEP [--vary ...] --runs K [options]

Varies one or two numeric fields over a range and simulates every point K times in
memory (nothing is stored), with the same seeds at every point. Each point prints as
soon as it is done; a point the change makes invalid is reported with the reason.

PATH is a field of the hunt (a JSON pointer; in a list, an id picks the item) or of
the profiles (profiles/NAME/..., profiles/*/... for every profile), for example:
  /locations/gate/radiusM   /steps/riddle/timeLimitSec   /steps/riddle/hints/0/penalty
  profiles/*/walk/gpsNoiseM   profiles/casual/walk/speedMps

Options:
  --vary PATH=FROM..TO:STEP  a field and its values (once or twice)
  --runs K          runs a point (1 to ${MAX_RUNS.toLocaleString('en-US')}); intervals need K ≥ 2
  --participants N  participants a run (default 1000)
  --seed S          the first seed (default 1)
  --profiles FILE   a profiles file or a preset list (as for hunt simulate)
  --metric KEY      a figure to show (repeatable; default ${DEFAULT_METRICS.join(', ')});
                    per step: step/ID/reached|solved|failed|stuck|medianTimeSec|hints
  --workers W       worker threads (default: one per core); never changes the result
  --json            one JSON line a point as it is done, then the whole sweep
  -h, --help        show this help

Press Ctrl-C to cancel. Exit status: 0 done, 1 the hunt is not valid, 2 unusable
arguments or files, 130 cancelled.
`;

export async function run(args: string[]): Promise<number> {
  const p = splitArgs(args, {
    values: ['--vary', '--runs', '--participants', '--seed', '--profiles', '--metric', '--workers'],
    repeatable: ['--vary', '--metric'],
    flags: ['--json'],
    help: HELP,
  });
  if (p.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (p.positional.length !== 1) throw new CliError(`one hunt file expected, got ${p.positional.length}\n\n${HELP}`);
  const runsText = valueOf(p, '--runs');
  if (runsText === undefined) throw new CliError(`--runs is required\n\n${HELP}`);
  const runs = wholeNumber('--runs', runsText, 1, MAX_RUNS);
  const participants = wholeNumber('--participants', valueOf(p, '--participants') ?? '1000', 1, MAX_PARTICIPANTS);
  const seed = wholeNumber('--seed', valueOf(p, '--seed') ?? '1', 0, MAX_SEED - runs + 1);
  const workers = valueOf(p, '--workers') === undefined ? undefined : wholeNumber('--workers', valueOf(p, '--workers')!, 1, 256);
  const varies = p.values.get('--vary') ?? [];
  if (varies.length === 0 || varies.length > 2) throw new CliError(`--vary: give one or two fields to vary (got ${varies.length})\n\n${HELP}`);
  let axes: Axis[];
  try {
    axes = varies.map(parseVary);
    grid(axes);
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  const metricKeys = p.values.get('--metric') ?? DEFAULT_METRICS;
  const hunt = readValidHunt('sweep', p.positional[0]);
  if (!hunt) return EXIT.invalid;
  checkMetricKeys(hunt, metricKeys);
  const profiles = loadProfiles(valueOf(p, '--profiles') ?? null);
  const json = p.flags.has('--json');

  const total = axes.reduce((n, a) => n * a.values.length, 1);
  let shown = 0;
  if (!json) process.stdout.write(`Sweep of ${p.positional[0]}: ${total} point${total === 1 ? '' : 's'} × ${runs} run${runs === 1 ? '' : 's'} × ${participants.toLocaleString('en-US')} participants, seeds ${seed}–${seed + runs - 1}\n${header(axes, metricKeys)}\n`);
  const cancelledNote = () => ` after ${shown} of ${total} points`;
  return runCancellable(
    'sweep',
    'sweeping',
    async ({ signal, bar }) => {
      const write = (text: string) => {
        bar.done();
        process.stdout.write(text);
      };
      const sweep = await runSweep({
        hunt,
        profiles,
        axes,
        participants,
        runs,
        seed,
        workers,
        signal,
        onProgress: (f) => bar.update(f, `${shown}/${total} points`),
        onPoint: (point) => {
          shown++;
          write(json ? JSON.stringify({ type: 'point', ...point }) + '\n' : formatPoint(axes, metricKeys, point) + '\n');
        },
      });
      bar.done();
      if (json) write(JSON.stringify({ type: 'sweep', ...sweep }) + '\n');
      else if (axes.length === 2) write('\n' + formatGrid(sweep, metricKeys[0]));
      return EXIT.ok;
    },
    cancelledNote,
  );
}

/** The figures a run of this hunt has, from the summary of nobody (every step is in its funnel). */
function checkMetricKeys(hunt: Hunt, keys: string[]): void {
  const known = new Set(runMetrics(new RunAnalyzer(compileHunt(hunt)).summary()).info.map((m) => m.key));
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length > 0) throw new CliError(`--metric ${unknown.join(', ')}: no such figure; the figures are ${[...known].join(', ')}`);
}

const COLUMN = 26;

function header(axes: Axis[], keys: string[]): string {
  return [...axes.map((a) => a.path.text.padEnd(Math.max(12, a.path.text.length))), ...keys.map((k) => k.padStart(COLUMN))].join('  ');
}

function cell(m: PointMetric | undefined): string {
  if (!m) return '–';
  const v = formatValue(m.mean, m.unit);
  return m.ci ? `${v} [${formatValue(m.ci.lo, m.unit)}, ${formatValue(m.ci.hi, m.unit)}]` : v;
}

export function formatPoint(axes: Axis[], keys: string[], point: PointResult): string {
  const values = axes.map((a, i) => String(point.values[i]).padEnd(Math.max(12, a.path.text.length)));
  if (!point.ok) return [...values, `not run: ${point.problem}`].join('  ');
  const byKey = new Map(point.metrics.map((m) => [m.key, m]));
  return [...values, ...keys.map((k) => cell(byKey.get(k)).padStart(COLUMN))].join('  ');
}

/** Two axes: the first figure as a table, rows the first axis, columns the second. */
export function formatGrid(s: Sweep, key: string): string {
  const [rows, cols] = s.axes;
  const byValues = new Map(s.points.map((p) => [p.values.join(','), p]));
  const lines = [`${key} (rows ${rows.path}, columns ${cols.path}):`];
  const width = 10;
  lines.push(''.padEnd(width) + cols.values.map((v) => String(v).padStart(width)).join(''));
  for (const r of rows.values) {
    const cells = cols.values.map((c) => {
      const p = byValues.get(`${r},${c}`);
      if (!p || !p.ok) return 'invalid'.padStart(width);
      const m = p.metrics.find((x) => x.key === key);
      return (m ? formatValue(m.mean, m.unit) : '–').padStart(width);
    });
    lines.push(String(r).padEnd(width) + cells.join(''));
  }
  return lines.join('\n') + '\n';
}
