// `hunt runs [--db FILE] [--json]`: lists the runs stored in a database. Also holds
// what the run commands (runs, export, inspect, resume) share: the --db option with
// its per-user default, run ids, and database errors as CLI errors.
import { existsSync } from 'node:fs';
import { CliError, EXIT } from '../errors';
import { DbError } from '../../db/errors';
import { openDatabase, type Db } from '../../db/open';
import { getRun, listRuns, type RunRow } from '../../db/runs';
import { defaultDatabasePath } from '../../host/paths';

export const HELP = `Usage: hunt runs [--db FILE] [--json]

Lists the runs stored in the database: id, kind, status, hunt, name, events,
rejected lines, participants, when it started and how long it took.

Options:
  --db FILE   the database (default: the studio's database in your data folder,
              whose path is printed on standard error; HUNT_DATA_DIR overrides the folder)
  --json      print the runs as JSON
  -h, --help  show this help

Exit status: 0 listed; 2 unusable arguments or a database that cannot be used.
`;

/** The --db option: the file given, or the per-user default (announced on stderr). */
export function databasePath(given: string | undefined): string {
  if (given !== undefined) return given;
  const file = defaultDatabasePath();
  process.stderr.write(`using database ${file}\n`);
  return file;
}

/** Opens the database for a run command; a missing file or a refused file is a CliError naming it. */
export function openForCli(file: string): Db {
  if (!existsSync(file)) throw new CliError(`${file}: no such database (no run has been stored there yet)`, EXIT.usage);
  try {
    return openDatabase(file, { create: false });
  } catch (err) {
    throw asCliError(err);
  }
}

export function asCliError(err: unknown): unknown {
  return err instanceof DbError ? new CliError(err.message, EXIT.usage) : err;
}

export function parseRunId(text: string | undefined, help: string): number {
  if (text === undefined) throw new CliError(`needs a run id (see \`hunt runs\`)\n\n${help}`);
  if (!/^[1-9][0-9]*$/.test(text)) throw new CliError(`"${text}" is not a run id: run ids are whole numbers ≥ 1, as listed by \`hunt runs\``);
  return Number(text);
}

/** The one run id a command takes as its only argument. */
export function onlyRunId(positional: readonly string[], help: string): number {
  if (positional.length !== 1) throw new CliError(`needs exactly one run id\n\n${help}`);
  return parseRunId(positional[0], help);
}

/** The stored run, or an error naming the database and how to list its runs. */
export function requireRun(db: Db, file: string, runId: number): RunRow {
  const run = getRun(db, runId);
  if (!run) throw new CliError(`${file}: has no run ${runId} (see \`hunt runs --db ${file}\`)`, EXIT.usage);
  return run;
}

/** Common option parsing: --db FILE, --json, --help and the command's own options. */
export function parseCommon(
  args: string[],
  help: string,
  own: Record<string, (value: string) => void> = {},
): { positional: string[]; db?: string; json: boolean; help: boolean } {
  const out: { positional: string[]; db?: string; json: boolean; help: boolean } = { positional: [], json: false, help: false };
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const value = () => {
      const v = inline ?? args[++k];
      if (v === undefined || v === '') throw new CliError(`${name} needs a value\n\n${help}`);
      return v;
    };
    if (name === '--help' || name === '-h') out.help = true;
    else if (name === '--json') out.json = true;
    else if (name === '--db') out.db = value();
    else if (own[name]) own[name](value());
    else if (a.startsWith('-') && a !== '-') throw new CliError(`unknown option "${a}"\n\n${help}`);
    else out.positional.push(a);
  }
  return out;
}

export function runSummary(r: RunRow): Record<string, unknown> {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    status: r.status,
    hunt: r.huntId,
    huntTitle: r.huntTitle,
    huntVersion: r.huntVersion,
    seed: r.seed,
    events: r.events,
    applied: r.applied,
    rejected: r.rejected,
    participants: r.participants,
    createdAt: r.createdAt,
    durationSec: r.finishedMs === null ? null : Math.round(r.activeMs) / 1000,
    error: r.error,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c >= 5 && c <= 7 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n');
}

export async function run(args: string[]): Promise<number> {
  const opts = parseCommon(args, HELP);
  if (opts.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (opts.positional.length > 0) throw new CliError(`takes no arguments, got: ${opts.positional.join(' ')}\n\n${HELP}`);
  const file = databasePath(opts.db);
  if (!existsSync(file) && opts.db === undefined) {
    process.stdout.write(opts.json ? '[]\n' : 'no runs stored yet\n');
    return EXIT.ok;
  }
  const db = openForCli(file);
  try {
    const runs = listRuns(db);
    if (opts.json) {
      process.stdout.write(JSON.stringify(runs.map(runSummary), null, 2) + '\n');
      return EXIT.ok;
    }
    if (runs.length === 0) {
      process.stdout.write('no runs stored yet\n');
      return EXIT.ok;
    }
    const rows = [['ID', 'KIND', 'STATUS', 'HUNT', 'NAME', 'EVENTS', 'REJECTED', 'PARTICIPANTS', 'STARTED', 'TOOK']];
    for (const r of runs) {
      const took = r.finishedMs === null ? '-' : `${(r.activeMs / 1000).toFixed(1)}s`;
      rows.push([String(r.id), r.kind, r.status, r.huntId, r.name, String(r.events), String(r.rejected), String(r.participants), r.createdAt.replace('T', ' ').slice(0, 19), took]);
    }
    process.stdout.write(table(rows) + '\n');
    return EXIT.ok;
  } finally {
    db.close();
  }
}
