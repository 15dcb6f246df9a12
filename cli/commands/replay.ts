// `hunt replay HUNT LOG [--json] [--until T]`: replays an event log against a hunt
// (spec §3) and prints the result (spec §4). The log is streamed line by line, so
// a log of any length replays in the memory its participants need.
import { createReadStream, openSync, closeSync, fstatSync } from 'node:fs';
import { CliError, EXIT } from '../errors';
import { readValidHunt } from '../files';
import { describeFsError } from '../../host/fs-errors';
import { compileHunt } from '../../engine/hunt/compile';
import { splitLineChunks } from '../../engine/log/lines';
import { formatReplayReport, replayJsonPieces } from '../../engine/replay/report';
import { replayToOutcome } from '../../engine/replay/replay';

export const HELP = `Usage: hunt replay HUNT LOG [--json] [--until T] [--db FILE]

Replays the event log LOG (*.jsonl, one event a line; "-" reads standard input)
against the hunt file HUNT and prints the result: participants ranked by score,
then finish time, then id, and the rejected lines grouped by reason.

Options:
  --json       print the result as JSON (the format of spec §4)
  --until T    read only the lines up to time T (seconds, a number ≥ 0) and take
               the result at T: deadlines up to T are applied, endTime is T
  --db FILE    also store the run (its every line, verdict and checkpoints) in the
               database FILE, for \`hunt runs\`, \`export\`, \`inspect\` and \`resume\`;
               without it nothing is stored (see docs/storage.md)
  -h, --help   show this help

Exit status:
  0  the log was replayed (rejected lines included)
  1  the hunt file is not a valid hunt (its errors are printed)
  2  unusable arguments, or a file that cannot be read, or a hunt that is not JSON

How the engine applies events, deadlines and --until is described in docs/engine-rules.md.
`;

type Options = { hunt: string; log: string; json: boolean; until?: number; db?: string };

function parseUntil(text: string | undefined): number {
  if (text === undefined || text === '') throw new CliError(`--until needs a time in seconds, e.g. --until 600\n\n${HELP}`);
  const t = Number(text);
  if (!/^\s*[0-9.eE+-]+\s*$/.test(text) || !Number.isFinite(t) || t < 0) {
    throw new CliError(`--until: "${text}" is not a time in seconds (a number ≥ 0 such as 600 or 90.5)`);
  }
  return t;
}

function parseArgs(args: string[]): Options | 'help' {
  const files: string[] = [];
  let json = false;
  let until: number | undefined;
  let db: string | undefined;
  let optionsDone = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (optionsDone || a === '-' || !a.startsWith('-')) files.push(a);
    else if (a === '--') optionsDone = true;
    else if (a === '--help' || a === '-h') return 'help';
    else if (a === '--json') json = true;
    else if (a === '--until') until = parseUntil(args[++k]);
    else if (a.startsWith('--until=')) until = parseUntil(a.slice('--until='.length));
    else if (a === '--db' || a.startsWith('--db=')) db = a === '--db' ? args[++k] : a.slice('--db='.length);
    else throw new CliError(`unknown option "${a}"\n\n${HELP}`);
  }
  if (files.length !== 2) {
    const what = files.length < 2 ? `needs a hunt file and a log file (got ${files.length})` : `takes two files, got ${files.length}: ${files.join(', ')}`;
    throw new CliError(`${what}\n\n${HELP}`);
  }
  if (db !== undefined && (db === '' || db.startsWith('-'))) throw new CliError(`--db needs a database file\n\n${HELP}`);
  if (db !== undefined && until !== undefined) throw new CliError('--db stores whole runs: it cannot be combined with --until (use `hunt inspect` on the stored run instead)');
  return { hunt: files[0], log: files[1], json, until, db };
}

/**
 * Opens the log for streaming, or fails now (exit 2, naming the file) rather than half-way.
 * It is read as UTF-8 text by Node's own decoder: the lines it yields parsed about a third
 * faster with JSON.parse than those of a TextDecoder's output (docs/performance.md).
 */
function openLog(path: string): AsyncIterable<Uint8Array | string> {
  if (path === '-') return process.stdin.setEncoding('utf8');
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new CliError(`${path}: ${describeFsError(err)}`, EXIT.usage);
  }
  if (fstatSync(fd).isDirectory()) {
    closeSync(fd);
    throw new CliError(`${path}: is a directory, not a file`, EXIT.usage);
  }
  return createReadStream(path, { fd, highWaterMark: 1 << 20, encoding: 'utf8' });
}

/** Reads lines (in arrays), turning a read error in the middle of the log into a CliError naming the file. */
async function* logLineChunks(path: string, source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string[]> {
  try {
    yield* splitLineChunks(source);
  } catch (err) {
    throw new CliError(`${path}: ${describeFsError(err)}`, EXIT.usage);
  }
}

/** Writes pieces to stdout, waiting when the pipe is full so a huge result never piles up in memory. */
async function writeAll(pieces: Iterable<string>): Promise<void> {
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= 1 << 16) {
      if (!process.stdout.write(buffer)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      buffer = '';
    }
  }
  if (buffer) process.stdout.write(buffer);
}

export async function run(args: string[]): Promise<number> {
  const options = parseArgs(args);
  if (options === 'help') {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const valid = readValidHunt('replay', options.hunt);
  if (!valid) return EXIT.invalid;
  const hunt = compileHunt(valid);
  const source = openLog(options.log);

  // Progress for people watching a long replay (never mixed into stdout).
  const showProgress = process.stderr.isTTY === true;
  const outcome = options.db
    ? // Loaded only for --db: a replay that stores nothing does not load SQLite and the durable pipeline.
      await (await import('./store-replay')).storeReplay(options.db, valid, options.log, logLineChunks(options.log, source))
    : await replayToOutcome(hunt, logLineChunks(options.log, source), {
    until: options.until,
    progressEvery: 1_000_000,
    onProgress: showProgress ? (n) => process.stderr.write(`\rreplaying ${options.log}: ${n.toLocaleString('en-US')} lines…`) : undefined,
  });
  if (showProgress && outcome.events >= 1_000_000) process.stderr.write('\n');

  if (options.json) await writeAll(replayJsonPieces(outcome));
  else await writeAll([formatReplayReport(outcome, options.until !== undefined)]);
  return EXIT.ok;
}
