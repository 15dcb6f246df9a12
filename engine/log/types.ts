// Event log v1 (spec §2) and v2 (hunt-v2 §2) and replay results (spec §4): the types
// every layer shares: engine, runtime workers, database, simulation, API and studio.

/** The event types of a hunt/1 log. */
export const EVENT_TYPES_V1 = ['join', 'answer', 'scan', 'position', 'hint', 'quit'] as const;
/** A hunt/2 log adds the participant's choose and submit and the organiser's judge, adjust and extend. */
export const EVENT_TYPES = [...EVENT_TYPES_V1, 'choose', 'submit', 'judge', 'adjust', 'extend'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

type EventBase = {
  /** Seconds since the hunt session started (virtual time). */
  t: number;
  /** Participant id: a solo player or a team. */
  p: string;
};
export type JoinEvent = EventBase & { type: 'join'; name?: string };
export type AnswerEvent = EventBase & { type: 'answer'; step: string; text: string };
export type ScanEvent = EventBase & { type: 'scan'; step: string; code: string };
export type PositionEvent = EventBase & { type: 'position'; lat: number; lon: number };
export type HintEvent = EventBase & { type: 'hint'; step: string };
export type QuitEvent = EventBase & { type: 'quit' };
export type ChooseEvent = EventBase & { type: 'choose'; step: string; choice: number };
export type SubmitEvent = EventBase & { type: 'submit'; step: string; ref: string };
/** The organiser's verdict on P's pending submission; `points` (≤ the step's) only counts when accepted. */
export type JudgeEvent = EventBase & { type: 'judge'; step: string; accept: boolean; points?: number };
export type AdjustEvent = EventBase & { type: 'adjust'; points: number; reason?: string };
export type ExtendEvent = EventBase & { type: 'extend'; seconds: number };
/** A log line that passed the log-level checks (spec §3.10 checks 1 to 4). */
export type HuntEvent =
  | JoinEvent
  | AnswerEvent
  | ScanEvent
  | PositionEvent
  | HintEvent
  | QuitEvent
  | ChooseEvent
  | SubmitEvent
  | JudgeEvent
  | AdjustEvent
  | ExtendEvent;

/** Rejection reasons, spelled exactly as the spec (§3.10). */
export const REJECTION_REASONS = [
  'malformed',
  'time-backwards',
  'unknown-type',
  'duplicate-join',
  'unknown-participant',
  'participant-not-active',
  'unknown-step',
  'wrong-kind',
  'step-not-available',
  'no-hint-left',
  'bad-choice',
  'not-pending',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export type Rejection = { line: number; reason: RejectionReason };

/** `pending`: a judged step whose submission awaits the organiser's judgement (hunt/2). */
export type StepStatus = 'locked' | 'available' | 'pending' | 'solved' | 'failed';
export type ParticipantStatus = 'active' | 'finished' | 'timed_out' | 'quit';

/** How many participants are in each status. */
export type StatusCounts = Record<ParticipantStatus, number>;

/** One participant in a result (spec §4). */
export type ParticipantResult = {
  id: string;
  status: ParticipantStatus;
  score: number;
  solved: string[];
  failed: string[];
  hintsUsed: number;
  finishedAt: number | null;
};

/** What `hunt replay --json` prints (spec §4). */
export type ReplayResult = {
  hunt: string;
  events: number;
  applied: number;
  rejected: Rejection[];
  endTime: number;
  participants: ParticipantResult[];
};
