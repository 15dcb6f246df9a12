// Playtest (live.*): the designer plays one participant; each event gets its verdict
// and the participant's new state at once. The session is also a stored run of kind
// "live" (the same durable pipeline as any run), so it can be opened in the debugger.
// The verdicts shown come from the same rules, run here on the one participant.
import type { EventRow, Hunt, ParticipantDetail, RejectionReason } from '../../api/contract';
import { ApiError } from '../../api/errors';
import { compileHunt, type CompiledHunt } from '../../engine/hunt/compile';
import { LogFront } from '../../engine/log/front';
import { ParticipantTable } from '../../engine/replay/participants';
import { ingestRun } from '../store/ingest';
import { participantDetail, submissionFromEvents } from './runs/participantDetail';
import { LineFeed } from '../live/line-feed';
import type { HandlerImpls } from './handlers';
import { parseRunId, type RunsContext } from './runs/context';
import { requireValid } from './runs/start';

type LiveSession = {
  runId: number;
  participant: string;
  h: CompiledHunt;
  front: LogFront;
  table: ParticipantTable;
  feed: LineFeed;
  events: EventRow[];
  /** The clock as last moved by live.advance: the state shown has its timers applied up to it. */
  advancedTo: number;
  done: Promise<unknown>;
};

export function liveHandlers(ctx: RunsContext): HandlerImpls {
  const sessions = new Map<number, LiveSession>();

  function detail(s: LiveSession): ParticipantDetail {
    return participantDetail(s.h, s.table.inspect(s.participant)!, s.events, submissionFromEvents(s.events));
  }

  function session(runId: string): LiveSession {
    const s = sessions.get(parseRunId(runId));
    if (!s) throw new ApiError('not-found', `There is no playtest session ${runId} in progress (it ended, or another one started).`);
    return s;
  }

  function accept(s: LiveSession, line: string): RejectionReason | null {
    const verdict = s.front.acceptLine(line);
    let rejected: RejectionReason | null = null;
    let parsed: Record<string, unknown> = {};
    if (verdict && !verdict.ok) rejected = verdict.reason;
    else if (verdict) {
      parsed = verdict.event as unknown as Record<string, unknown>;
      rejected = s.table.apply(verdict.event);
    }
    // Deadlines up to the clock show at once (a step or the hunt timing out while the designer waits).
    s.table.finalize(Math.max(s.front.clock, s.advancedTo));
    const seq = s.events.length + 1;
    s.events.push({
      seq,
      line: seq,
      t: typeof parsed.t === 'number' ? parsed.t : null,
      p: typeof parsed.p === 'string' ? parsed.p : null,
      type: typeof parsed.type === 'string' ? parsed.type : null,
      raw: line,
      rejected,
    });
    s.feed.push(line);
    const active = ctx.active.get(s.runId);
    if (active) {
      const state = s.table.inspect(s.participant);
      const status = state?.status ?? 'active';
      active.progress = {
        ...active.progress,
        processed: seq,
        virtualTime: s.front.clock,
        active: status === 'active' ? 1 : 0,
        finished: status === 'finished' ? 1 : 0,
        timedOut: status === 'timed_out' ? 1 : 0,
        quit: status === 'quit' ? 1 : 0,
      };
    }
    return rejected;
  }

  /** Ends a session: its stored run completes with what was played. */
  function end(s: LiveSession): Promise<unknown> {
    sessions.delete(s.runId);
    s.feed.end();
    s.table.dispose();
    return s.done.catch(() => undefined);
  }

  return {
    'live.start': async ({ hunt: value, participant }) => {
      const hunt: Hunt = requireValid(value);
      // One playtest at a time: a new one ends the previous.
      await Promise.all([...sessions.values()].map(end));
      ctx.db();
      const feed = new LineFeed();
      let created: (id: number) => void = () => undefined;
      let failed: (err: unknown) => void = () => undefined;
      const runId = new Promise<number>((resolve, reject) => {
        created = resolve;
        failed = reject;
      });
      const done = ingestRun(
        { db: ctx.dbFile, hunt, kind: 'live', name: `playtest: ${participant}`, workers: 1, batchSize: 1, checkpointEvery: 100, onRunCreated: created },
        feed,
      );
      done.catch(failed);
      const id = await runId;
      const h = compileHunt(hunt);
      const s: LiveSession = { runId: id, participant, h, front: new LogFront(hunt.format), table: new ParticipantTable(h), feed, events: [], advancedTo: 0, done };
      sessions.set(id, s);
      ctx.active.set(id, {
        id,
        kind: 'live',
        progress: { runId: String(id), status: 'running', processed: 0, total: null, virtualTime: 0, eventsPerSec: 0, active: 1, finished: 0, timedOut: 0, quit: 0 },
        stop: () => void end(s),
      });
      done.finally(() => {
        ctx.active.delete(id);
        ctx.bus.publish('runs.changed', { runId: String(id) });
      }).catch(() => undefined);
      ctx.bus.publish('runs.changed', { runId: String(id) });
      accept(s, JSON.stringify({ t: 0, p: participant, type: 'join' }));
      return { runId: String(id), detail: detail(s) };
    },

    'live.send': ({ runId, event }) => {
      const s = session(runId);
      if (event.p !== s.participant) throw new ApiError('bad-argument', `This playtest plays "${s.participant}"; the event is for ${JSON.stringify(event.p)}.`);
      // The state shown already has its timers up to the advanced clock: an earlier event would be applied after them.
      if (typeof event.t === 'number' && event.t < s.advancedTo) {
        throw new ApiError('bad-argument', `The playtest's clock was moved to ${s.advancedTo} s; an event at t ${event.t} would be earlier than that.`);
      }
      const rejected = accept(s, JSON.stringify(event));
      return { rejected, detail: detail(s) };
    },

    'live.advance': ({ runId, t }) => {
      const s = session(runId);
      const now = Math.max(s.front.clock, s.advancedTo);
      if (t < now) throw new ApiError('bad-argument', `The playtest's clock is at ${now} s; it does not go back (asked for ${t} s).`);
      s.advancedTo = t;
      s.table.finalize(t);
      const active = ctx.active.get(s.runId);
      if (active) {
        const status = s.table.inspect(s.participant)?.status ?? 'active';
        active.progress = { ...active.progress, virtualTime: t, active: status === 'active' ? 1 : 0, timedOut: status === 'timed_out' ? 1 : 0 };
      }
      return { detail: detail(s) };
    },

    'live.stop': async ({ runId }) => {
      const s = sessions.get(parseRunId(runId));
      if (!s) return { stopped: false };
      await end(s);
      return { stopped: true };
    },
  };
}
