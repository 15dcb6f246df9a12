// The one typed API between the studio (renderer) and its host. Implemented once
// in host/ and served two ways: Electron IPC (electron/preload) and the local
// web host (HTTP + WebSocket). The renderer and the test doubles see only this.
//
// Every method takes one JSON argument and returns JSON. Arguments are validated
// at the boundary by the schemas in api/schemas.ts.
import type { Hunt, StepKind } from '../engine/hunt/schema';
import type { V2Behaviour } from '../engine/sim/profile';
import type { Issue } from '../engine/hunt/issues';
import type { RotationOrder, StepBreakdown } from '../engine/rules/results';
import type { StepWindow } from '../engine/rules/windows';
import type {
  ParticipantResult,
  ParticipantStatus,
  Rejection,
  RejectionReason,
  ReplayResult,
  StepStatus,
} from '../engine/log/types';
import type { FailureCause, StepAdvice, StepDiagnostics, StepOutcome, StepOutcomeFilter } from '../engine/analytics/step-diagnostics';
import type { RunChanges } from '../engine/analytics/run-changes';
import type { Timeline } from '../engine/analytics/timeline';

import type { RunKind, RunStatus, StoredEvent } from '../engine/log/runs';
import type { AnalyticsSummary, Bottleneck, StepFunnel, ProfileSummary } from '../engine/analytics/summary';
import type { Distribution } from '../engine/analytics/stats';
import type { ActivityFilter, ConsoleState, LiveServing, NetworkChoice, OpenLiveRun, TeamDetail, Verdict } from './liveConsole';
import type { DesignSource, PointResult, SweepAxis, SweepField, WhatIfJob, WhatIfProgress } from './whatIf';

export type { Hunt, ParticipantResult, ParticipantStatus, Rejection, RejectionReason, ReplayResult, StepStatus, RunKind, RunStatus, Distribution };
export type { RotationOrder, StepWindow };
export type { RunChanges, SettingChange } from '../engine/analytics/run-changes';
export type { FailureCause, StepAdvice, StepDiagnostics, StepOutcome, StepOutcomeFilter, Timeline };

// ---------- hunts ----------

export type { Issue, StepKind };
export type ValidationReport = { valid: boolean; errors: Issue[]; warnings: Issue[] };

/** A hunt as the editor holds it: maybe not valid yet, so `hunt` is plain JSON. */
export type HuntDocument = {
  /** Where it was opened from or saved to; null for a new or imported hunt. */
  path: string | null;
  hunt: unknown;
  report: ValidationReport;
};

/** One entry of a folder in the host's hunt file picker (web host). */
export type FolderEntry = { name: string; path: string; kind: 'folder' | 'hunt'; modifiedAt: string };
export type FolderListing = { dir: string; root: string; parent: string | null; entries: FolderEntry[] };

export type ExampleSummary = { name: string; id: string; title: string; description: string; steps: number };

// ---------- runs ----------

export type RunSummary = {
  id: string;
  kind: RunKind;
  name: string;
  huntId: string;
  huntTitle: string;
  /** Content hash of the hunt version the run used. */
  huntVersion: string;
  status: RunStatus;
  seed: number | null;
  participants: number;
  events: number;
  rejected: number;
  createdAt: string;
  /** Wall-clock seconds the run took (null while running). */
  durationSec: number | null;
  error: string | null;
};

/** A built-in behaviour profile as the profile-mix form edits it (docs/simulation.md has the whole format). */
export type ProfilePreset = {
  name: string;
  description: string;
  share: number;
  solve: { answer: number; code: number; location: number };
  thinkTimeSec: { median: number; spread: number };
  walk: { speedMps: number };
  hints: { afterWrongAttempts: number; afterStuckSec: number };
  giveUp: { afterStuckSec: number; afterWrongAttempts: number };
  /** Its hunt/2 behaviour with the defaults filled in (docs/simulation.md, "hunt/2"); `waitUpToSec` null: as long as it takes. */
  hunt2: Omit<V2Behaviour, 'waitUpToSec'> & { waitUpToSec: number | null };
};

export type SimulationRequest = {
  participants: number;
  seed: number;
  /** Profile mix: preset names or a profiles file's text; null for the default mix. */
  profiles: string | null;
  /** 0 runs as fast as possible; otherwise virtual seconds per wall second. */
  speed: number;
  workers?: number;
};

export type RunProgress = {
  runId: string;
  status: RunStatus;
  processed: number;
  /** Expected number of events, when known. */
  total: number | null;
  virtualTime: number;
  eventsPerSec: number;
  active: number;
  finished: number;
  timedOut: number;
  quit: number;
};

/** One stored log line of a run, in the order it was processed (`raw`: the line as it was read). */
export type EventRow = Omit<StoredEvent, 'rejection'> & { rejected: RejectionReason | null };

export type DensityStrip = { buckets: number[]; rejections: number[]; firstT: number; lastT: number; events: number };

export type ParticipantRow = {
  id: string;
  status: ParticipantStatus;
  score: number;
  solved: number;
  failed: number;
  /** Steps done out of all steps, 0 to 1. */
  progress: number;
  hintsUsed: number;
  finishedAt: number | null;
};

/** One step of a participant as the inspector shows it: the engine's breakdown plus the title. */
export type StepDetail = StepBreakdown & {
  title: string;
  /** Why a failed step failed (its time limit, its attempts, or another rule such as a closing time); null unless failed. */
  failedBy: FailureCause | null;
  /** When the step opens and closes for this participant, and what the clock alone does to it next (hunt/2). */
  window: StepWindow;
  /** A pending judged step: the submission awaiting judgement (the last applied `submit` on it); null otherwise. */
  submission: PendingSubmission | null;
};

/** What a participant submitted on a judged step that awaits the organiser's judgement. */
export type PendingSubmission = { ref: string; t: number; seq: number };

export type ParticipantDetail = {
  id: string;
  name: string | null;
  status: ParticipantStatus;
  joinedAt: number;
  finishedAt: number | null;
  score: number;
  /** The hunt's format: the fields below matter for hunt/2 only. */
  format: 'hunt/1' | 'hunt/2';
  /** The hunt deadline: joinedAt + the hunt's time limit + every extension; null without a time limit. */
  deadlineAt: number | null;
  /** The sum of the organiser's `adjust` points (included in `score`). */
  adjusted: number;
  /** The seconds of every `extend` applied (included in `deadlineAt`). */
  extendedSec: number;
  /** J of hunt-v2 §3.6: the joins applied before this participant's; null when the hunt has no rotation groups. */
  joinIndex: number | null;
  /** The order this participant meets each rotation group's steps in. */
  rotations: RotationOrder[];
  steps: StepDetail[];
  /** The events of this participant up to the point inspected. */
  events: EventRow[];
};

/** Narrows the participants table: every given condition must hold. */
export type ParticipantFilter = {
  /** Part of the participant's id (case-insensitive). */
  text?: string;
  status?: ParticipantStatus;
  /** With `outcome`: only those with that outcome on this step (a step id). */
  step?: string;
  outcome?: StepOutcomeFilter;
  minScore?: number;
  maxScore?: number;
};

export type SortKey = 'id' | 'score' | 'status' | 'progress' | 'finishedAt';

/** A step of the funnel as the studio shows it (the engine's row has more detail). */
export type FunnelRow = Pick<StepFunnel, 'step' | 'title' | 'reached' | 'solved' | 'failed' | 'hints' | 'medianTimeSec'>;

/** The designer's summary of a run (engine/analytics: AnalyticsSummary, of which this is the part the studio shows). */
export type RunAnalytics = Pick<AnalyticsSummary, 'participants' | 'finishRate' | 'score' | 'finishTime'> & {
  funnel: FunnelRow[];
  /** Steps that hold people up most, worst first. */
  bottlenecks: Pick<Bottleneck, 'step' | 'title' | 'medianTimeSec' | 'failRate'>[];
  byProfile: Pick<ProfileSummary, 'profile' | 'participants' | 'finishRate' | 'medianFinishSec'>[];
  /** Why each step loses people (engine/analytics/step-diagnostics.ts). */
  steps: StepDiagnostics[];
  /** Which changes can matter for which step (and which cannot). */
  advice: StepAdvice[];
  /** Active and done participants over virtual time, for any stored run. */
  timeline: Timeline;
  statuses: Record<ParticipantStatus, number>;
} & Pick<AnalyticsSummary, 'branches' | 'bonus' | 'judging'>;

/**
 * Whether a runs.analytics answer is the run's final word: complete when the run was no
 * longer in progress when the log was read (and it was read to its end, not as of an
 * event). A read made while a run goes on covers the events stored so far, and its answer
 * can arrive after the run has ended: the studio then says the figures are being updated.
 */
export type AnalyticsCoverage = { complete: boolean };

export type RunComparison = {
  a: string;
  b: string;
  /** The first processed line where the two logs differ; null when identical. */
  firstDivergence: { seq: number; a: EventRow | null; b: EventRow | null } | null;
  differences: { id: string; a: ParticipantResult | null; b: ParticipantResult | null }[];
};

// ---------- the handler map ----------

/** Every API method: name -> (argument) => result. */
export type Handlers = {
  'app.info': (arg: Record<string, never>) => { version: string; host: 'electron' | 'web'; dataDir: string; startupHunt: string | null };
  /** Electron only (the web host answers `unknown-method`): the native Open dialog; null when cancelled. */
  'app.chooseOpenPath': (arg: Record<string, never>) => { path: string | null };
  /** Electron only: the native Save dialog, for Save As and for saving an untitled hunt; null when cancelled. */
  'app.chooseSavePath': (arg: { suggestedName: string }) => { path: string | null };

  'hunts.examples': (arg: Record<string, never>) => ExampleSummary[];
  'hunts.openExample': (arg: { name: string }) => HuntDocument;
  'hunts.new': (arg: Record<string, never>) => HuntDocument;
  'hunts.open': (arg: { path: string }) => HuntDocument;
  /** Opens a file the user picked in the page (browser) by its text. */
  'hunts.openText': (arg: { name: string; text: string }) => HuntDocument;
  'hunts.save': (arg: { path: string; hunt: unknown }) => HuntDocument;
  'hunts.recent': (arg: Record<string, never>) => string[];
  /**
   * The web host's file picker: the sub-folders and `.json` files of a folder inside the data
   * directory (the data directory itself when `dir` is absent), so an opened hunt keeps its path.
   */
  'hunts.browse': (arg: { dir?: string }) => FolderListing;
  'hunts.validate': (arg: { hunt: unknown }) => ValidationReport;

  'runs.list': (arg: Record<string, never>) => RunSummary[];
  /**
   * One run with its settings and the hunt version it ran with (as stored, so the debugger can draw
   * it whatever is open in the editor). `result: false` leaves out the result (megabytes at 100,000
   * participants): `result` is then null.
   */
  'runs.get': (arg: { runId: string; result?: boolean }) => RunSummary & { result: ReplayResult | null; settings: unknown; hunt: unknown };
  'runs.delete': (arg: { runId: string }) => { deleted: boolean };
  /** Renames a stored run (any status); names need not be unique, the list also shows the hunt version. */
  'runs.rename': (arg: { runId: string; name: string }) => RunSummary;
  /** The built-in behaviour profiles (for the profile-mix form): their names, descriptions and parameters. */
  'runs.profilePresets': (arg: Record<string, never>) => ProfilePreset[];
  'runs.simulate': (arg: { hunt: unknown; name?: string; settings: SimulationRequest }) => RunSummary;
  'runs.replay': (arg: { hunt: unknown; name: string; logText: string }) => RunSummary;
  /** Replays a log file read from disk as it goes (any size; resumable after a crash). Name defaults to the file name. */
  'runs.replayFile': (arg: { hunt: unknown; name?: string; path: string }) => RunSummary;
  /**
   * Continues an interrupted (or cancelled, or failed) run from its last checkpoint, as `hunt resume`
   * does; answers once it is going. Progress on `run.progress`; cancel with runs.control.
   */
  'runs.resume': (arg: { runId: string }) => RunSummary;
  'runs.control': (arg: { runId: string; action: 'pause' | 'resume' | 'step' | 'cancel'; speed?: number }) => RunProgress;
  'runs.progress': (arg: { runId: string }) => RunProgress;
  'runs.export': (arg: { runId: string; format: 'jsonl' | 'json' | 'csv' }) => { fileName: string; text: string };
  'runs.compare': (arg: { a: string; b: string }) => RunComparison;
  /** Which settings differ between run a (earlier) and run b, and whether the outcome moved (engine/analytics/run-changes.ts). */
  'runs.changes': (arg: { a: string; b: string }) => RunChanges;
  'runs.analytics': (arg: { runId: string; atSeq?: number }) => RunAnalytics & AnalyticsCoverage;

  'runs.events': (arg: { runId: string; fromSeq: number; limit: number; participant?: string }) => EventRow[];
  'runs.density': (arg: { runId: string; buckets: number }) => DensityStrip;
  /** With `filter`, `total` counts the participants that match. */
  'runs.participants': (arg: { runId: string; atSeq: number; sort: SortKey; desc: boolean; offset: number; limit: number; filter?: ParticipantFilter }) => {
    total: number;
    rows: ParticipantRow[];
  };
  /** `events: false` leaves `events` empty: the studio asks runs.history for them, so a seek shows the state at once. */
  'runs.inspect': (arg: { runId: string; atSeq: number; participant: string; events?: boolean }) => ParticipantDetail;
  /** The event number of the participant's join (null if they never joined): the studio shows "not joined yet" before it instead of asking runs.inspect. */
  'runs.joinSeq': (arg: { runId: string; participant: string }) => { seq: number | null };
  /** A participant's events up to atSeq (the first call for a participant scans the log; later ones are quick). */
  'runs.history': (arg: { runId: string; atSeq: number; participant: string }) => EventRow[];
  'runs.findEvent': (arg: { runId: string; fromSeq: number; direction: 1 | -1; kind: 'rejection' | 'participant'; participant?: string }) => EventRow | null;

  /** Playtest: a live run with one participant driven by the designer. */
  'live.start': (arg: { hunt: unknown; participant: string }) => { runId: string; detail: ParticipantDetail };
  'live.send': (arg: { runId: string; event: Record<string, unknown> }) => { rejected: RejectionReason | null; detail: ParticipantDetail };
  /**
   * Moves the playtest's clock to `t` (never back): timers up to `t` apply to the state shown
   * (a step opening, a deadline or closing passing) without a line in the log; a replay applies
   * them before the participant's next event. Later events must not be earlier than `t`.
   */
  'live.advance': (arg: { runId: string; t: number }) => { detail: ParticipantDetail };
  /** Ends the playtest: its stored run (kind "live") completes with what was played. Starting another also ends it. */
  'live.stop': (arg: { runId: string }) => { stopped: boolean };

  /** The organiser's console: a live hunt played on phones (docs/live.md). IPv4 addresses of this machine to serve on, and "every interface". */
  'console.networks': (arg: Record<string, never>) => NetworkChoice[];
  /** Live runs that have not ended and are not being served, newest first: going live with one carries it on. */
  'console.openRuns': (arg: Record<string, never>) => OpenLiveRun[];
  /**
   * Goes live on `bind`:`port` (0 picks a free port): a new live run of `hunt` (which must be valid),
   * or the open run `runId` carried on. The studio itself stays on loopback; this opens only that socket.
   */
  /** `https`: serve phones over HTTPS with the host's own certificate, so that they get GPS and the camera. */
  'console.goLive': (arg: { hunt?: unknown; runId?: string; bind: string; port: number; https?: boolean }) => LiveServing;
  /** What is being served now, or null. */
  'console.serving': (arg: Record<string, never>) => LiveServing | null;
  /** The live state, compact (a summary per team, per-step counts, the judging queue); the activity feed filtered by team, step and rejections, newest first. */
  'console.state': (arg: ActivityFilter) => ConsoleState;
  /** One team in full (its steps as its phones see them, its phones): the team chosen on the console. */
  'console.team': (arg: { team: string }) => TeamDetail;
  /** Accepts (with points, capped at the step's) or rejects a team's pending submission: a `judge` line. */
  'console.judge': (arg: { team: string; step: string; accept: boolean; points?: number }) => Verdict;
  /** Adds (or, negative, takes away) points with a reason: an `adjust` line. */
  'console.adjust': (arg: { team: string; points: number; reason: string }) => Verdict;
  /** Gives a team more time: an `extend` line. */
  'console.extend': (arg: { team: string; seconds: number }) => Verdict;
  /** A message to one team, or (no team) to everyone: shown on the phones at once, kept as a `message` line. */
  'console.message': (arg: { team?: string; text: string }) => Verdict;
  /** A submitted photo for the judging viewer. */
  'console.photo': (arg: { ref: string }) => { mime: string; dataUrl: string };
  /** Stops serving: the phones go offline and keep their actions; the run stays open, going live with it carries on. */
  'console.stopServing': (arg: Record<string, never>) => { runId: string };
  /** Ends the hunt: the run completes with its result; the phones are told. */
  'console.endHunt': (arg: Record<string, never>) => { runId: string; status: RunStatus };

  /**
   * What if (docs/what-if.md): each starts a job in memory on the host's worker threads and answers
   * at once with its first progress; progress on `whatif.progress`, sweep points on `whatif.point`,
   * the whole job (with its result once completed) from whatif.job; whatif.cancel stops it.
   * Compare: designs A and B played by the same simulated participants (run k of each: seed + k).
   */
  'whatif.compare': (arg: { a: DesignSource; b: DesignSource; participants: number; runs: number; seed: number; profiles: string | null }) => WhatIfProgress;
  /** Sweep: one or two fields of the hunt or of the profiles over a range, `runs` runs a point. */
  'whatif.sweep': (arg: { design: DesignSource; axes: SweepAxis[]; participants: number; runs: number; seed: number; profiles: string | null }) => WhatIfProgress;
  /**
   * Re-score: the lines of a stored run (`runId`, its own hunt the old one unless `oldHunt`) or of a
   * log (`logText`, with `oldHunt`) judged again under `hunt`.
   */
  'whatif.rescore': (arg: { hunt: unknown; runId?: string; logText?: string; oldHunt?: DesignSource }) => WhatIfProgress;
  /** Fork: a stored simulation kept up to event `at`, continued `runs` times with its own design and with `hunt` and/or `profiles`. */
  'whatif.fork': (arg: { runId: string; at: number; hunt?: DesignSource; profiles?: string | null; runs: number }) => WhatIfProgress;
  'whatif.job': (arg: { jobId: string }) => WhatIfJob;
  /** Stops a job; a sweep keeps the points done so far. Cancelling a job that ended is a conflict. */
  'whatif.cancel': (arg: { jobId: string }) => WhatIfProgress;
  /** The numeric fields a sweep can vary: the hunt's (by JSON pointer, list items by id) and the profiles' (profiles/NAME/…). */
  'whatif.fields': (arg: { hunt: unknown; profiles: string | null }) => { hunt: SweepField[]; profiles: SweepField[] };
};

export type Method = keyof Handlers;
export type Arg<M extends Method> = Parameters<Handlers[M]>[0];
export type Result<M extends Method> = ReturnType<Handlers[M]>;

/** Server-pushed messages (WebSocket or IPC events). */
export type Topics = {
  'run.progress': RunProgress;
  'runs.changed': { runId: string };
  'app.openHunt': { path: string };
  'app.menu': { command: 'new' | 'open' | 'save' | 'saveAs' | 'undo' | 'redo' | 'run' };
  /** A what-if job's progress (at most ten a second a job; its end always). */
  'whatif.progress': WhatIfProgress;
  /** A sweep point as soon as it is done (every one, none dropped). */
  'whatif.point': { jobId: string; point: PointResult };
};

/** What the renderer holds: every method made async, plus subscriptions. */
export type StudioApi = {
  call<M extends Method>(method: M, arg: Arg<M>): Promise<Awaited<Result<M>>>;
  subscribe<T extends keyof Topics>(topic: T, listener: (message: Topics[T]) => void): () => void;
};

/** An error crossing the boundary: a code the UI can branch on and a message for people. */
export type ApiErrorBody = {
  /**
   * bad-argument: the argument failed its schema (details: the issues, each with a path);
   * not-found: no such run, example, participant or file; invalid-hunt: the hunt is not JSON or not
   * valid where a valid one is needed (details: the ValidationReport or the syntax error);
   * io: a file could not be read or written; conflict: the run is not in a state that allows it;
   * unauthorized: the transport refused the caller (web host: missing or wrong token);
   * unknown-method: no such method in this build; internal: a bug (the message says what failed).
   */
  code: 'bad-argument' | 'not-found' | 'invalid-hunt' | 'io' | 'conflict' | 'unauthorized' | 'unknown-method' | 'internal';
  message: string;
  details?: unknown;
};
