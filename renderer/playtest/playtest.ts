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

export function advanceClock(seconds: number): void {
  playtest.set((s) => ({ ...s, clock: Math.round((s.clock + seconds) * 10) / 10 }));
}

export function setClock(t: number): void {
  playtest.set((s) => ({ ...s, clock: Math.max(s.clock, t) }));
}

/** Ends the session: its stored run completes (live.stop) and the start form is shown again. */
export async function endPlaytest(): Promise<void> {
  const runId = playtest.get().runId;
  playtest.set((s) => ({ ...s, runId: null, detail: null, sent: [], position: null }));
  if (runId) await api().call('live.stop', { runId });
}
