// Stepping through a run: the participants and one participant's full state as of
// any event, from the nearest checkpoint plus that participant's own later events
// (host/store/seek.ts), never by replaying the whole log.
import type { ParticipantDetail, ParticipantRow, SortKey } from '../../../api/contract';
import { ApiError } from '../../../api/errors';
import { participantEvents } from '../../../db/events';
import { getResult } from '../../../db/results';
import type { RunRow } from '../../../db/runs';
import type { ParticipantResult, ReplayResult } from '../../../engine/log/types';
import { compiledHuntOf, participantAt, participantsAt, type ParticipantAt } from '../../store/seek';
import type { HandlerImpls } from '../handlers';
import { requireRunRow, toEventRow, type RunsContext } from './context';

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

export function inspectHandlers(ctx: RunsContext): HandlerImpls {
  return {
    'runs.participants': ({ runId, atSeq, sort, desc, offset, limit }) => {
      const row = requireRunRow(ctx, runId);
      checkSeq(row, atSeq);
      if (atSeq === 0) return { total: 0, rows: [] };
      const db = ctx.db();
      const steps = compiledHuntOf(db, row).steps.length;
      const toRows = (list: ParticipantAt[]) => list.map((p) => rowOf(p.result, steps));
      if (sort === 'id' && !desc) {
        const page = participantsAt(db, ctx.dbFile, row.id, atSeq, { offset, limit });
        return { total: page.total, rows: toRows(page.participants) };
      }
      // Any other order needs every participant's state at atSeq: the stored result at the end of
      // a completed run, otherwise each state sought (bounded, so one request stays short).
      const result = atSeq === row.events ? getResult<ReplayResult>(db, row.id) : null;
      let all: ParticipantRow[];
      if (result) all = result.participants.map((p) => rowOf(p, steps));
      else {
        const first = participantsAt(db, ctx.dbFile, row.id, atSeq, { offset: 0, limit: SORT_ALL_LIMIT + 1 });
        if (first.total > SORT_ALL_LIMIT) {
          throw new ApiError(
            'bad-argument',
            `Run ${row.id} has ${first.total} participants at event ${atSeq}: sorting by ${sort} is available for up to ${SORT_ALL_LIMIT} (or at the last event of a completed run); sort by id instead.`,
          );
        }
        all = toRows(first.participants);
      }
      all.sort(compare(sort));
      if (desc) all.reverse();
      return { total: all.length, rows: all.slice(offset, offset + limit) };
    },

    'runs.inspect': ({ runId, atSeq, participant }): ParticipantDetail => {
      const row = requireRunRow(ctx, runId);
      checkSeq(row, atSeq);
      const db = ctx.db();
      const at = participantAt(db, ctx.dbFile, row.id, atSeq, participant);
      if (!at) throw new ApiError('not-found', `Participant "${participant}" had not joined run ${runId} by event ${atSeq}.`);
      const h = compiledHuntOf(db, row);
      return {
        id: at.id,
        name: at.state.name,
        status: at.state.status,
        joinedAt: at.state.joinedAt,
        finishedAt: at.state.finishedAt,
        score: at.result.score,
        steps: at.steps.map((s, i) => ({ ...s, title: h.hunt.steps[i].title })),
        events: participantEvents(db, row.id, participant, 0, atSeq).map(toEventRow),
      };
    },
  };
}
