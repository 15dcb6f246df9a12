// The run reports that read a whole log: analytics, the density strip, exports and
// comparisons. Plain functions over a database connection, so they run in a query
// worker thread (query.worker.ts) and never hold up the host's main thread.
import type { ParticipantFilter, RunAnalytics, RunComparison, SortKey } from '../../../api/contract';
import type { Db } from '../../../db/open';
import { iterateEvents, type StoredEvent } from '../../../db/events';
import { getResult } from '../../../db/results';
import { getRun, type RunRow } from '../../../db/runs';
import { joinSeqOf } from '../../../db/joins';
import type { ParticipantResult, RejectionReason, ReplayResult } from '../../../engine/log/types';
import { storedRunReport } from '../../sim/analytics';
import { analyticsOf } from '../../../engine/analytics/from-log';
import { compareRunChanges, type ComparedRun } from '../../../engine/analytics/run-changes';
import { loadHuntVersion } from '../../../db/hunts';
import { inspectAt, participantsPage, sortedParticipants } from './inspect';
import { participantHistory } from './history';
import { densityOf } from './density';

export type ReportRequest =
  | { kind: 'analytics'; runId: number; atSeq?: number }
  | { kind: 'density'; runId: number; buckets: number }
  | { kind: 'export'; runId: number; format: 'jsonl' | 'json' | 'csv' }
  | { kind: 'compare'; a: number; b: number }
  | { kind: 'changes'; a: number; b: number }
  | { kind: 'participants'; runId: number; atSeq: number; sort: SortKey; desc: boolean; offset: number; limit: number; filter?: ParticipantFilter }
  // Stepping through a run (answered by workers of their own, see queryClient.ts):
  | { kind: 'inspect'; runId: number; atSeq: number; participant: string }
  | { kind: 'history'; runId: number; atSeq: number; participant: string }
  | { kind: 'page'; runId: number; atSeq: number; offset: number; limit: number };

/**
 * A report that cannot be made: no result yet (the handler answers `conflict`), or no such
 * participant at that event (`not-found`).
 */
export type ReportOutcome = { ok: true; value: unknown } | { ok: false; conflict: string } | { ok: false; notFound: string };

function eventRow(e: StoredEvent) {
  return { seq: e.seq, line: e.line, t: e.t, p: e.p, type: e.type, raw: e.raw, rejected: (e.rejection as RejectionReason | null) ?? null };
}

function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function resultsCsv(participants: ParticipantResult[]): string {
  const head = 'id,status,score,solved,failed,hintsUsed,finishedAt';
  const rows = participants.map((p) => [p.id, p.status, p.score, p.solved.join(' '), p.failed.join(' '), p.hintsUsed, p.finishedAt].map(csvField).join(','));
  return [head, ...rows].join('\n') + '\n';
}

function fileBase(row: RunRow): string {
  const safe = row.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return `${row.huntId}-run-${row.id}${safe ? `-${safe}` : ''}`;
}

function exportRun(db: Db, row: RunRow, format: 'jsonl' | 'json' | 'csv'): ReportOutcome {
  const base = fileBase(row);
  if (format === 'jsonl') {
    const out: string[] = [];
    for (const e of iterateEvents(db, row.id)) out.push(e.raw);
    return { ok: true, value: { fileName: `${base}.jsonl`, text: out.length ? out.join('\n') + '\n' : '' } };
  }
  const result = getResult<ReplayResult>(db, row.id);
  if (!result) return { ok: false, conflict: `Run ${row.id} is ${row.status}: exporting results needs a completed run.` };
  if (format === 'json') return { ok: true, value: { fileName: `${base}.result.json`, text: JSON.stringify(result, null, 2) + '\n' } };
  return { ok: true, value: { fileName: `${base}.participants.csv`, text: resultsCsv(result.participants) } };
}

function compareRuns(db: Db, a: RunRow, b: RunRow): ReportOutcome {
  const ra = getResult<ReplayResult>(db, a.id);
  const rb = getResult<ReplayResult>(db, b.id);
  for (const [row, r] of [[a, ra], [b, rb]] as const) {
    if (!r) return { ok: false, conflict: `Run ${row.id} is ${row.status}: comparing needs completed runs.` };
  }
  let firstDivergence: RunComparison['firstDivergence'] = null;
  const ia = iterateEvents(db, a.id);
  const ib = iterateEvents(db, b.id);
  for (;;) {
    const ea = ia.next();
    const eb = ib.next();
    if (ea.done && eb.done) break;
    const x = ea.done ? null : ea.value;
    const y = eb.done ? null : eb.value;
    if (!x || !y || x.raw !== y.raw || x.rejection !== y.rejection) {
      firstDivergence = { seq: (x ?? y)!.seq, a: x && eventRow(x), b: y && eventRow(y) };
      break;
    }
  }
  ia.return(undefined);
  ib.return(undefined);
  const byId = new Map<string, { a: ParticipantResult | null; b: ParticipantResult | null }>();
  for (const p of ra!.participants) byId.set(p.id, { a: p, b: null });
  for (const p of rb!.participants) byId.set(p.id, { a: byId.get(p.id)?.a ?? null, b: p });
  const differences = [...byId.entries()]
    .filter(([, v]) => JSON.stringify(v.a) !== JSON.stringify(v.b))
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([id, v]) => ({ id, ...v }));
  const value: RunComparison = { a: String(a.id), b: String(b.id), firstDivergence, differences };
  return { ok: true, value };
}

/** A run as the settings comparison needs it: its rules, its settings, its figures over its whole log. */
async function comparedRun(db: Db, row: RunRow): Promise<ComparedRun> {
  const { summary, steps } = await storedRunReport(db, row.id);
  return { name: row.name, hunt: loadHuntVersion(db, row.huntVersion), settings: row.settings, participants: summary.participants, statuses: summary.statuses, score: summary.score, steps };
}

function runRow(db: Db, id: number): RunRow {
  const row = getRun(db, id);
  if (!row) throw new Error(`run ${id}: no such run`);
  return row;
}

export async function makeReport(db: Db, req: ReportRequest): Promise<ReportOutcome> {
  switch (req.kind) {
    case 'analytics': {
      const value: RunAnalytics = analyticsOf(await storedRunReport(db, req.runId, req.atSeq));
      return { ok: true, value };
    }
    case 'density':
      return { ok: true, value: densityOf(db, req.runId, req.buckets) };
    case 'export':
      return exportRun(db, runRow(db, req.runId), req.format);
    case 'compare':
      return compareRuns(db, runRow(db, req.a), runRow(db, req.b));
    case 'changes':
      return { ok: true, value: compareRunChanges(await comparedRun(db, runRow(db, req.a)), await comparedRun(db, runRow(db, req.b))) };
    case 'participants':
      return sortedParticipants(db, db.name, runRow(db, req.runId), req);
    case 'inspect': {
      const detail = inspectAt(db, db.name, runRow(db, req.runId), req.atSeq, req.participant);
      if (!detail) {
        const joinSeq = joinSeqOf(db, req.runId, req.participant);
        return { ok: false, notFound: joinSeq === null ? `Participant "${req.participant}" never joined this run.` : `${req.participant} has not joined yet at event ${req.atSeq} (joins at event ${joinSeq}).` };
      }
      return { ok: true, value: detail };
    }
    case 'history':
      return { ok: true, value: participantHistory(db, req.runId, req.participant, req.atSeq) };
    case 'page':
      return { ok: true, value: participantsPage(db, db.name, runRow(db, req.runId), req.atSeq, req.offset, req.limit) };
  }
}
