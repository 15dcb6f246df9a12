// A live hunt: a durable run of kind "live" fed by the players' phones and the organiser.
// Each line is stamped by the host's clock, judged at once by the engine's rules (the
// same rules the pipeline's workers apply, run here on the main thread to answer and to
// show every team's state), handed to the durable pipeline, and acknowledged only once
// the writer has committed it. Every player line carries its device and the device's
// action number (`dev`, `n`: extra fields the spec keeps and does not interpret), so the
// log itself says which actions were taken: a resend is answered from it, also after a
// restart, and nothing is applied twice.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Hunt } from '../../engine/hunt/schema';
import type { RejectionReason } from '../../engine/log/types';
import { compileHunt, type CompiledHunt } from '../../engine/hunt/compile';
import { LogFront } from '../../engine/log/front';
import { ParticipantTable } from '../../engine/replay/participants';
import { validateHunt } from '../../engine/hunt/validate';
import { openDatabase } from '../../db/open';
import { getRun } from '../../db/runs';
import { loadHuntVersion } from '../../db/hunts';
import { iterateEvents } from '../../db/events';
import { ingestRun, type StoredRunOutcome } from '../store/ingest';
import { resumeRun } from '../store/resume';
import { registerSourceKind, type RunSource } from '../store/source';
import { LiveClock, type WallClock } from './clock';
import { LineFeed } from './line-feed';
import { DeviceRegistry, type Device, type Team } from './registry';
import { teamView } from './view';
import type { TeamView } from '../../api/liveProtocol';
import type { ParticipantState } from '../../engine/rules/state';
import type { OrganiserMessage } from '../../api/liveProtocol';
import { EVERYONE, type Activity, type PendingJudgement, type Verdict } from '../../api/liveConsole';

export type { Activity, PendingJudgement, Verdict };

export { EVERYONE };

export type LiveSettings = { live: { code: string; startedAtMs: number } };

export type LiveRunOptions = {
  db: string;
  /** Where the device list and the uploads of the run are kept. */
  dataDir: string;
  wall?: WallClock;
  /** Workers of the durable pipeline (default 1: a live hunt is a trickle of events). */
  workers?: number;
  onLine?: (a: Activity) => void;
};

/** How often a live run checkpoints: a restart replays at most this many events. */
const LIVE_CHECKPOINT_EVERY = 1000;
// The pipeline's flow is the live profile's (host/tuning.ts, LIVE_FLOW): ingest and resume take it from the run's kind.
const ACTIVITY_KEPT = 2000;
const SOURCE_KIND = 'live-feed';

registerSourceKind(SOURCE_KIND, () => {
  throw new Error('a live hunt is carried on by `hunt live --db FILE` (or Go live in the studio), which reopens it with its players');
});

/** A join code: 6 characters without look-alikes (0/O, 1/I/L). */
export function newJoinCode(random: (n: number) => number): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  let code = '';
  for (let i = 0; i < 6; i++) code += alphabet[random(alphabet.length)];
  return code;
}

type DeviceActions = { lastN: number; verdicts: Map<number, Promise<Verdict>> };

export class LiveRun {
  readonly h: CompiledHunt;
  readonly clock: LiveClock;
  readonly registry: DeviceRegistry;
  /** Check 3 knows the event types of the hunt's format (hunt/2: choose, submit, judge, adjust, extend), as the pipeline's workers do. */
  private readonly front: LogFront;
  private readonly table: ParticipantTable;
  private readonly feed = new LineFeed();
  private readonly actions = new Map<string, DeviceActions>();
  /** The join line of each team whose first phone is still joining. */
  private readonly joining = new Map<string, Promise<Verdict>>();
  private readonly waiting: { seq: number; resolve: () => void }[] = [];
  /** Each line's verdict as judged here, until the pipeline takes it (knownVerdict): it need not wait for its workers' own. */
  private readonly judged = new Map<number, RejectionReason | null>();
  private readonly activity: Activity[] = [];
  /** The organiser's messages, oldest first (they are lines of the log, so a restart keeps them). */
  readonly messages: OrganiserMessage[] = [];
  /** The ref of each team's last applied submission, by `team step` (the judging queue shows it). */
  private readonly submissions = new Map<string, { ref: string; t: number; seq: number }>();
  private seq: number;
  private committedSeq: number;
  private done: Promise<StoredRunOutcome> | null = null;
  /** Set when the run can take no more lines (stopped, paused or failed). */
  private closedReason: string | null = null;
  /** Commit latency of each acknowledged line, ms (read by the metrics). */
  onCommitLatency: ((ms: number) => void) | null = null;

  private constructor(
    readonly runId: number,
    readonly hunt: Hunt,
    readonly code: string,
    startedAtMs: number,
    startSeq: number,
    floor: number,
    registry: DeviceRegistry,
    private readonly opts: LiveRunOptions,
    private readonly abort: AbortController,
  ) {
    this.h = compileHunt(hunt);
    this.front = new LogFront(hunt.format);
    this.table = new ParticipantTable(this.h);
    this.clock = new LiveClock(startedAtMs, floor, opts.wall);
    this.registry = registry;
    this.seq = startSeq;
    this.committedSeq = startSeq;
  }

  static registryFile(dataDir: string, runId: number): string {
    return join(dataDir, 'live', `run-${runId}`, 'devices.jsonl');
  }

  /** Starts a new live run of a valid hunt. */
  static async start(opts: LiveRunOptions & { hunt: Hunt; name: string; code: string }): Promise<LiveRun> {
    const wall = opts.wall ?? Date.now;
    const settings: LiveSettings = { live: { code: opts.code, startedAtMs: wall() } };
    const abort = new AbortController();
    let run: LiveRun | null = null;
    let created!: (r: LiveRun) => void;
    let failed!: (err: unknown) => void;
    const ready = new Promise<LiveRun>((resolve, reject) => {
      created = resolve;
      failed = reject;
    });
    const source = (feed: () => LineFeed): RunSource => ({ describe: () => ({ kind: SOURCE_KIND }), open: () => feed() });
    const done = ingestRun(
      {
        db: opts.db,
        hunt: opts.hunt,
        kind: 'live',
        name: opts.name,
        settings,
        workers: opts.workers ?? 1,
        checkpointEvery: LIVE_CHECKPOINT_EVERY,
        signal: abort.signal,
        onCommitted: (_readAt, n, at) => run?.committed(n, at),
        knownVerdict: (seq) => run?.knownVerdict(seq),
        onRunCreated: (id) => {
          run = new LiveRun(id, opts.hunt, opts.code, settings.live.startedAtMs, 0, 0, DeviceRegistry.open(LiveRun.registryFile(opts.dataDir, id)), opts, abort);
          created(run);
        },
      },
      source(() => run!.feed),
    );
    done.catch(failed);
    const r = await ready;
    r.watch(done);
    return r;
  }

  /** Reopens a live run that was interrupted (the host killed or stopped): carries on where its log ends. */
  static async reopen(opts: LiveRunOptions & { runId: number }): Promise<LiveRun> {
    const db = openDatabase(opts.db);
    const abort = new AbortController();
    let r: LiveRun;
    try {
      const row = getRun(db, opts.runId);
      if (!row) throw new Error(`${opts.db}: has no run ${opts.runId}`);
      if (row.kind !== 'live') throw new Error(`run ${opts.runId} is a ${row.kind}, not a live hunt`);
      if (row.status === 'completed') throw new Error(`live run ${opts.runId} has ended (it is completed); start a new one`);
      const settings = row.settings as Partial<LiveSettings> | null;
      if (!settings?.live) throw new Error(`run ${opts.runId} has no live settings (join code, start time)`);
      const checked = validateHunt(loadHuntVersion(db, row.huntVersion));
      if (!checked.valid || !checked.hunt) throw new Error(`run ${opts.runId}: its stored hunt is missing or invalid`);
      r = new LiveRun(opts.runId, checked.hunt, settings.live.code, settings.live.startedAtMs, row.events, row.clock, DeviceRegistry.open(LiveRun.registryFile(opts.dataDir, opts.runId)), opts, abort);
      for (const e of iterateEvents(db, opts.runId)) r.restoreLine(e.raw, e.seq, e.rejection as RejectionReason | null);
    } finally {
      db.close();
    }
    const done = resumeRun(opts.db, opts.runId, {
      workers: opts.workers ?? 1,
      signal: abort.signal,
      source: { describe: () => ({ kind: SOURCE_KIND }), open: () => r.feed },
      onCommitted: (_readAt, n, at) => r.committed(n, at),
      knownVerdict: (seq) => r.knownVerdict(seq),
    });
    r.watch(done);
    // A team registered just before a crash whose join line was never committed joins now.
    for (const team of r.registry.allTeams()) if (!r.table.inspect(team.id)) void r.writeJoin(team, null);
    return r;
  }

  private watch(done: Promise<StoredRunOutcome>): void {
    this.done = done;
    done.then(
      () => (this.closedReason ??= 'the live hunt has ended'),
      (err: unknown) => {
        this.closedReason = `the live run failed: ${err instanceof Error ? err.message : String(err)}`;
        for (const w of this.waiting.splice(0)) w.resolve();
      },
    );
  }

  /** Lines committed so far (the pipeline commits in log order). */
  private committed(n: number, at: number): void {
    this.committedSeq += n;
    while (this.waiting.length > 0 && this.waiting[0].seq <= this.committedSeq) this.waiting.shift()!.resolve();
    void at;
  }

  /**
   * The verdict this run gave line `seq` (the pipeline asks once per line, in log order);
   * lines the pipeline never asks about (rejected by its own checks) are dropped on the way.
   */
  private knownVerdict(seq: number): RejectionReason | null | undefined {
    const v = this.judged.get(seq);
    for (const k of this.judged.keys()) {
      if (k > seq) break;
      this.judged.delete(k);
    }
    return v;
  }

  /** Lines taken and not yet committed (the console's queue depth). */
  get queueDepth(): number {
    return this.seq - this.committedSeq;
  }

  /** Settles when the run's pipeline has closed (the hunt ended, the host paused it, or it failed). */
  get ended(): Promise<StoredRunOutcome> {
    return this.done!;
  }

  get closed(): string | null {
    return this.closedReason;
  }

  /** Applies a stored line again at reopen: the table, the clock, the device's action numbers, the feed. */
  private restoreLine(raw: string, seq: number, stored: RejectionReason | null): void {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = undefined;
    }
    const rejected = this.judge(value);
    if (rejected !== stored) throw new Error(`live run ${this.runId}: the log's line ${seq} was stored as ${stored ?? 'applied'} but the rules now give ${rejected ?? 'applied'}`);
    const o = value as Record<string, unknown>;
    if (typeof o.dev === 'string' && typeof o.n === 'number') {
      const d = this.deviceActions(o.dev);
      d.lastN = Math.max(d.lastN, o.n);
      d.verdicts.set(o.n, Promise.resolve({ seq, t: o.t as number, rejected }));
    }
    this.remember(seq, o, rejected, raw);
  }

  private judge(value: unknown): RejectionReason | null {
    const verdict = this.front.acceptValue(value);
    return verdict.ok ? this.table.apply(verdict.event) : verdict.reason;
  }

  private deviceActions(dev: string): DeviceActions {
    let d = this.actions.get(dev);
    if (!d) this.actions.set(dev, (d = { lastN: 0, verdicts: new Map() }));
    return d;
  }

  private remember(seq: number, o: Record<string, unknown>, rejected: RejectionReason | null, line: string): Activity {
    const a: Activity = {
      seq,
      t: typeof o?.t === 'number' ? o.t : 0,
      p: typeof o?.p === 'string' ? o.p : '',
      type: typeof o?.type === 'string' ? o.type : '',
      step: typeof o?.step === 'string' ? o.step : null,
      rejected,
      dev: typeof o?.dev === 'string' ? o.dev : null,
      line,
    };
    if (a.type === 'message' && o.by === 'organiser' && typeof o.text === 'string') this.messages.push({ t: a.t, to: a.p === EVERYONE ? null : a.p, text: o.text });
    if (a.type === 'submit' && rejected === null && a.step !== null && typeof o.ref === 'string') this.submissions.set(`${a.p} ${a.step}`, { ref: o.ref, t: a.t, seq });
    this.activity.push(a);
    if (this.activity.length > ACTIVITY_KEPT) this.activity.splice(0, this.activity.length - ACTIVITY_KEPT);
    return a;
  }

  /**
   * Stamps, judges and hands over one line; resolves with its verdict once it is committed.
   * `fields` are the event's own fields (no t); the envelope and extras are added here.
   */
  private write(p: string, fields: Record<string, unknown>, extra: Record<string, unknown>): Promise<Verdict> {
    if (this.closedReason) return Promise.reject(new Error(this.closedReason));
    const t = this.clock.stamp();
    const o = { t, p, ...fields, ...extra };
    const line = JSON.stringify(o);
    const rejected = this.judge(o);
    const seq = ++this.seq;
    this.judged.set(seq, rejected);
    const a = this.remember(seq, o, rejected, line);
    const taken = performance.now();
    this.feed.push(line);
    this.opts.onLine?.(a);
    return new Promise<void>((resolve) => this.waiting.push({ seq, resolve })).then(() => {
      if (this.committedSeq < seq) throw new Error(this.closedReason ?? 'the line was not committed');
      this.onCommitLatency?.(performance.now() - taken);
      return { seq, t, rejected };
    });
  }

  private writeJoin(team: Team, dev: string | null): Promise<Verdict> {
    return this.write(team.id, { type: 'join', name: team.name }, dev ? { dev } : {});
  }

  /**
   * A phone joins the team of that name (created when new): the device is registered
   * (its token saved) before the team's join line is written, so a crash in between
   * leaves a team that reopen() joins. A second phone of a team still joining is answered
   * once the team's join line is committed, so its first action never precedes it.
   */
  async joinTeam(name: string): Promise<{ device: Device; token: string; team: Team }> {
    if (this.closedReason) throw new Error(this.closedReason);
    const existing = this.registry.teamByName(name);
    const team = existing ?? { id: this.registry.nextTeamId(), name };
    const registered = this.registry.register(team, this.clock.now());
    let joined = this.joining.get(team.id);
    if (!existing) {
      joined = registered.then(({ device }) => this.writeJoin(team, device.id));
      this.joining.set(team.id, joined);
      const done = () => this.joining.delete(team.id);
      joined.then(done, done);
    }
    const { device, token } = await registered;
    const v = await joined;
    if (v?.rejected) throw new Error(`the team could not join: ${v.rejected}`);
    return { device, token, team };
  }

  /**
   * A device's action number `n`: a new one (above the last) is written; a known one is
   * answered with its original verdict (a resend after a reconnect); an unknown one below
   * the last was refused before and is refused again.
   */
  deviceAction(device: Device, n: number, fields: Record<string, unknown>): Promise<Verdict> | 'refused' {
    const d = this.deviceActions(device.id);
    const known = d.verdicts.get(n);
    if (known) return known;
    if (n <= d.lastN) return 'refused';
    d.lastN = n;
    const v = this.write(device.team, fields, { dev: device.id, n });
    d.verdicts.set(n, v);
    // A line that was never committed (the run stopped) may be sent again.
    v.catch(() => {
      if (d.verdicts.get(n) === v) d.verdicts.delete(n);
    });
    return v;
  }

  /** The last action number a device has in the log (or in flight). */
  lastAction(deviceId: string): number {
    return this.actions.get(deviceId)?.lastN ?? 0;
  }

  /** An organiser's line (judge, adjust, extend, message): `by` says who wrote it. */
  organiser(p: string, fields: Record<string, unknown>): Promise<Verdict> {
    return this.write(p, fields, { by: 'organiser' });
  }

  view(teamId: string): TeamView | null {
    const state = this.table.inspect(teamId);
    const team = this.registry.team(teamId);
    if (!state || !team) return null;
    return teamView(this.h, state, team.name, this.clock.now());
  }

  /** A team's state as the rules keep it: the same object until a line changes it (the console's board relies on that). */
  state(teamId: string): ParticipantState | undefined {
    return this.table.inspect(teamId);
  }

  /** What a team last submitted for a step (applied), for the judging queue. */
  submission(team: string, step: string): { ref: string; t: number; seq: number } | undefined {
    return this.submissions.get(`${team} ${step}`);
  }

  teamViews(): TeamView[] {
    return this.registry
      .allTeams()
      .map((t) => this.view(t.id))
      .filter((v): v is TeamView => v !== null);
  }

  /** Judged steps pending for a team, with what was submitted, oldest first. */
  judgingQueue(): PendingJudgement[] {
    const out: PendingJudgement[] = [];
    for (const v of this.teamViews()) {
      for (const st of v.steps) {
        if (st.status !== 'pending') continue;
        const sub = this.submissions.get(`${v.team} ${st.id}`);
        if (sub) out.push({ team: v.team, teamName: v.name, step: st.id, title: st.title, ...sub });
      }
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  recentActivity(): readonly Activity[] {
    return this.activity;
  }

  /** Ends the hunt: the run completes with its result, as a replay of its log gives it. */
  async stop(): Promise<StoredRunOutcome> {
    this.closedReason ??= 'the live hunt has ended';
    this.feed.end();
    return this.done!;
  }

  /** Stops taking lines but leaves the run resumable (the host shutting down): reopen() carries on. */
  async pause(): Promise<void> {
    this.closedReason ??= 'the host is shutting down';
    this.abort.abort();
    this.feed.end();
    await this.done!.catch(() => undefined);
  }
}
