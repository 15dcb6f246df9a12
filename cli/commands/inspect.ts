// `hunt inspect RUN --at SEQ [--participant P] [--json]`: the state of a stored run
// as of its event SEQ: that event and its verdict, the counters through it, and
// either one participant in detail or a page of participants.
import { CliError, EXIT } from '../errors';
import { compiledHuntOf, participantAt, participantsAt, runPoint, type ParticipantAt } from '../../host/store/seek';
import { stepWindows, type StepWindow } from '../../engine/rules';
import { lastAppliedSubmit } from '../../db/events';
import type { Db } from '../../db/open';
import { formatSeconds } from '../../engine/replay/report';
import { asCliError, databasePath, openForCli, parseCommon, onlyRunId, runSummary } from './runs';

export const HELP = `Usage: hunt inspect RUN --at SEQ [--participant P] [--json] [--db FILE]

Shows run RUN (see \`hunt runs\`) as it stood right after its event number SEQ
(events are numbered from 1 in the order they were processed; blank lines are not
events): that event and whether it was applied, the counts so far, and the state of
one participant (--participant) or of the participants in id order (a page at a time).
Deadlines are applied up to the log clock at that event, as \`hunt replay --until\` does.

Options:
  --at SEQ          the event to stop at (1 to the run's number of events)
  --participant P   show this participant's steps in detail
  --offset N        skip the first N participants of the list (default 0)
  --limit N         show N participants of the list (default 20)
  --json            print JSON
  --db FILE         the database (default: the studio's database, printed on standard error)
  -h, --help        show this help

Exit status: 0 shown; 2 unusable arguments, unknown run or event, or a database that cannot be used.
`;

function wholeNumber(name: string, text: string, min: number): number {
  if (!/^[0-9]+$/.test(text) || Number(text) < min) throw new CliError(`${name}: "${text}" is not a whole number ≥ ${min}`);
  return Number(text);
}

const fmtTime = (t: number | null) => (t === null ? '-' : formatSeconds(t));

/** A step's window for the WINDOW column: "opens 1800, closes 4800, fails at 4800" ('-' when it has none). */
function windowCell(w: StepWindow, status: string): string {
  const parts: string[] = [];
  if (w.opensAt !== null) parts.push(`opens ${fmtTime(w.opensAt)}`);
  if (w.closesAt !== null) parts.push(`closes ${fmtTime(w.closesAt)}`);
  if (w.deadlineAt !== null && status !== 'solved' && status !== 'failed') parts.push(`deadline ${fmtTime(w.deadlineAt)}`);
  if (w.next) parts.push(`${w.next.kind === 'opens' ? 'opens' : 'fails'} at ${fmtTime(w.next.at)}`);
  return parts.length ? parts.join(', ') : '-';
}

/** A pending step's submission as found in the log. */
export type Submitted = { step: string; ref: string; t: number; seq: number };

function participantText(x: ParticipantAt, windows: StepWindow[], submitted: Submitted[]): string {
  const s = x.state;
  const head = `participant ${x.id}${s.name ? ` (${s.name})` : ''}: ${s.status}, score ${x.result.score}, joined at ${fmtTime(s.joinedAt)}` +
    (s.finishedAt !== null ? `, finished at ${fmtTime(s.finishedAt)}` : '') + `, hints used ${s.hintsUsed}` +
    (s.adjusted !== undefined ? `, organiser adjustments ${s.adjusted > 0 ? '+' : ''}${s.adjusted}` : '') +
    (s.extendedSec !== undefined ? `, time extended by ${formatSeconds(s.extendedSec)} s` : '') +
    x.rotations.map((r) => `\n  rotation ${r.group} (join #${(s.joinIndex ?? 0) + 1}): ${r.order.join(' → ')}`).join('');
  const withWindows = windows.some((w) => w.opensAt !== null || w.closesAt !== null || w.deadlineAt !== null);
  const rows = [['STEP', 'STATUS', 'AVAILABLE', 'DONE', 'WRONG', 'HINTS', 'POINTS', 'SCORE', ...(withWindows ? ['WINDOW'] : [])]];
  x.steps.forEach((b, i) => {
    rows.push([b.id, b.status, fmtTime(b.availableAt), fmtTime(b.doneAt), String(b.wrongAttempts), String(b.hintsTaken), String(b.points), String(b.score), ...(withWindows ? [windowCell(windows[i], b.status)] : [])]);
  });
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const table = rows.map((r) => '  ' + r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  const pending = submitted.map((p) => `  awaiting judgement: ${p.step}, submitted at ${fmtTime(p.t)} (event ${p.seq}): ${p.ref}`);
  return [head, ...table, ...pending].join('\n');
}

/** For each pending step of P, the applied submit that made it pending (the last one on it up to seq). */
function submissionsOf(db: Db, runId: number, x: ParticipantAt, seq: number): Submitted[] {
  const out: Submitted[] = [];
  for (const b of x.steps) {
    if (b.status !== 'pending') continue;
    const e = lastAppliedSubmit(db, runId, x.id, b.id, seq);
    const ref = e ? (JSON.parse(e.raw) as { ref?: unknown }).ref : undefined;
    if (e && typeof ref === 'string' && e.t !== null) out.push({ step: b.id, ref, t: e.t, seq: e.seq });
  }
  return out.sort((a, b) => a.seq - b.seq);
}

export async function run(args: string[]): Promise<number> {
  let at: number | undefined;
  let participant: string | undefined;
  let offset = 0;
  let limit = 20;
  const opts = parseCommon(args, HELP, {
    '--at': (v) => (at = wholeNumber('--at', v, 1)),
    '--participant': (v) => (participant = v),
    '--offset': (v) => (offset = wholeNumber('--offset', v, 0)),
    '--limit': (v) => (limit = wholeNumber('--limit', v, 1)),
  });
  if (opts.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const runId = onlyRunId(opts.positional, HELP);
  if (at === undefined) throw new CliError(`needs --at SEQ, the event to inspect the run at\n\n${HELP}`);
  const file = databasePath(opts.db);
  const db = openForCli(file);
  try {
    let point;
    try {
      point = runPoint(db, file, runId, at);
    } catch (err) {
      if (err instanceof RangeError) throw new CliError(`--at ${at}: ${err.message}`, EXIT.usage);
      throw err;
    }
    const detail = participant !== undefined ? participantAt(db, file, runId, at, participant, point.clock) : null;
    if (participant !== undefined && !detail) {
      throw new CliError(`run ${runId} has no participant "${participant}" at event ${at} (it never joined, or joined later)`, EXIT.usage);
    }
    const page = participant === undefined ? participantsAt(db, file, runId, at, { offset, limit }) : null;
    const e = point.event;
    if (opts.json) {
      const out = {
        run: runSummary(point.run),
        seq: at,
        event: { seq: e.seq, line: e.line, t: e.t, p: e.p, type: e.type, raw: e.raw, rejected: e.rejection },
        clock: point.clock,
        applied: point.applied,
        rejected: point.rejected,
        participants: point.participants,
        ...(detail
          ? {
              participant: {
                id: detail.id,
                state: detail.state,
                result: detail.result,
                steps: detail.steps,
                windows: stepWindows(compiledHuntOf(db, point.run), detail.state),
                submissions: submissionsOf(db, runId, detail, at),
              },
            }
          : {}),
        ...(page ? { page: { offset, limit, participants: page.participants.map((x) => x.result) } } : {}),
      };
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      return EXIT.ok;
    }
    const r = point.run;
    const lines = [
      `run ${r.id} (${r.kind} "${r.name}", hunt ${r.huntId}, ${r.status}) at event ${at} of ${r.events}`,
      `  event ${at}, line ${e.line}: ${e.raw}`,
      `  ${e.rejection === null ? 'applied' : `rejected: ${e.rejection}`}`,
      `log clock ${fmtTime(point.clock)}; ${at} events so far: ${point.applied} applied, ${point.rejected} rejected; ${point.participants} participants joined`,
    ];
    if (detail) lines.push('', participantText(detail, stepWindows(compiledHuntOf(db, point.run), detail.state), submissionsOf(db, runId, detail, at)));
    if (page) {
      lines.push('');
      if (page.participants.length === 0) lines.push(offset > 0 ? `no participants after the first ${offset}` : 'no participants yet');
      else {
        const rows = [['PARTICIPANT', 'STATUS', 'SCORE', 'SOLVED', 'FAILED', 'HINTS', 'FINISHED']];
        for (const x of page.participants) {
          const res = x.result;
          rows.push([x.id, res.status, String(res.score), String(res.solved.length), String(res.failed.length), String(res.hintsUsed), fmtTime(res.finishedAt)]);
        }
        const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
        lines.push(...rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()));
        const shownTo = offset + page.participants.length;
        if (shownTo < page.total || offset > 0) lines.push(`participants ${offset + 1}–${shownTo} of ${page.total} (use --offset and --limit for more)`);
      }
    }
    process.stdout.write(lines.join('\n') + '\n');
    return EXIT.ok;
  } catch (err) {
    throw asCliError(err);
  } finally {
    db.close();
  }
}
