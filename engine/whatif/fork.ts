// Forking a simulation at event S: the first S events are generated exactly as the
// stored run's, then every participant still playing continues under an edited hunt
// (the same steps) or other profiles (the same names), from its state under that hunt,
// with its own random stream (continuation 0: unchanged, this is the original run) or
// a fresh one (continuation k ≥ 1: the streams of seed + k). In memory, like any what-if run.
import type { Hunt } from '../hunt/schema';
import { compileHunt, type CompiledHunt } from '../hunt/compile';
import type { HuntEvent, JoinEvent } from '../log/types';
import { advanceTo, applyEvent, joinParticipant, participantScore, type ParticipantState } from '../rules';
import { Simulation, type EndedParticipant, type SimulationSettings } from '../sim/simulation';
import { SimulationRecorder } from '../sim/recorder';
import { deriveStream } from '../sim/random';
import type { Profile } from '../sim/profile';
import type { RunOutcome } from './run-in-memory';

export type ForkPlan = {
  /** Events kept as generated (the stored run's seq 1..at). */
  at: number;
  hunt: Hunt;
  profiles: Profile[];
  /** 0: every participant's own stream goes on; k ≥ 1: the streams of seed + k. */
  continuation: number;
};

/** Throws naming what differs when the fork would change the steps or the profile names. */
export function checkForkable(original: { hunt: Hunt; profiles: Profile[] }, next: { hunt: Hunt; profiles: Profile[] }): void {
  const steps = (h: Hunt) => h.steps.map((s) => `${s.id} (${s.kind})`).join(', ');
  if (steps(original.hunt) !== steps(next.hunt)) {
    throw new Error(`a fork keeps the hunt's steps (ids, kinds and order) and changes only their settings: the run has ${steps(original.hunt)}; the new hunt has ${steps(next.hunt)}`);
  }
  const names = (ps: Profile[]) => ps.map((p) => p.name).join(', ');
  if (names(original.profiles) !== names(next.profiles)) {
    throw new Error(`a fork keeps who plays which profile, so its profiles need the run's names in the same order (${names(original.profiles)}), got ${names(next.profiles)}`);
  }
}

/** `joinIndex`: J of hunt-v2 §3.6, the joins before this participant's (its place in the rotation groups). */
function replay(h: CompiledHunt, events: HuntEvent[], joinIndex: number): ParticipantState | null {
  if (events.length === 0) return null;
  let s = joinParticipant(h, events[0] as JoinEvent, joinIndex); // a participant's first event is its join
  for (let k = 1; k < events.length; k++) s = applyEvent(h, s, events[k]).state;
  return s;
}

export function forkInMemory(hunt: Hunt, settings: SimulationSettings, plan: ForkPlan): RunOutcome {
  checkForkable({ hunt, profiles: settings.profiles }, plan);
  const n = settings.participants;
  const next = compileHunt(plan.hunt);
  const recorder = new SimulationRecorder(next, false);
  const scores = new Float64Array(n);
  const finishTimes = new Float64Array(n).fill(NaN);
  const record = (index: number, profile: string, state: ParticipantState, submissions: number[] | null) => {
    recorder.onEnded({ index, id: state.id, profile, state, submissions });
    scores[index] = participantScore(next, state);
    if (state.status === 'finished' && state.finishedAt !== null) finishTimes[index] = state.finishedAt - state.joinedAt;
  };
  let forked = false;
  const endedBefore: EndedParticipant[] = [];
  const sim = new Simulation(hunt, settings, (p) => (forked ? record(p.index, p.profile, p.state, p.submissions) : endedBefore.push(p)));
  const events: HuntEvent[][] = Array.from({ length: n }, () => []);
  const joinIndex = new Uint32Array(n);
  let joins = 0;
  for (let k = 0; k < plan.at; k++) {
    const e = sim.nextEvent();
    if (e === null) break;
    if (e.type === 'join') joinIndex[sim.lastParticipant] = joins++;
    events[sim.lastParticipant].push(e);
  }
  forked = true;
  sim.rebase(plan.hunt, plan.profiles, (i) => replay(next, events[i], joinIndex[i]), (i) => (plan.continuation === 0 ? null : deriveStream(settings.seed + plan.continuation, i)));
  while (sim.nextEvent() !== null);
  // Those who had ended by S: their events under the new hunt, its deadlines up to the end.
  for (const p of endedBefore) record(p.index, p.profile, advanceTo(next, replay(next, events[p.index], joinIndex[p.index])!, sim.virtualTime), p.submissions);
  return { seed: settings.seed + plan.continuation, summary: recorder.summary(), scores, finishTimes, events: sim.events };
}
