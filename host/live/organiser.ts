// The organiser's calls on a live hunt (the console, behind the studio's token). Every
// intervention is a line of the log, so a replay of the log includes it: judge, adjust
// and extend are the hunt/2 events of the spec (an engine that does not know them yet
// rejects them as `unknown-type`, and the console says so); a message is a line of type
// `message`, which no engine applies (it is `unknown-type`), kept for the record.
import { ApiError } from '../../api/errors';
import { EVERYONE, type LiveRun } from './run';
import type { OrganiserMessage } from '../../api/liveProtocol';
import type { Activity, ActivityFilter, ConsoleJudgement, ConsoleState, DeviceInfo, LiveFigures, TeamDetail, TeamSummary, Verdict } from '../../api/liveConsole';
import { basePoints } from '../../engine/rules/state';
import { boardOf, type BoardTeam } from './board';

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

/** One team's row: its summary from the board, its phones from the host (online now, last seen). */
function summarise(ctx: OrganiserContext, t: BoardTeam, rank: number, now: number): TeamSummary {
  const devices = ctx.devices(t.team);
  let online = 0;
  let lastSeenAgoSec: number | null = null;
  for (const d of devices) {
    const ago = d.connected ? 0 : d.lastSeenAgoSec;
    if (d.connected) online++;
    if (ago !== null && (lastSeenAgoSec === null || ago < lastSeenAgoSec)) lastSeenAgoSec = ago;
  }
  const timeLeft = t.deadline === Infinity ? null : t.status === 'active' ? Math.max(0, t.deadline - now) : 0;
  return { rank, team: t.team, name: t.name, status: t.status, score: t.score, solved: t.solved, timeLeft, phones: devices.length, online, lastSeenAgoSec };
}

/**
 * The console's live state, compact: a summary per team (no step views: console.team gives
 * one team in full), per-step counts, the judging queue, the feed page asked for. The board
 * (host/live/board.ts) recomputes only the teams that changed since the last poll.
 */
export function consoleState(ctx: OrganiserContext, filter: ActivityFilter): ConsoleState {
  const run = ctx.run;
  const now = run.clock.now();
  const board = boardOf(run);
  const ranked = board.refresh(now);
  const teams = ranked.map((t, i) => summarise(ctx, t, i + 1, now));
  const counts = board.stepCounts();
  const steps = run.hunt.steps.map((s, i) => ({ id: s.id, title: s.title, kind: s.kind, ...counts[i] }));
  const judging: ConsoleJudgement[] = [];
  for (const { team, step } of board.pending()) {
    const id = run.h.steps[step].id;
    const sub = run.submission(team.team, id);
    if (sub) judging.push({ team: team.team, teamName: team.name, step: id, title: run.hunt.steps[step].title, points: basePoints(run.h, team.advanced, step), ...sub });
  }
  judging.sort((a, b) => a.seq - b.seq);
  return {
    runId: run.runId,
    huntTitle: run.hunt.title,
    format: run.hunt.format,
    code: run.code,
    joinUrls: ctx.joinUrls,
    t: now,
    ended: run.closed !== null,
    teams,
    steps,
    activity: filterActivity(run.recentActivity(), filter),
    judging,
    messages: run.messages,
    figures: ctx.figures(),
  };
}

/** One team in full: its view as its phones see it, and its phones. */
export function consoleTeam(ctx: OrganiserContext, team: string): TeamDetail {
  const view = ctx.run.view(requireTeam(ctx, team));
  if (!view) throw new ApiError('not-found', `Team ${JSON.stringify(team)} has not joined yet.`);
  return { ...view, devices: ctx.devices(team) };
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
    case 'team':
      return consoleTeam(ctx, arg.team as string);
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
