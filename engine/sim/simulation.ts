// The discrete-event simulation: participants' events merged into one log in time
// order, generated lazily. A heap holds one entry per participant (its next action
// time; ties broken by participant index), so memory grows with the number of
// participants, never with the number of events. Everything depends only on the
// hunt, the profiles, the seed and the number of participants.
import type { Hunt } from '../hunt/schema';
import { compileHunt, type CompiledHunt } from '../hunt/compile';
import type { HuntEvent } from '../log/types';
import type { ParticipantState } from '../rules';
import { buildContext, type SimContext } from './context';
import { EventQueue } from './event-queue';
import { eventLine } from './event-line';
import { deriveStream, MAX_SEED, type RandomStream } from './random';
import { checkProfilesAgainstHunt, type Profile } from './profile';
import { SimParticipant } from './participant';

export type SimulationSettings = {
  participants: number;
  seed: number;
  profiles: Profile[];
};

/** A participant that will send nothing more, with its final rules state. */
export type EndedParticipant = {
  index: number;
  id: string;
  profile: string;
  state: ParticipantState;
  /** hunt/2: each submission's time and its judgement's, in pairs (null: it submitted nothing). */
  submissions: number[] | null;
};

export type SimulationCounts = { joined: number; ended: number; finished: number; quit: number; timedOut: number };

export const MAX_PARTICIPANTS = 10_000_000;

/** Checks settings; throws an Error naming the field. */
export function checkSettings(s: SimulationSettings): void {
  if (!Number.isInteger(s.participants) || s.participants < 1 || s.participants > MAX_PARTICIPANTS) {
    throw new Error(`participants: must be a whole number from 1 to ${MAX_PARTICIPANTS} (got ${s.participants})`);
  }
  if (!Number.isInteger(s.seed) || s.seed < 0 || s.seed > MAX_SEED) {
    throw new Error(`seed: must be a whole number from 0 to ${MAX_SEED} (got ${s.seed})`);
  }
  if (s.profiles.length === 0) throw new Error('profiles: at least one profile is needed');
  if (s.profiles.length > 255) throw new Error('profiles: at most 255 profiles');
}

/** Participant ids: `sim-` and the 1-based index, zero-padded so code-point order is numeric order. */
export function participantId(index: number, participants: number): string {
  return `sim-${String(index + 1).padStart(String(participants).length, '0')}`;
}

/**
 * Which profile each participant plays: exact counts from the shares (largest
 * remainder), dealt in a seeded random order so profiles mix across the population.
 */
export function assignProfiles(profiles: Profile[], participants: number, seed: number): Uint8Array {
  const total = profiles.reduce((a, p) => a + p.share, 0);
  const exact = profiles.map((p) => (p.share / total) * participants);
  const counts = exact.map(Math.floor);
  let left = participants - counts.reduce((a, c) => a + c, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left === 0) break;
    counts[i]++;
    left--;
  }
  const out = new Uint8Array(participants);
  let k = 0;
  counts.forEach((c, i) => out.fill(i, k, (k += c)));
  const rng = deriveStream(seed, -1);
  for (let i = participants - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

export class Simulation {
  compiled: CompiledHunt;
  ctx: SimContext;
  readonly assignment: Uint8Array;
  /** Lines produced so far. */
  events = 0;
  /** t of the last line produced. */
  virtualTime = 0;
  /** Participant index of the last line produced. */
  lastParticipant = -1;
  /** JSON text of the last line's participant id, and that participant's profile index. */
  lastQuotedId = '""';
  private lastProfile = 0;
  readonly counts: SimulationCounts = { joined: 0, ended: 0, finished: 0, quit: 0, timedOut: 0 };

  private readonly parts: (SimParticipant | null)[];
  private readonly queue: EventQueue;

  constructor(
    hunt: Hunt,
    public settings: SimulationSettings,
    private readonly onEnded?: (p: EndedParticipant) => void,
  ) {
    checkSettings(settings);
    this.compiled = compileHunt(hunt);
    checkProfilesAgainstHunt(settings.profiles, new Set(this.compiled.stepIndex.keys()), 'profiles');
    this.ctx = buildContext(this.compiled, settings.profiles);
    const n = settings.participants;
    this.assignment = assignProfiles(settings.profiles, n, settings.seed);
    const rank = new Uint32Array(settings.profiles.length);
    this.parts = new Array(n);
    this.queue = new EventQueue(n);
    for (let i = 0; i < n; i++) {
      const profileIndex = this.assignment[i];
      const profile = settings.profiles[profileIndex];
      const rng = deriveStream(settings.seed, i);
      const k = rank[profileIndex]++;
      const start = profile.start;
      const joinAt =
        start.mode === 'together'
          ? start.atSec
          : start.mode === 'waves'
            ? start.firstAtSec + (k % start.waves) * start.everySec
            : start.fromSec + rng.next() * start.overSec;
      const p = new SimParticipant(this.ctx, participantId(i, n), profileIndex, rng, joinAt);
      this.parts[i] = p;
      this.queue.push(p.actAt, i);
    }
    if (this.compiled.hasGroups) this.numberJoins();
  }

  /**
   * hunt-v2 §3.6: J is the number of joins applied before P's. The log orders lines by
   * time, then participant index, and each participant's first line is its join, so J is
   * P's rank in that order of join times.
   */
  private numberJoins(): void {
    const n = this.parts.length;
    const joinAt = new Float64Array(n);
    for (let i = 0; i < n; i++) joinAt[i] = this.parts[i]!.actAt;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => joinAt[a] - joinAt[b] || a - b);
    order.forEach((i, j) => (this.parts[i]!.joinIndex = j));
  }

  /** Time of the next line, Infinity when the log is complete. */
  peekTime(): number {
    return this.queue.peekTime();
  }

  /**
   * The next event of the log, or null when it is complete (already applied to its
   * participant's mirror; lastParticipant says whose it is). `lineOf` gives its line.
   */
  nextEvent(): HuntEvent | null {
    for (;;) {
      const i = this.queue.peek();
      if (i < 0) return null;
      const p = this.parts[i]!;
      const e = p.wake();
      if (p.ended) {
        this.queue.pop();
        this.end(i, p);
      } else this.queue.replaceTop(p.actAt);
      if (e === null) continue;
      this.events++;
      this.virtualTime = e.t;
      this.lastParticipant = i;
      this.lastQuotedId = p.quotedId;
      this.lastProfile = p.profileIndex;
      if (e.type === 'join') this.counts.joined++;
      return e;
    }
  }

  /** The log line of the event `nextEvent` returned last. */
  lineOf(e: HuntEvent): string {
    return eventLine(e, e.type === 'join' ? this.settings.profiles[this.lastProfile].name : undefined, this.lastQuotedId);
  }

  /** The next line of the log, or null when it is complete. */
  nextLine(): string | null {
    const e = this.nextEvent();
    return e === null ? null : this.lineOf(e);
  }

  /** Every remaining line, lazily. */
  *lines(): Generator<string> {
    for (let line = this.nextLine(); line !== null; line = this.nextLine()) yield line;
  }

  /**
   * A fork (engine/whatif/fork.ts): every participant still playing continues under
   * `hunt` and `profiles` (the same steps and profile names, checked by the caller)
   * from the state `stateOf` gives, drawing from `streamOf`'s stream (null: its own). What was
   * generated so far stays as it is.
   */
  rebase(hunt: Hunt, profiles: Profile[], stateOf: (index: number) => ParticipantState | null, streamOf: (index: number) => RandomStream | null): void {
    this.compiled = compileHunt(hunt);
    this.ctx = buildContext(this.compiled, profiles);
    this.settings = { ...this.settings, profiles };
    this.parts.forEach((p, i) => p?.rebase(this.ctx, stateOf(i), streamOf(i)));
  }

  private end(i: number, p: SimParticipant): void {
    const state = p.state!;
    this.counts.ended++;
    if (state.status === 'finished') this.counts.finished++;
    else if (state.status === 'quit') this.counts.quit++;
    else if (state.status === 'timed_out') this.counts.timedOut++;
    this.onEnded?.({ index: i, id: p.id, profile: this.settings.profiles[p.profileIndex].name, state, submissions: p.submissions });
    this.parts[i] = null;
  }
}
