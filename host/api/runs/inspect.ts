// Stepping through a run: the participants and one participant's full state as of
// any event, from the nearest checkpoint plus that participant's own later events
// (host/store/seek.ts), never by replaying the whole log. Each is made in a query
// worker of its own (queryClient.ts lanes), off the host's main thread: the inspector's
// state, the participant's events, the table's pages, and sorting every participant.
import type { EventRow, ParticipantDetail, ParticipantFilter, ParticipantRow, SortKey } from '../../../api/contract';
import { hasStepOutcome } from '../../../engine/analytics/step-diagnostics';
import type { CompiledHunt } from '../../../engine/hunt/compile';
import type { ParticipantState } from '../../../engine/rules';
import { ApiError } from '../../../api/errors';
import { getResult } from '../../../db/results';
import type { RunRow } from '../../../db/runs';
import type { ParticipantResult, ReplayResult } from '../../../engine/log/types';
import type { Db } from '../../../db/open';
import { compiledHuntOf, participantAt, participantsAt } from '../../store/seek';
import { runReport } from './queryClient';
import { joinSeqOf } from '../../../db/joins';
import { lastAppliedSubmit } from '../../../db/events';
import { participantDetail } from './participantDetail';
import type { ReportRequest } from './reports';
import type { HandlerImpls } from '../handlers';
import { requireRunRow, type RunsContext } from './context';

/** Above this many participants, sorting by anything but id is offered only at the end of a completed run. */
export const SORT_ALL_LIMIT = 5_000;

function rowOf(r: ParticipantResult, steps: number): ParticipantRow {
  return {
    id: r.id,
    status: r.status,
    score: r.score,
    solved: r.solved.length,
    failed: r.failed.length,
    progress: steps === 0 ? 0 : (r.solved.length + r.failed.length) / steps,
    hintsUsed: r.hintsUsed,
    finishedAt: r.finishedAt,
  };
}

const byId = (a: ParticipantRow, b: ParticipantRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function compare(sort: SortKey): (a: ParticipantRow, b: ParticipantRow) => number {
  const num = (f: (r: ParticipantRow) => number | null) => (a: ParticipantRow, b: ParticipantRow) => {
    const x = f(a);
    const y = f(b);
    // Unfinished (null) sorts after every finish time.
    if (x === y) return byId(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return x - y || byId(a, b);
  };
  switch (sort) {
    case 'id':
      return byId;
    case 'score':
      return num((r) => r.score);
    case 'progress':
      return num((r) => r.progress);
    case 'finishedAt':
      return num((r) => r.finishedAt);
    case 'status':
      return (a, b) => (a.status < b.status ? -1 : a.status > b.status ? 1 : byId(a, b));
  }
}

function checkSeq(row: RunRow, atSeq: number): void {
  if (atSeq > row.events) throw new ApiError('bad-argument', `Run ${row.id} has events 1 to ${row.events}; there is no event ${atSeq}.`);
}

export function participantsPage(db: Db, dbFile: string, row: RunRow, atSeq: number, offset: number, limit: number): { total: number; rows: ParticipantRow[] } {
  const steps = compiledHuntOf(db, row).steps.length;
  const page = participantsAt(db, dbFile, row.id, atSeq, { offset, limit });
  return { total: page.total, rows: page.participants.map((p) => rowOf(p.result, steps)) };
}

/** Whether a participant passes the filter; `state` is needed only for a step outcome. */
function matches(f: ParticipantFilter, h: CompiledHunt, r: ParticipantRow, state: ParticipantState | null): boolean {
  if (f.text && !r.id.toLowerCase().includes(f.text.toLowerCase())) return false;
  if (f.status && r.status !== f.status) return false;
  if (f.minScore !== undefined && r.score < f.minScore) return false;
  if (f.maxScore !== undefined && r.score > f.maxScore) return false;
  if (f.step !== undefined && f.outcome !== undefined) {
    const i = h.stepIndex.get(f.step);
    if (i === undefined || !state || !hasStepOutcome(h, state, i, f.outcome)) return false;
  }
  return true;
}

const needsStates = (f: ParticipantFilter | undefined) => f?.step !== undefined && f.outcome !== undefined;

/**
 * Participants in any order, maybe filtered: the stored result at the end of a completed run
 * (unless a step outcome needs the states), otherwise each state sought (up to SORT_ALL_LIMIT
 * participants). Returns a conflict message beyond that.
 */
export function sortedParticipants(
  db: Db,
  dbFile: string,
  row: RunRow,
  q: { atSeq: number; sort: SortKey; desc: boolean; offset: number; limit: number; filter?: ParticipantFilter },
): { ok: true; value: { total: number; rows: ParticipantRow[] } } | { ok: false; conflict: string } {
  const h = compiledHuntOf(db, row);
  const steps = h.steps.length;
  const filter = q.filter ?? {};
  const result = q.atSeq === row.events && !needsStates(q.filter) ? getResult<ReplayResult>(db, row.id) : null;
  let all: ParticipantRow[];
  if (result) all = result.participants.map((p) => rowOf(p, steps)).filter((r) => matches(filter, h, r, null));
  else {
    const first = participantsAt(db, dbFile, row.id, q.atSeq, { offset: 0, limit: SORT_ALL_LIMIT + 1 });
    if (first.total > SORT_ALL_LIMIT) {
      const what = q.filter ? 'filtering' : `sorting by ${q.sort}`;
      return {
        ok: false,
        conflict: `This run has ${first.total} participants at event ${q.atSeq}: ${what} is available for up to ${SORT_ALL_LIMIT}${needsStates(q.filter) ? '' : ' (or at the last event of a completed run)'}; ${q.filter ? 'search by id at the end of the run' : 'sort by id'} instead.`,
      };
    }
    all = first.participants.map((p) => ({ row: rowOf(p.result, steps), state: p.state })).filter((x) => matches(filter, h, x.row, x.state)).map((x) => x.row);
  }
  all.sort(compare(q.sort));
  if (q.desc) all.reverse();
  return { ok: true, value: { total: all.length, rows: all.slice(q.offset, q.offset + q.limit) } };
}

/** One participant's state at atSeq (without its events: see history.ts), or null if it had not joined by then. */
export function inspectAt(db: Db, dbFile: string, row: RunRow, atSeq: number, participant: string): ParticipantDetail | null {
  const at = participantAt(db, dbFile, row.id, atSeq, participant);
  if (!at) return null;
  const h = compiledHuntOf(db, row);
  return participantDetail(h, at.state, [], (step) => {
    const e = lastAppliedSubmit(db, row.id, participant, step, atSeq);
    if (!e) return null;
    const ref = (JSON.parse(e.raw) as { ref?: unknown }).ref;
    return typeof ref === 'string' && e.t !== null ? { ref, t: e.t, seq: e.seq } : null;
  });
}

export function inspectHandlers(ctx: RunsContext): HandlerImpls {
  return {
    'runs.participants': async ({ runId, atSeq, sort, desc, offset, limit, filter }) => {
      const row = requireRunRow(ctx, runId);
      checkSeq(row, atSeq);
      if (atSeq === 0) return { total: 0, rows: [] };
      // A page in id order seeks only its own participants (the table worker); any other
      // order needs every participant's state at atSeq (the report worker).
      const request: ReportRequest =
        sort === 'id' && !desc && !filter
          ? { kind: 'page', runId: row.id, atSeq, offset, limit }
          : { kind: 'participants', runId: row.id, atSeq, sort, desc, offset, limit, filter };
      return (await runReport(ctx.dbFile, request)) as { total: number; rows: ParticipantRow[] };
    },

    // The state comes from the inspect worker and the events from the history worker, in
    // parallel: a seek is never held up by a scan for a participant's events.
    'runs.inspect': async ({ runId, atSeq, participant, events }): Promise<ParticipantDetail> => {
      const row = requireRunRow(ctx, runId);
      checkSeq(row, atSeq);
      const [detail, history] = await Promise.all([
        runReport(ctx.dbFile, { kind: 'inspect', runId: row.id, atSeq, participant }) as Promise<ParticipantDetail>,
        events === false ? Promise.resolve([]) : (runReport(ctx.dbFile, { kind: 'history', runId: row.id, atSeq, participant }) as Promise<EventRow[]>),
      ]);
      return { ...detail, events: history };
    },

    'runs.joinSeq': ({ runId, participant }) => ({ seq: joinSeqOf(ctx.db(), requireRunRow(ctx, runId).id, participant) }),

    'runs.history': async ({ runId, atSeq, participant }) => {
      const row = requireRunRow(ctx, runId);
      checkSeq(row, atSeq);
      return (await runReport(ctx.dbFile, { kind: 'history', runId: row.id, atSeq, participant })) as EventRow[];
    },
  };
}
