// Reading stored runs: the list, one run, its events, the density strip, searching
// for events, exports, comparing two runs and analytics. Every query is paged or
// bounded by the run's own size; none holds the whole log in memory except exports.
import type { DensityStrip, EventRow, RunComparison } from '../../../api/contract';
import { ApiError } from '../../../api/errors';
import { iterateEvents } from '../../../db/events';
import { getResult } from '../../../db/results';
import { deleteRun, listRuns, type RunRow } from '../../../db/runs';
import type { ParticipantResult, ReplayResult } from '../../../engine/log/types';
import { analyzeStoredRun } from '../../sim/analytics';
import type { HandlerImpls } from '../handlers';
import { parseRunId, requireRunRow, toEventRow, toSummary, waitSettled, type RunsContext } from './context';

const EVENT_COLUMNS = 'seq, line, t, p, type, raw, rejection';

/** How long a request needing a result waits for a run that is still finishing (a replay just imported). */
export const RESULT_WAIT_MS = 30_000;

/** The run's row once it has settled (or still running after RESULT_WAIT_MS: then the caller reports a conflict). */
async function settledRow(ctx: RunsContext, runId: string): Promise<RunRow> {
  const row = requireRunRow(ctx, runId);
  await waitSettled(ctx, row.id, RESULT_WAIT_MS);
  return requireRunRow(ctx, runId);
}

function requireResult(ctx: RunsContext, row: RunRow, what: string): ReplayResult {
  const result = getResult<ReplayResult>(ctx.db(), row.id);
  if (!result) throw new ApiError('conflict', `Run ${row.id} is ${row.status}: ${what} needs a completed run.`);
  return result;
}

function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function resultsCsv(participants: ParticipantResult[]): string {
  const head = 'id,status,score,solved,failed,hintsUsed,finishedAt';
  const rows = participants.map((p) =>
    [p.id, p.status, p.score, p.solved.join(' '), p.failed.join(' '), p.hintsUsed, p.finishedAt].map(csvField).join(','),
  );
  return [head, ...rows].join('\n') + '\n';
}

function fileBase(row: RunRow): string {
  const safe = row.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return `${row.huntId}-run-${row.id}${safe ? `-${safe}` : ''}`;
}

/**
 * Events per time bucket, for the debugger's strip. Every event is counted (so the cumulative
 * counts map onto event numbers): a line without a usable time falls where the log clock was.
 */
export function densityOf(ctx: RunsContext, row: RunRow, buckets: number): DensityStrip {
  const db = ctx.db();
  const bounds = db
    .prepare(`SELECT min(t) AS lo, max(t) AS hi FROM events WHERE run_id = ? AND t IS NOT NULL AND (rejection IS NULL OR rejection <> 'time-backwards')`)
    .get(row.id) as { lo: number | null; hi: number | null };
  const firstT = bounds.lo ?? 0;
  const lastT = bounds.hi ?? 0;
  const counts = new Array<number>(buckets).fill(0);
  const rejections = new Array<number>(buckets).fill(0);
  const width = (lastT - firstT) / buckets;
  let clock = firstT;
  let events = 0;
  const stmt = db.prepare(`SELECT t, rejection FROM events WHERE run_id = ? ORDER BY seq`).raw(true);
  for (const [t, rejection] of stmt.iterate(row.id) as Iterable<[number | null, string | null]>) {
    if (t !== null && rejection !== 'time-backwards' && t >= clock) clock = t;
    const b = width > 0 ? Math.min(buckets - 1, Math.floor((clock - firstT) / width)) : 0;
    counts[b]++;
    if (rejection !== null) rejections[b]++;
    events++;
  }
  return { buckets: counts, rejections, firstT, lastT, events };
}

export function compareRuns(ctx: RunsContext, a: RunRow, b: RunRow): RunComparison {
  const ra = requireResult(ctx, a, 'comparing');
  const rb = requireResult(ctx, b, 'comparing');
  let firstDivergence: RunComparison['firstDivergence'] = null;
  const ia = iterateEvents(ctx.db(), a.id);
  const ib = iterateEvents(ctx.db(), b.id);
  for (;;) {
    const ea = ia.next();
    const eb = ib.next();
    if (ea.done && eb.done) break;
    const x = ea.done ? null : ea.value;
    const y = eb.done ? null : eb.value;
    if (!x || !y || x.raw !== y.raw || x.rejection !== y.rejection) {
      firstDivergence = { seq: (x ?? y)!.seq, a: x && toEventRow(x), b: y && toEventRow(y) };
      break;
    }
  }
  ia.return(undefined);
  ib.return(undefined);
  const byId = new Map<string, { a: ParticipantResult | null; b: ParticipantResult | null }>();
  for (const p of ra.participants) byId.set(p.id, { a: p, b: null });
  for (const p of rb.participants) byId.set(p.id, { a: byId.get(p.id)?.a ?? null, b: p });
  const differences = [...byId.entries()]
    .filter(([, v]) => JSON.stringify(v.a) !== JSON.stringify(v.b))
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([id, v]) => ({ id, ...v }));
  return { a: String(a.id), b: String(b.id), firstDivergence, differences };
}

export function queryHandlers(ctx: RunsContext): HandlerImpls {
  return {
    'runs.list': () => listRuns(ctx.db()).map((row) => toSummary(ctx, row)).reverse(),
    'runs.get': ({ runId }) => {
      const row = requireRunRow(ctx, runId);
      return { ...toSummary(ctx, row), result: getResult<ReplayResult>(ctx.db(), row.id), settings: row.settings };
    },
    'runs.delete': ({ runId }) => {
      const id = parseRunId(runId);
      if (ctx.active.has(id)) throw new ApiError('conflict', `Run ${runId} is in progress: cancel it before deleting it.`);
      const deleted = deleteRun(ctx.db(), id);
      if (deleted) ctx.bus.publish('runs.changed', { runId });
      return { deleted };
    },
    'runs.events': ({ runId, fromSeq, limit, participant }) => {
      const row = requireRunRow(ctx, runId);
      const rows =
        participant === undefined
          ? ctx.db().prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? AND seq >= ? ORDER BY seq LIMIT ?`).all(row.id, fromSeq, limit)
          : ctx.db().prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? AND p = ? AND seq >= ? ORDER BY seq LIMIT ?`).all(row.id, participant, fromSeq, limit);
      return (rows as Parameters<typeof toEventRow>[0][]).map(toEventRow);
    },
    'runs.density': ({ runId, buckets }) => densityOf(ctx, requireRunRow(ctx, runId), buckets),
    'runs.findEvent': ({ runId, fromSeq, direction, kind, participant }): EventRow | null => {
      const row = requireRunRow(ctx, runId);
      if (kind === 'participant' && participant === undefined) throw new ApiError('bad-argument', 'runs.findEvent: kind "participant" needs a participant');
      const where = kind === 'rejection' ? 'rejection IS NOT NULL' : 'p = @p';
      const order = direction === 1 ? 'seq >= @from ORDER BY seq ASC' : 'seq <= @from ORDER BY seq DESC';
      const found = ctx
        .db()
        .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = @run AND ${where} AND ${order} LIMIT 1`)
        .get({ run: row.id, from: fromSeq, ...(kind === 'participant' ? { p: participant } : {}) }) as Parameters<typeof toEventRow>[0] | undefined;
      return found ? toEventRow(found) : null;
    },
    'runs.export': async ({ runId, format }) => {
      const row = format === 'jsonl' ? requireRunRow(ctx, runId) : await settledRow(ctx, runId);
      const base = fileBase(row);
      if (format === 'jsonl') {
        const out: string[] = [];
        for (const e of iterateEvents(ctx.db(), row.id)) out.push(e.raw);
        return { fileName: `${base}.jsonl`, text: out.length ? out.join('\n') + '\n' : '' };
      }
      const result = requireResult(ctx, row, 'exporting results');
      if (format === 'json') return { fileName: `${base}.result.json`, text: JSON.stringify(result, null, 2) + '\n' };
      return { fileName: `${base}.participants.csv`, text: resultsCsv(result.participants) };
    },
    'runs.compare': async ({ a, b }) => {
      requireRunRow(ctx, a);
      requireRunRow(ctx, b);
      return compareRuns(ctx, await settledRow(ctx, a), await settledRow(ctx, b));
    },
    'runs.analytics': async ({ runId, atSeq }) => {
      const row = requireRunRow(ctx, runId);
      return analyzeStoredRun(ctx.db(), row.id, atSeq);
    },
  };
}
