// One simulated participant: decides, from its profile and its own random stream,
// what it does next, and mirrors its rules state with the engine's own rule
// functions (engine/rules) so it always knows which steps are open, which failed by
// a deadline and when the hunt's time is up. Works on one step at a time, like a
// team around one phone.
//
// hunt/2: it also plays the simulated organiser's part for itself, judging each of its
// submissions after a delay (and, when its profile asks, the organiser's corrections).
// Those events are scheduled beside its own actions; `actAt` is whichever comes first,
// so one participant's lines still come out in time order and the log still depends on
// nothing but its own random stream.
import {
  advanceTo,
  applyEvent,
  hintsTaken,
  huntDeadline,
  inPlace,
  isAvailable,
  isLocked,
  isPending,
  joinParticipant,
  nextStepTimerAt,
  participantScore,
  readyToOpen,
  wrongAttempts,
  type ParticipantState,
} from '../rules';
import type { HuntEvent } from '../log/types';
import type { SimContext } from './context';
import type { Profile } from './profile';
import { roundDegrees, roundTime } from './event-line';
import type { RandomStream } from './random';

type Phase = 'think' | 'walk' | 'stand' | 'search';

/** An event the simulated organiser sends about this participant at `at`. */
type OrganiserAction =
  | { at: number; type: 'judge'; step: string; accept: boolean; points: number | undefined; submittedAt: number }
  | { at: number; type: 'extend'; seconds: number }
  | { at: number; type: 'adjust'; points: number };

/** How long before a participant's hunt deadline the organiser gives extra time (profile `corrections.extend`). */
export const EXTEND_BEFORE_END_SEC = 300;

export class SimParticipant {
  state: ParticipantState | null = null;
  /** The id as a JSON string, made once: every line starts with it. */
  readonly quotedId: string;
  /** True once it will send nothing more (finished, quit or timed out, and every submission judged). */
  ended = false;
  /** J of hunt-v2 §3.6: participants who join before this one (set by the Simulation for hunts with rotation groups). */
  joinIndex = 0;
  /** hunt/2: each submission's time and its judgement's, in pairs (the judging queue of the summary); null until one. */
  submissions: number[] | null = null;
  // The number fields start as numbers where they are declared. Declared bare, a class
  // field first holds undefined, and V8 then keeps a fresh heap box for every number
  // stored in it: three per move for 100k walkers, each living until that participant's
  // next action, which promoted them all to the old generation.
  /** Time of the next action (already rounded to the log's precision). */
  actAt = 0;

  private profile: Profile;
  private speed: number = 0;
  // Position and destination in the local frame, as plain numbers: these change on
  // every move, and fresh objects each time would be garbage for 100k walkers.
  private x = 0;
  private y = 0;
  private destX = 0;
  private destY = 0;
  private current = -1;
  private phase: Phase = 'think';
  /** When the participant counts as stuck from (NaN until it is working on the step for real). */
  private stuckSince = NaN;
  private hintClock = 0;
  private wrongOnStep = 0;
  private wrongSinceHint = 0;
  private lastMove = 0;
  private searchUntil = 0;
  /** Its own next action (actAt is the earlier of this and the organiser's next event). */
  private ownAt = 0;
  /** True once its own playing is over (it may still be waiting for judgements). */
  private done = false;
  /** The organiser's events still to come, earliest first; null while there are none. */
  private organiser: OrganiserAction[] | null = null;
  /** Per step, for hunts with bonus steps: 0 not yet decided, 1 wants to do it, 2 skips it. */
  private bonusWanted: Uint8Array | null = null;
  /** Choice indices already tried wrongly on the current step (a player does not pick the same wrong one twice). */
  private triedChoices: number[] | null = null;
  /** Whether the last attempt drawn was right (a judged step's submission is judged by it). */
  private lastRight = false;

  constructor(
    private ctx: SimContext,
    readonly id: string,
    readonly profileIndex: number,
    private rng: RandomStream,
    joinAt: number,
  ) {
    this.profile = ctx.profiles[profileIndex];
    this.quotedId = JSON.stringify(id);
    this.actAt = roundTime(joinAt);
    this.ownAt = this.actAt;
    this.speed = this.profile.walk.speedMps * Math.exp(this.profile.walk.speedSpread * rng.normal());
    // Everyone gathers near the meeting point, within about 50 m of it.
    const r = 50 * Math.sqrt(rng.next());
    const a = 2 * Math.PI * rng.next();
    this.x = ctx.meetingPoint.x + r * Math.cos(a);
    this.y = ctx.meetingPoint.y + r * Math.sin(a);
  }

  /**
   * A fork (engine/whatif/fork.ts): from now on the participant plays `ctx` (an edited
   * hunt with the same steps, or other profiles), from `state` (its events so far under
   * that hunt), drawing from `rng` (null: its own stream goes on). Where it stands and where it walks to carry over;
   * a walk to its step's target goes to that step's target in the new hunt; its own
   * speed factor is kept.
   */
  rebase(ctx: SimContext, state: ParticipantState | null, rng: RandomStream | null): void {
    const old = this.ctx;
    const wasTarget = this.current >= 0 && old.targets[this.current] !== null && this.destIsTarget();
    const move = (x: number, y: number) => ctx.frame.toPoint(old.frame.toLat(y), old.frame.toLon(x));
    const here = move(this.x, this.y);
    const dest = wasTarget ? ctx.targets[this.current]! : move(this.destX, this.destY);
    this.x = here.x;
    this.y = here.y;
    this.destX = dest.x;
    this.destY = dest.y;
    this.speed *= ctx.profiles[this.profileIndex].walk.speedMps / this.profile.walk.speedMps;
    this.ctx = ctx;
    this.profile = ctx.profiles[this.profileIndex];
    this.state = state;
    if (rng) this.rng = rng;
  }

  /**
   * Wakes the participant at `actAt`: returns the event it sends now (already applied
   * to its mirror), or null when it only changed plan (then `actAt` moved on) or has
   * ended (`ended`). Events come out in non-decreasing time.
   */
  wake(): HuntEvent | null {
    const org = this.organiser;
    if (org !== null && org[0].at <= this.ownAt) {
      // The organiser first at equal times: a judgement is seen by the participant's own next action.
      const e = this.organiserEvent(org.shift()!);
      if (org.length === 0) this.organiser = null;
      this.reschedule();
      return e;
    }
    this.actAt = this.ownAt;
    const e = this.ownAction();
    this.ownAt = this.done ? Infinity : this.actAt;
    this.reschedule();
    return e;
  }

  private reschedule(): void {
    const org = this.organiser;
    this.actAt = org === null ? this.ownAt : Math.min(this.ownAt, org[0].at);
    if (this.done && org === null) this.ended = true;
  }

  private ownAction(): HuntEvent | null {
    const h = this.ctx.h;
    const t = this.actAt;
    if (this.state === null) {
      const e: HuntEvent = { t, p: this.id, type: 'join' };
      this.state = joinParticipant(h, e, this.joinIndex);
      this.planExtension();
      return e;
    }
    if (this.done || this.state.status !== 'active') {
      this.stopPlaying(t);
      return null;
    }
    // In place: the mirror is this participant's own.
    const s = advanceTo(h, this.state, t, inPlace);
    if (s.status !== 'active') return this.lateAttempt(t);
    if (this.current < 0 || !isAvailable(s, this.current)) return this.chooseStep(t);
    return this.act(t);
  }

  /** Its own playing is over at t: the organiser may still correct its score (profile `corrections.adjust`). */
  private stopPlaying(t: number): void {
    if (this.done) return;
    this.done = true;
    const adjust = this.profile.corrections?.adjust;
    if (adjust && this.rng.chance(adjust.chance)) this.plan({ at: t, type: 'adjust', points: adjust.points });
  }

  /** Profile `corrections.extend`: extra time shortly before the hunt deadline, for those still playing then. */
  private planExtension(): void {
    const extend = this.profile.corrections?.extend;
    const deadline = huntDeadline(this.ctx.h, this.state!);
    if (!extend || deadline === Infinity || !this.rng.chance(extend.chance)) return;
    this.plan({ at: roundTime(Math.max(this.state!.joinedAt, deadline - EXTEND_BEFORE_END_SEC)), type: 'extend', seconds: extend.seconds });
  }

  /** Adds an organiser's event, kept in time order (equal times in the order planned). */
  private plan(a: OrganiserAction): void {
    const org = (this.organiser ??= []);
    let k = org.length;
    while (k > 0 && org[k - 1].at > a.at) k--;
    org.splice(k, 0, a);
  }

  /** The organiser's event, applied to the mirror; null when it no longer applies (extra time for someone who stopped). */
  private organiserEvent(a: OrganiserAction): HuntEvent | null {
    const h = this.ctx.h;
    const t = a.at;
    switch (a.type) {
      case 'judge': {
        (this.submissions ??= []).push(a.submittedAt, t);
        const e: HuntEvent = { t, p: this.id, type: 'judge', step: a.step, accept: a.accept };
        if (a.points !== undefined) e.points = a.points;
        return this.send(e);
      }
      case 'adjust':
        return this.send({ t, p: this.id, type: 'adjust', points: a.points });
      case 'extend': {
        // Check 6 holds for extend: only while the participant plays (its timers up to t first).
        if (this.done || advanceTo(h, this.state!, t, inPlace).status !== 'active') return null;
        return this.send({ t, p: this.id, type: 'extend', seconds: a.seconds });
      }
    }
  }

  private think(): number {
    const { median, spread } = this.profile.thinkTimeSec;
    return this.rng.logNormal(median, spread);
  }

  private report(): number {
    // ±20% jitter so thousands of phones do not report in lock-step.
    return this.profile.walk.reportEverySec * (0.8 + 0.4 * this.rng.next());
  }

  private schedule(after: number): void {
    this.actAt = roundTime(this.actAt + after);
  }

  /**
   * Picks the next step to work on at t (returns null), or, with none open, waits for what
   * can still open one (a judgement, an opening, a closing or deadline), or quits when
   * nothing can (a branch that stays locked, or a longer wait than `waitUpToSec`).
   */
  private chooseStep(t: number): HuntEvent | null {
    const h = this.ctx.h;
    const s = this.state!;
    let open = 0;
    for (let i = 0; i < h.steps.length; i++) if (this.wants(i)) open++;
    if (open === 0) return this.nothingOpen(t);
    this.current = this.pickAmong(open);
    this.phase = 'think';
    // A judged step can come back after a rejected submission: its wrong attempts so far count.
    this.wrongOnStep = wrongAttempts(h, s, this.current);
    this.wrongSinceHint = 0;
    this.triedChoices = null;
    this.hintClock = t;
    // Walking to a location is not being stuck: for location steps the clock starts on arrival.
    this.stuckSince = h.steps[this.current].kind === 'location' ? NaN : t;
    this.actAt = t;
    this.schedule(this.think());
    return null;
  }

  /** Whether the participant would work on step i now: it is open and, for a bonus step, it has the appetite. */
  private wants(i: number): boolean {
    if (!isAvailable(this.state!, i)) return false;
    const h = this.ctx.h;
    // The finish step is never a bonus step, even when marked optional (hunt-v2 §1, finish-step-optional).
    if (this.ctx.hasOptional && h.steps[i].optional && i !== h.finishStep) {
      const wanted = (this.bonusWanted ??= new Uint8Array(h.steps.length));
      // Decided once per step, the first time it is seen open.
      if (wanted[i] === 0) wanted[i] = this.rng.chance(this.ctx.v2[this.profileIndex].bonus) ? 1 : 2;
      return wanted[i] === 1;
    }
    return !this.shortcuts() || this.stillOpensSomething(i);
  }

  /** Profile `shortcut`, in a hunt with a finish step, until nothing else is left to do. */
  private shortcuts(): boolean {
    return !this.noShortcut && this.ctx.h.finishStep !== null && this.ctx.v2[this.profileIndex].shortcut;
  }

  /** Set once a shortcutting participant has nothing else to do: it then takes the steps it skipped. */
  private noShortcut = false;

  /**
   * Whether doing step i can still open a step: it is the finish step, or a step that depends
   * on it is locked for want of more than its opening time (an any-of already met, a branch
   * already open: doing i changes nothing there).
   */
  private stillOpensSomething(i: number): boolean {
    const h = this.ctx.h;
    const s = this.state!;
    if (i === h.finishStep) return true;
    let score: number | null = null;
    for (const j of h.steps[i].dependents) {
      if (!isLocked(s, j)) continue;
      score ??= participantScore(h, s);
      if (!readyToOpen(h, s, j, score)) return true;
    }
    return false;
  }

  /** Which of the `open` wanted steps to work on, by the profile's `branch` rule. */
  private pickAmong(open: number): number {
    const h = this.ctx.h;
    const strategy = this.ctx.v2[this.profileIndex].branch;
    let best = -1;
    let bestScore = -Infinity;
    let k = strategy === 'random' ? this.rng.below(open) : 0;
    for (let i = 0; i < h.steps.length; i++) {
      if (!this.wants(i)) continue;
      if (strategy === 'random') {
        if (k-- === 0) return i;
        continue;
      }
      if (strategy === 'first') return i;
      // easiest: the highest solve chance; nearest: the shortest walk (a step without a place is here).
      const target = this.ctx.targets[i];
      const score = strategy === 'easiest' ? this.ctx.solveProbability[this.profileIndex][i] : target === null ? 0 : -Math.hypot(target.x - this.x, target.y - this.y);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  /** No step it wants is open at t. */
  private nothingOpen(t: number): HuntEvent | null {
    const h = this.ctx.h;
    const s = this.state!;
    this.current = -1;
    const judgement = this.organiser?.find((a) => a.type === 'judge')?.at ?? Infinity;
    const timer = nextStepTimerAt(h, s);
    const wakeAt = Math.min(judgement, timer);
    // Nothing can open a step it wants (a branch that stays locked; a bonus step it skipped
    // stays skipped), or the wait is longer than it will wait: it stops.
    if (judgement === Infinity && (timer === Infinity || timer - t > this.ctx.v2[this.profileIndex].waitUpToSec)) {
      // A shortcutting participant takes the steps it skipped rather than stop.
      if (this.shortcuts()) {
        this.noShortcut = true;
        return this.chooseStep(t);
      }
      return this.send({ t, p: this.id, type: 'quit' });
    }
    // Waiting is not being stuck: it wakes when something can change and chooses again.
    this.actAt = roundTime(Math.max(t, wakeAt));
    return null;
  }

  private solveChance(): number {
    const p = this.ctx.solveProbability[this.profileIndex][this.current];
    const hints = hintsTaken(this.ctx.h, this.state!, this.current);
    return hints === 0 ? p : 1 - (1 - p) * Math.pow(1 - this.profile.hints.solveBoost, hints);
  }

  /** Applies an event to the mirror and returns it. */
  private send(e: HuntEvent): HuntEvent {
    applyEvent(this.ctx.h, this.state!, e, inPlace);
    return e;
  }

  /** The next action on the current step at time t: an event, or null after an internal change of plan. */
  private act(t: number): HuntEvent | null {
    const step = this.ctx.h.steps[this.current];
    const { giveUp, hints } = this.profile;
    if (!Number.isNaN(this.stuckSince)) {
      if (t - this.stuckSince >= giveUp.afterStuckSec || (giveUp.afterWrongAttempts > 0 && this.wrongOnStep >= giveUp.afterWrongAttempts)) {
        return this.send({ t, p: this.id, type: 'quit' });
      }
      const hintLeft = hintsTaken(this.ctx.h, this.state!, this.current) < step.hintPenalties.length;
      const wantHint =
        (hints.afterWrongAttempts > 0 && this.wrongSinceHint >= hints.afterWrongAttempts) ||
        (hints.afterStuckSec > 0 && t - this.hintClock >= hints.afterStuckSec);
      if (hintLeft && wantHint) {
        this.wrongSinceHint = 0;
        this.hintClock = t;
        // With the hint read, think again (a location step: choose where to go again).
        this.phase = 'think';
        this.schedule(this.think());
        return this.send({ t, p: this.id, type: 'hint', step: step.id });
      }
    }
    if (step.kind !== 'location') {
      const e = this.attempt(t, this.rng.chance(this.solveChance()));
      if (step.kind === 'judged' && isPending(this.state!, this.current)) this.awaitJudgement(t, step.id, e);
      else if (isAvailable(this.state!, this.current)) {
        this.wrongOnStep++;
        this.wrongSinceHint++;
        this.schedule(this.think());
      }
      return e;
    }
    switch (this.phase) {
      case 'think':
        this.pickDestination(t);
        return null;
      case 'walk': {
        this.move(t);
        if (this.x === this.destX && this.y === this.destY) {
          this.phase = this.destIsTarget() ? 'stand' : 'search';
          if (Number.isNaN(this.stuckSince)) {
            this.stuckSince = t;
            this.hintClock = t;
          }
          this.searchUntil = t + this.think();
        }
        this.schedule(this.report());
        return this.send(this.position(t));
      }
      case 'stand':
        this.schedule(this.report());
        return this.send(this.position(t));
      case 'search':
        if (t >= this.searchUntil) {
          // Not here: a wrong guess of where the place is. Think it over and try again.
          this.wrongOnStep++;
          this.wrongSinceHint++;
          this.pickDestination(t);
          return null;
        }
        this.schedule(this.report());
        return this.send(this.position(t));
    }
  }

  private destIsTarget(): boolean {
    const target = this.ctx.targets[this.current]!;
    return this.destX === target.x && this.destY === target.y;
  }

  /** Heads for the right place with the solve probability, else for a wrong spot near it. */
  private pickDestination(t: number): void {
    const step = this.ctx.h.steps[this.current];
    const target = this.ctx.targets[this.current]!;
    if (this.rng.chance(this.solveChance())) {
      this.destX = target.x;
      this.destY = target.y;
    } else {
      // Clearly outside the geofence: at least twice its radius plus 30 m away.
      const d = 2 * step.radiusM + 30 + 50 * this.rng.next();
      const a = 2 * Math.PI * this.rng.next();
      this.destX = target.x + d * Math.cos(a);
      this.destY = target.y + d * Math.sin(a);
    }
    this.phase = 'walk';
    this.lastMove = t;
    this.actAt = t;
    this.schedule(this.report());
  }

  private move(t: number): void {
    const left = Math.hypot(this.destX - this.x, this.destY - this.y);
    const stride = this.speed * (t - this.lastMove);
    this.lastMove = t;
    if (stride >= left) {
      this.x = this.destX;
      this.y = this.destY;
    } else {
      const f = stride / left;
      this.x += (this.destX - this.x) * f;
      this.y += (this.destY - this.y) * f;
    }
  }

  /** A GPS fix: the true position plus Gaussian noise on each axis. */
  private position(t: number): HuntEvent {
    const noise = this.profile.walk.gpsNoiseM;
    const x = noise > 0 ? this.x + noise * this.rng.normal() : this.x;
    const y = noise > 0 ? this.y + noise * this.rng.normal() : this.y;
    const { frame } = this.ctx;
    return { t, p: this.id, type: 'position', lat: roundDegrees(frame.toLat(y)), lon: roundDegrees(frame.toLon(x)) };
  }

  /**
   * A submission is pending: the organiser judges it after the profile's judging delay,
   * accepting it when the attempt's own draw (with the solve chance) was right. The
   * participant meanwhile moves on to another step.
   */
  private awaitJudgement(t: number, step: string, submitted: HuntEvent): void {
    const v2 = this.ctx.v2[this.profileIndex];
    const accept = this.lastRight;
    const at = roundTime(t + this.rng.logNormal(v2.judgeDelay.median, v2.judgeDelay.spread));
    const points = accept ? Math.round(this.ctx.h.steps[this.current].points * v2.pointsShare) : undefined;
    this.plan({ at, type: 'judge', step, accept, points, submittedAt: submitted.t });
  }

  /** An answer, scan, choice or submission, right or wrong. */
  private attempt(t: number, right: boolean): HuntEvent {
    const step = this.ctx.h.steps[this.current];
    this.lastRight = right;
    if (step.kind === 'choice') return this.send({ t, p: this.id, type: 'choose', step: step.id, choice: this.pickChoice(right) });
    if (step.kind === 'judged') {
      const k = wrongAttempts(this.ctx.h, this.state!, this.current) + 1;
      const ref = this.ctx.submitsPhoto[this.current] ? `photo-${this.id}-${step.id}-${k}.jpg` : `text ${k} from ${this.id}`;
      return this.send({ t, p: this.id, type: 'submit', step: step.id, ref });
    }
    if (step.kind === 'code') {
      const code = right ? step.code! : wrongCode(step.code!, this.wrongOnStep + 1);
      return this.send({ t, p: this.id, type: 'scan', step: step.id, code });
    }
    const texts = this.ctx.answerTexts[this.current];
    const text = right ? texts[this.rng.below(texts.length)] : wrongAnswer(step.answers!, this.wrongOnStep + 1);
    return this.send({ t, p: this.id, type: 'answer', step: step.id, text });
  }

  /**
   * The hunt's time ran out before this action: the participant still sends it (as a
   * real phone would) and the engine turns it down as participant-not-active. That
   * late line is also what makes the timeout show in the log's results.
   */
  private lateAttempt(t: number): HuntEvent {
    this.stopPlaying(t);
    if (this.current >= 0 && this.ctx.h.steps[this.current].kind !== 'location') {
      return this.attempt(t, this.rng.chance(this.solveChance()));
    }
    return this.send(this.position(t));
  }

  /**
   * A choice: a correct one when `right`, else a wrong one it has not tried on this step
   * (and a correct one once every wrong one has been tried).
   */
  private pickChoice(right: boolean): number {
    const step = this.ctx.h.steps[this.current];
    const correct = step.correct!;
    const untried: number[] = [];
    for (let c = 0; c < step.choiceCount; c++) if (!correct.has(c) && !(this.triedChoices?.includes(c) ?? false)) untried.push(c);
    if (right || untried.length === 0) {
      const good = [...correct].filter((c) => c < step.choiceCount).sort((a, b) => a - b);
      return good[this.rng.below(good.length)];
    }
    const c = untried[this.rng.below(untried.length)];
    (this.triedChoices ??= []).push(c);
    return c;
  }
}

function wrongAnswer(accepted: ReadonlySet<string>, k: number): string {
  let text = `wrong guess ${k}`;
  while (accepted.has(text)) text += ' x';
  return text;
}

function wrongCode(code: string, k: number): string {
  let text = `WRONG-${k}`;
  while (text === code) text += 'X';
  return text;
}
