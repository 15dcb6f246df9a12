// `hunt export RUN [--db FILE] > log.jsonl`: writes a stored run's log in the event
// log format (spec §2): every stored line exactly as it was read, in order, with
// blank lines where the source had them, so line numbers (and so the rejections of
// a replay of the export) are the same as the original's.
import { EXIT } from '../errors';
import { iterateEvents } from '../../db/events';
import { asCliError, databasePath, openForCli, parseCommon, onlyRunId, requireRun } from './runs';

export const HELP = `Usage: hunt export RUN [--db FILE] > log.jsonl

Writes the event log of run RUN (see \`hunt runs\`) to standard output, one event a
line, exactly as it was processed: replaying the export against the run's hunt
gives the run's result. Blank lines of the original log are kept as blank lines so
that line numbers match.

Options:
  --db FILE   the database (default: the studio's database, printed on standard error)
  -h, --help  show this help

Exit status: 0 written; 2 unusable arguments, unknown run or a database that cannot be used.
`;

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

export async function run(args: string[]): Promise<number> {
  const opts = parseCommon(args, HELP);
  if (opts.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const runId = onlyRunId(opts.positional, HELP);
  const file = databasePath(opts.db);
  const db = openForCli(file);
  try {
    const r = requireRun(db, file, runId);
    if (r.status === 'running') process.stderr.write(`note: run ${runId} is still running; exporting the ${r.events} events stored so far\n`);
    let line = 0;
    let buffer = '';
    for (const e of iterateEvents(db, runId)) {
      buffer += '\n'.repeat(e.line - line - 1) + e.raw + '\n';
      line = e.line;
      if (buffer.length >= 1 << 16) {
        await write(buffer);
        buffer = '';
      }
    }
    if (buffer) await write(buffer);
    return EXIT.ok;
  } catch (err) {
    throw asCliError(err);
  } finally {
    db.close();
  }
}
