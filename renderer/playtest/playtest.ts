// The playtest session: one participant the designer plays, on a virtual clock
// the designer controls. Kept outside the screen so switching screens keeps it.
import type { ParticipantDetail, RejectionReason } from '../../api/contract';
import { api } from '../api';
import { createStore } from '../state/store';

export type SentEvent = { event: Record<string, unknown>; rejected: RejectionReason | null };

export type PlaytestState = {
  runId: string | null;
  participant: string;
  /** The hunt as it was when the session started (edits later do not change a running session). */
  hunt: unknown;
  detail: ParticipantDetail | null;
  clock: number;
  position: { lat: number; lon: number } | null;
  sent: SentEvent[];
};

export const playtest = createStore<PlaytestState>({ runId: null, participant: 'designer', hunt: null, detail: null, clock: 0, position: null, sent: [] });

export async function startPlaytest(hunt: unknown, participant: string): Promise<void> {
  const { runId, detail } = await api().call('live.start', { hunt, participant });
  playtest.set({ runId, participant, hunt, detail, clock: detail.joinedAt, position: null, sent: [] });
}

/** Sends one event at the current clock; the clock never goes backwards. */
export async function send(type: string, fields: Record<string, unknown> = {}): Promise<SentEvent> {
  await clockChain;
  const s = playtest.get();
  if (!s.runId) throw new Error('Start a playtest first.');
  const event = { t: s.clock, p: s.participant, type, ...fields };
  const { rejected, detail } = await api().call('live.send', { runId: s.runId, event });
  const entry = { event, rejected };
  playtest.set((p) => ({
    ...p,
    detail,
    sent: [...p.sent, entry],
    position: type === 'position' && !rejected ? { lat: fields.lat as number, lon: fields.lon as number } : p.position,
  }));
  return entry;
}

/** Clock moves are sent one after another, so a later one never reaches the host first. */
let clockChain: Promise<unknown> = Promise.resolve();

/**
 * Moves the virtual clock to t (never back) and asks the host to apply the timers up to it
 * (live.advance), so a step opening or a deadline passing shows while the designer waits.
 */
function moveClock(to: (clock: number) => number): Promise<void> {
  const s = playtest.get();
  const t = Math.max(s.clock, Math.round(to(s.clock) * 10) / 10);
  playtest.set((p) => ({ ...p, clock: t }));
  const runId = s.runId;
  if (!runId) return Promise.resolve();
  const next = clockChain.then(async () => {
    const { detail } = await api().call('live.advance', { runId, t });
    playtest.set((p) => (p.runId === runId ? { ...p, detail } : p));
  });
  clockChain = next.catch(() => undefined);
  return next;
}

export function advanceClock(seconds: number): Promise<void> {
  return moveClock((c) => c + seconds);
}

export function setClock(t: number): Promise<void> {
  return moveClock(() => t);
}

/** The organiser's lines (judge, adjust, extend) say who wrote them, as hunt-v2 §2 keeps any extra field. */
export function sendAsOrganiser(type: 'judge' | 'adjust' | 'extend', fields: Record<string, unknown>): Promise<SentEvent> {
  return send(type, { ...fields, by: 'organiser' });
}

/** Ends the session: its stored run completes (live.stop) and the start form is shown again. */
export async function endPlaytest(): Promise<void> {
  const runId = playtest.get().runId;
  playtest.set((s) => ({ ...s, runId: null, detail: null, sent: [], position: null }));
  if (runId) await api().call('live.stop', { runId });
}
