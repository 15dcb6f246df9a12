// `hunt rescore OLD NEW LOG` / `hunt rescore [OLD] NEW --run RUN`: a recorded event's
// log against an edited hunt: per participant the old and new status, score and rank,
// and the first line where the two hunts' verdicts differ. See docs/what-if.md.
import { CliError, EXIT } from '../errors';
import { readValidHunt } from '../files';
import { splitArgs, valueOf } from '../args';
import { table } from '../whatif-output';
import { databasePath, openForCli, parseRunId } from './runs';
import type { Hunt } from '../../engine/hunt/schema';
import type { Rescore, Standing } from '../../engine/whatif/rescore';
import { rescoreFile, rescoreStoredRun } from '../../host/whatif/rescore';
import { describeFsError } from '../../host/fs-errors';
import { statSync } from 'node:fs';

export const HELP = `Usage: hunt rescore OLD NEW LOG [--json]
       hunt rescore [OLD] NEW --run RUN [--db FILE] [--json]

Replays a recorded event log (a file, or the events of a stored run) against the hunt
it was played with (OLD; for a stored run, its own hunt by default) and against an
edited hunt (NEW), and lists every participant's old and new status, score and rank,
and the first line where that participant's verdicts differ. Changed ranks are marked.

Options:
  --run RUN   re-score the events of a stored run (see \`hunt runs\`)
  --db FILE   the database of --run (default: the studio's database)
  --json      print the re-score as JSON
  -h, --help  show this help

Exit status: 0 done, 1 a hunt is not valid, 2 unusable arguments, files or run.
`;

export async function run(args: string[]): Promise<number> {
  const p = splitArgs(args, { values: ['--run', '--db'], flags: ['--json'], help: HELP });
  if (p.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const runText = valueOf(p, '--run');
  const n = p.positional.length;
  if (runText === undefined ? n !== 3 : n < 1 || n > 2) {
    throw new CliError(`${runText === undefined ? 'expected OLD NEW LOG' : 'expected [OLD] NEW with --run'}, got ${n} argument${n === 1 ? '' : 's'}\n\n${HELP}`);
  }
  const hunts: Hunt[] = [];
  const huntFiles = runText === undefined ? p.positional.slice(0, 2) : p.positional;
  for (const file of huntFiles) {
    const h = readValidHunt('rescore', file);
    if (!h) return EXIT.invalid;
    hunts.push(h);
  }
  let r: Rescore;
  let source: string;
  try {
    if (runText === undefined) {
      source = p.positional[2];
      try {
        if (statSync(source).isDirectory()) throw new CliError(`${source}: is a directory, not a log file`);
      } catch (err) {
        if (err instanceof CliError) throw err;
        throw new CliError(`${source}: ${describeFsError(err)}`);
      }
      r = await rescoreFile(hunts[0], hunts[1], source);
    } else {
      const runId = parseRunId(runText, HELP);
      const file = databasePath(valueOf(p, '--db'));
      const db = openForCli(file);
      source = `run ${runId} in ${file}`;
      try {
        r = hunts.length === 2 ? await rescoreStoredRun(db, runId, hunts[1], hunts[0]) : await rescoreStoredRun(db, runId, hunts[0]);
      } finally {
        db.close();
      }
    }
  } catch (err) {
    throw err instanceof Error && !(err instanceof CliError) ? new CliError(err.message) : err;
  }
  if (p.flags.has('--json')) process.stdout.write(JSON.stringify({ source, ...r }, null, 2) + '\n');
  else process.stdout.write(formatRescore(source, r));
  return EXIT.ok;
}

const standing = (s: Standing) => `${s.status === 'timed_out' ? 'timed out' : s.status}, ${s.score}`;

export function formatRescore(source: string, r: Rescore): string {
  const head = `Re-scored ${source}: ${r.participants.length} participants, ${r.changed} changed (hunt ${r.hunts.old} → ${r.hunts.new})`;
  const rows = r.participants.map((p) => [
    p.rankChanged ? `${p.id} *` : p.id,
    String(p.old.rank),
    p.rankChanged ? `${p.new.rank} (${p.new.rank < p.old.rank ? '▲' : '▼'}${Math.abs(p.new.rank - p.old.rank)})` : String(p.new.rank),
    standing(p.old),
    standing(p.new),
    p.firstDivergence ? `line ${p.firstDivergence.line}: ${p.firstDivergence.old} → ${p.firstDivergence.new}` : '',
  ]);
  return [head, '', table(['participant', 'old rank', 'new rank', 'old (status, score)', 'new (status, score)', 'first line that differs'], rows, 99).trimEnd()]
    .concat(r.participants.some((p) => p.rankChanged) ? ['', '* rank changed'] : [])
    .join('\n') + '\n';
}
