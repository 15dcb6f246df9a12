// The organiser's calls on a live hunt (the console, behind the studio's token). Every
// intervention is a line of the log, so a replay of the log includes it: judge, adjust
// and extend are the hunt/2 events of the spec (an engine that does not know them yet
// rejects them as `unknown-type`, and the console says so); a message is a line of type
// `message`, which no engine applies (it is `unknown-type`), kept for the record.
import { ApiError } from '../../api/errors';
import { EVERYONE, type LiveRun } from './run';
import type { OrganiserMessage } from '../../api/liveProtocol';
import type { Activity, ActivityFilter, ConsoleState, DeviceInfo, LiveFigures, Verdict } from '../../api/liveConsole';

export type { ActivityFilter, ConsoleState, DeviceInfo };

export type OrganiserContext = {
  run: LiveRun;
  joinUrls: string[];
  devices: (team: string) => DeviceInfo[];
  figures: () => LiveFigures;
  /** Tells the phones: a team's new view, a message, the end. */
  pushView: (team: string) => void;
  pushMessage: (m: OrganiserMessage) => void;
  onStopped: () => void;
};

const MAX_MESSAGE = 500;
const MAX_REASON = 200;

function requireTeam(ctx: OrganiserContext, v: unknown): string {
  if (typeof v !== 'string' || !ctx.run.registry.team(v)) throw new ApiError('not-found', `There is no team ${JSON.stringify(v)} in this live hunt.`);
  return v;
}

function requireStep(ctx: OrganiserContext, v: unknown): string {
  if (typeof v !== 'string' || !ctx.run.hunt.steps.some((s) => s.id === v)) throw new ApiError('not-found', `The hunt has no step ${JSON.stringify(v)}.`);
  return v;
}

function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** Filters the activity feed, newest first. */
export function filterActivity(all: readonly Activity[], f: ActivityFilter): Activity[] {
  const out: Activity[] = [];
  const limit = Math.min(Math.max(1, f.limit ?? 200), 2000);
  for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
    const a = all[i];
    if (f.team && a.p !== f.team) continue;
    if (f.step && a.step !== f.step) continue;
    if (f.rejectedOnly && a.rejected === null) continue;
    out.push(a);
  }
  return out;
}

export function consoleState(ctx: OrganiserContext, filter: ActivityFilter): ConsoleState {
  const run = ctx.run;
  const teams = run.teamViews().map((v) => ({ ...v, devices: ctx.devices(v.team) }));
  const steps = run.hunt.steps.map((s) => ({ id: s.id, title: s.title, kind: s.kind, available: 0, pending: 0, solved: 0, failed: 0 }));
  for (const v of teams) {
    v.steps.forEach((st, i) => {
      if (st.status === 'available' || st.status === 'pending' || st.status === 'solved' || st.status === 'failed') steps[i][st.status]++;
    });
  }
  teams.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  return {
    runId: run.runId,
    huntTitle: run.hunt.title,
    format: run.hunt.format,
    code: run.code,
    joinUrls: ctx.joinUrls,
    t: run.clock.now(),
    ended: run.closed !== null,
    teams,
    steps,
    activity: filterActivity(run.recentActivity(), filter),
    judging: run.judgingQueue(),
    messages: run.messages,
    figures: ctx.figures(),
  };
}

/** Runs one organiser call; the answer is JSON. Bad arguments are ApiErrors (HTTP 400/404). */
export async function organiserCall(ctx: OrganiserContext, method: string, arg: Record<string, unknown>): Promise<unknown> {
  const run = ctx.run;
  const written = async (team: string, v: Promise<Verdict>) => {
    const verdict = await v;
    ctx.pushView(team);
    return verdict;
  };
  switch (method) {
    case 'state':
      return consoleState(ctx, {
        team: typeof arg.team === 'string' ? arg.team : undefined,
        step: typeof arg.step === 'string' ? arg.step : undefined,
        rejectedOnly: arg.rejectedOnly === true,
        limit: typeof arg.limit === 'number' ? arg.limit : undefined,
      });
    case 'judge': {
      const team = requireTeam(ctx, arg.team);
      const step = requireStep(ctx, arg.step);
      if (typeof arg.accept !== 'boolean') throw new ApiError('bad-argument', 'judge: accept must be true or false');
      if (arg.points !== undefined && (!isInteger(arg.points) || arg.points < 0)) throw new ApiError('bad-argument', 'judge: points must be a whole number ≥ 0');
      return written(team, run.organiser(team, { type: 'judge', step, accept: arg.accept, ...(arg.points !== undefined ? { points: arg.points } : {}) }));
    }
    case 'adjust': {
      const team = requireTeam(ctx, arg.team);
      if (!isInteger(arg.points) || arg.points === 0) throw new ApiError('bad-argument', 'adjust: points must be a whole number other than 0 (negative takes points away)');
      if (typeof arg.reason !== 'string' || arg.reason.trim() === '' || arg.reason.length > MAX_REASON) throw new ApiError('bad-argument', `adjust: give a reason (1 to ${MAX_REASON} characters)`);
      return written(team, run.organiser(team, { type: 'adjust', points: arg.points, reason: arg.reason.trim() }));
    }
    case 'extend': {
      const team = requireTeam(ctx, arg.team);
      if (typeof arg.seconds !== 'number' || !Number.isFinite(arg.seconds) || arg.seconds <= 0) throw new ApiError('bad-argument', 'extend: seconds must be a number > 0');
      return written(team, run.organiser(team, { type: 'extend', seconds: arg.seconds }));
    }
    case 'message': {
      const to = arg.team === undefined || arg.team === null ? EVERYONE : requireTeam(ctx, arg.team);
      if (typeof arg.text !== 'string' || arg.text.trim() === '' || arg.text.length > MAX_MESSAGE) throw new ApiError('bad-argument', `message: the text must have 1 to ${MAX_MESSAGE} characters`);
      const text = arg.text.trim();
      const v = await run.organiser(to, { type: 'message', text });
      ctx.pushMessage({ t: v.t, to: to === EVERYONE ? null : to, text });
      return v;
    }
    case 'stop': {
      const outcome = await run.stop();
      ctx.onStopped();
      return { runId: outcome.runId, status: outcome.status };
    }
    default:
      throw new ApiError('unknown-method', `The live console has no method ${JSON.stringify(method)}.`);
  }
}
