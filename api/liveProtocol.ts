// The players' protocol: what a phone may send and what the host answers, checked at
// the edge (host/live/server.ts). A message that is not one of these, or has a field of the wrong type or
// size, is refused here and never reaches the log. Shared by the host, the players' page
// and the load benchmark, so all three speak exactly the same protocol.
import type { RejectionReason } from '../engine/log/types';

/** The WebSocket subprotocol; the device token travels as a second one (`token.<token>`). */
export const LIVE_WS_PROTOCOL = 'live.v1';
export const LIVE_TOKEN_PREFIX = 'token.';
export const LIVE_WS_PATH = '/play/ws';

/** Largest message a phone may send on the socket (an answer or a text submission fits many times). */
export const MAX_MESSAGE_BYTES = 8 * 1024;
export const MAX_TEAM_NAME = 40;
const MAX_STEP = 64;
const MAX_TEXT = 500;
const MAX_CODE = 200;
/** A judged step's text or an upload's ref. */
const MAX_REF = 4000;

/** The events a phone may send, by type, with their fields (spec §2; choose and submit are hunt/2). */
export type PlayerEvent =
  | { type: 'answer'; step: string; text: string }
  | { type: 'scan'; step: string; code: string }
  | { type: 'position'; lat: number; lon: number }
  | { type: 'hint'; step: string }
  | { type: 'choose'; step: string; choice: number }
  | { type: 'submit'; step: string; ref: string }
  | { type: 'quit' };

export type PlayerStep = {
  id: string;
  title: string;
  kind: string;
  prompt: string | null;
  status: string;
  points: number;
  score: number;
  /** The texts of the hints this team was given on the step. */
  hints: string[];
  hintsLeft: number;
  /** Seconds until the step closes (its own time limit), or null. */
  closesIn: number | null;
  /** Choice steps (hunt/2): the options to pick from. */
  choices: string[] | null;
};

export type TeamView = {
  team: string;
  name: string;
  status: string;
  score: number;
  /** Seconds until the team's hunt time is up, or null without a time limit. */
  timeLeft: number | null;
  /** The host's t when this view was made. */
  t: number;
  steps: PlayerStep[];
};

/** A photo ref: `photo/<sha256>.<ext>` (host/live/uploads.ts stores it); anything else in a submission is a text. */
export const PHOTO_REF = /^photo\/([0-9a-f]{64})\.(jpg|png|webp)$/;

export function isPhotoRef(ref: string): boolean {
  return PHOTO_REF.test(ref);
}

export type ClientMessage = { type: 'act'; n: number; event: PlayerEvent } | { type: 'sync' };

export type OrganiserMessage = { t: number; to: string | null; text: string };

export type ServerMessage =
  | { type: 'welcome'; device: string; team: string; teamName: string; lastAction: number; view: TeamView | null; messages: OrganiserMessage[] }
  | { type: 'ack'; n: number; seq: number; t: number; rejected: RejectionReason | null; view: TeamView | null }
  /** retry: the action was not taken (rate limit, host shutting down): send it again later. Otherwise it never will be. */
  | { type: 'refused'; n: number | null; reason: string; retry: boolean }
  | { type: 'view'; view: TeamView }
  | { type: 'message'; message: OrganiserMessage }
  | { type: 'ended' };

type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Parses one socket message from a phone. Only the known fields of a known type are kept. */
export function parseClientMessage(text: string): Result<ClientMessage> {
  if (text.length > MAX_MESSAGE_BYTES) return { ok: false, reason: `message larger than ${MAX_MESSAGE_BYTES} bytes` };
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof m !== 'object' || m === null) return { ok: false, reason: 'not an object' };
  const o = m as Record<string, unknown>;
  if (o.type === 'sync') return { ok: true, value: { type: 'sync' } };
  if (o.type !== 'act') return { ok: false, reason: 'type must be "act" or "sync"' };
  if (!Number.isSafeInteger(o.n) || (o.n as number) < 1) return { ok: false, reason: 'n must be a whole number ≥ 1 (the device numbers its actions)' };
  const event = parsePlayerEvent(o.event);
  if (!event.ok) return event;
  return { ok: true, value: { type: 'act', n: o.n as number, event: event.value } };
}

export function parsePlayerEvent(v: unknown): Result<PlayerEvent> {
  if (typeof v !== 'object' || v === null) return { ok: false, reason: 'event must be an object' };
  const e = v as Record<string, unknown>;
  const bad = (field: string, what: string): Result<PlayerEvent> => ({ ok: false, reason: `event.${field} must be ${what}` });
  const step = () => str(e.step, MAX_STEP);
  switch (e.type) {
    case 'answer':
      if (!step()) return bad('step', 'a step id');
      if (!str(e.text, MAX_TEXT)) return bad('text', `a text of 1 to ${MAX_TEXT} characters`);
      return { ok: true, value: { type: 'answer', step: e.step as string, text: e.text } };
    case 'scan':
      if (!step()) return bad('step', 'a step id');
      if (!str(e.code, MAX_CODE)) return bad('code', `a code of 1 to ${MAX_CODE} characters`);
      return { ok: true, value: { type: 'scan', step: e.step as string, code: e.code } };
    case 'position':
      if (!num(e.lat) || Math.abs(e.lat) > 90) return bad('lat', 'a latitude');
      if (!num(e.lon) || Math.abs(e.lon) > 180) return bad('lon', 'a longitude');
      return { ok: true, value: { type: 'position', lat: e.lat, lon: e.lon } };
    case 'hint':
      if (!step()) return bad('step', 'a step id');
      return { ok: true, value: { type: 'hint', step: e.step as string } };
    case 'choose':
      if (!step()) return bad('step', 'a step id');
      if (!Number.isSafeInteger(e.choice) || (e.choice as number) < 0) return bad('choice', 'a whole number ≥ 0');
      return { ok: true, value: { type: 'choose', step: e.step as string, choice: e.choice as number } };
    case 'submit':
      if (!step()) return bad('step', 'a step id');
      if (!str(e.ref, MAX_REF)) return bad('ref', `an upload's ref or a text of 1 to ${MAX_REF} characters`);
      return { ok: true, value: { type: 'submit', step: e.step as string, ref: e.ref } };
    case 'quit':
      return { ok: true, value: { type: 'quit' } };
    default:
      return { ok: false, reason: 'event.type must be one of answer, scan, position, hint, choose, submit, quit' };
  }
}

/**
 * A team name as it is kept: control characters removed, spaces collapsed, at most
 * MAX_TEAM_NAME characters. It is text: every screen shows it as text, never as HTML.
 */
export function cleanTeamName(v: unknown): Result<string> {
  if (typeof v !== 'string') return { ok: false, reason: 'team must be a name' };
  // eslint-disable-next-line no-control-regex
  const name = v.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  if (name.length === 0) return { ok: false, reason: 'the team name is empty' };
  if (name.length > MAX_TEAM_NAME) return { ok: false, reason: `the team name is longer than ${MAX_TEAM_NAME} characters` };
  return { ok: true, value: name };
}
