// The organiser's console of a live hunt, as the studio sees it: going live on a
// network address, the live state (leaderboard, activity, per-step progress, judging
// queue, devices, figures) and the interventions. The host builds these
// (host/live/organiser.ts, host/api/console.ts); the studio only shows them.
import type { RejectionReason } from '../engine/log/types';
import type { OrganiserMessage, TeamView } from './liveProtocol';

/** The participant (`p`) of a message to every team: it names no team. */
export const EVERYONE = '*';

/** The verdict of a line the live host wrote: its place in the log, its time, and whether the rules took it. */
export type Verdict = { seq: number; t: number; rejected: RejectionReason | null };

/** One entry of the activity feed: a line of the log as the console shows it. */
export type Activity = { seq: number; t: number; p: string; type: string; step: string | null; rejected: RejectionReason | null; dev: string | null; line: string };

/** A submission waiting for the organiser's judgement (a judged step pending, hunt/2). */
export type PendingJudgement = { team: string; teamName: string; step: string; title: string; ref: string; t: number; seq: number };

/** The live host's figures (also served as OpenMetrics on /metrics). */
export type LiveFigures = {
  connectedDevices: number;
  actionsPerSec: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  queueDepth: number;
  rssMb: number;
  heapUsedMb: number;
};

export type DeviceInfo = { id: string; connected: boolean; lastSeenAgoSec: number | null };

export type ActivityFilter = { team?: string; step?: string; rejectedOnly?: boolean; limit?: number };

/**
 * One team on the leaderboard: what a row shows, nothing more (its steps' prompts and hints
 * stay on the host; console.team gives one team's full view). Teams come by rank.
 */
export type TeamSummary = {
  /** Place on the board (1 = most points; equal scores by name). */
  rank: number;
  team: string;
  name: string;
  status: string;
  score: number;
  solved: number;
  /** Seconds until the team's hunt time is up, or null without a time limit. */
  timeLeft: number | null;
  /** Phones registered for the team, and of them connected now. */
  phones: number;
  online: number;
  /** Seconds since any phone of the team was last heard of (0 while one is connected), or null. */
  lastSeenAgoSec: number | null;
};

/** Of all teams, how many have a step open, waiting for judgement, solved, failed. */
export type StepProgress = { id: string; title: string; kind: string; available: number; pending: number; solved: number; failed: number };

/** A submission waiting for judgement, with the most points accepting it can give. */
export type ConsoleJudgement = PendingJudgement & { points: number };

/** What the console polls (console.state): compact at any number of teams. */
export type ConsoleState = {
  runId: number;
  huntTitle: string;
  /** The hunt's format: judging, adjusting and extending need hunt/2. */
  format: string;
  code: string;
  joinUrls: string[];
  t: number;
  ended: boolean;
  teams: TeamSummary[];
  steps: StepProgress[];
  activity: Activity[];
  judging: ConsoleJudgement[];
  messages: OrganiserMessage[];
  figures: LiveFigures;
};

/** One team in full, for the team chosen on the console (console.team): its view as its phones see it, and its phones. */
export type TeamDetail = TeamView & { devices: DeviceInfo[] };

/** A network address the live host can listen on (IPv4). */
export type NetworkChoice = {
  /** What is passed as `bind`: an address of this machine, or 0.0.0.0 for all of them. */
  address: string;
  /** The interface's name (wlan0, en0, Wi-Fi…), or "every interface". */
  name: string;
  /** Loopback: only this machine can connect (phones cannot). */
  internal: boolean;
};

/** What the studio is serving: the interface and port opened, and how players join. */
export type LiveServing = {
  runId: string;
  huntTitle: string;
  bind: string;
  port: number;
  /** In words: which interface is open, and who can reach it. */
  opened: string;
  code: string;
  /** The addresses phones open, each with its QR code (a PNG data URL made on this machine). */
  join: { url: string; qr: string }[];
  /** True when an interrupted live run was carried on. */
  reopened: boolean;
  /**
   * The host's certificate's SHA-256 fingerprint when served over HTTPS (players accept the
   * browser's warning once; the organiser can compare this with what a phone shows), else null.
   */
  tlsFingerprint: string | null;
  /** For the organiser's own Prometheus: GET /metrics with Authorization: Bearer TOKEN. */
  metricsUrl: string;
  organiserToken: string;
};

/** A live run that has not ended and is not being served: going live again carries it on. */
export type OpenLiveRun = {
  runId: string;
  huntId: string;
  huntTitle: string;
  code: string;
  teams: number;
  events: number;
  createdAt: string;
  /** Where it was served last (phones reconnect to that address by themselves), when known. */
  lastBind: string | null;
  lastPort: number | null;
  /** Whether it was last served over HTTPS (phones reconnect only to the same address). */
  lastHttps: boolean;
};
