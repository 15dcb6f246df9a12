// One simulated participant: decides, from its profile and its own random stream,
// what it does next, and mirrors its rules state with the engine's own rule
// functions (engine/rules) so it always knows which steps are open, which failed by
// a deadline and when the hunt's time is up. Works on one step at a time, like a
// team around one phone.
import { advanceTo, applyEvent, hintsTaken, inPlace, isAvailable, joinParticipant, type ParticipantState } from '../rules';
import type { HuntEvent } from '../log/types';
import type { SimContext } from './context';
import type { Profile } from './profile';
import { roundDegrees, roundTime } from './event-line';
import type { RandomStream } from './random';

type Phase = 'think' | 'walk' | 'stand' | 'search';

export class SimParticipant {
  state: ParticipantState | null = null;
  /** The id as a JSON string, made once: every line starts with it. */
  readonly quotedId: string;
  /** True once it will send nothing more (finished, quit or timed out). */
  ended = false;
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
    const h = this.ctx.h;
    const t = this.actAt;
    if (this.state === null) {
      const e: HuntEvent = { t, p: this.id, type: 'join' };
      this.state = joinParticipant(h, e);
      return e;
    }
    if (this.ended || this.state.status !== 'active') {
      this.ended = true;
      return null;
    }
    // In place: the mirror is this participant's own.
    const s = advanceTo(h, this.state, t, inPlace);
    if (s.status !== 'active') return this.lateAttempt(t);
    if (this.current < 0 || !isAvailable(s, this.current)) {
      this.chooseStep(t);
      return null;
    }
    return this.act(t);
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

  private chooseStep(t: number): void {
    const h = this.ctx.h;
    const s = this.state!;
    let open = 0;
    for (let i = 0; i < h.steps.length; i++) if (isAvailable(s, i)) open++;
    // An active participant always has an open step (requires form no cycle); guard anyway.
    if (open === 0) {
      this.ended = true;
      return;
    }
    let k = this.rng.below(open);
    for (let i = 0; i < h.steps.length; i++) {
      if (!isAvailable(s, i)) continue;
      if (k-- === 0) {
        this.current = i;
        break;
      }
    }
    this.phase = 'think';
    this.wrongOnStep = 0;
    this.wrongSinceHint = 0;
    this.hintClock = t;
    // Walking to a location is not being stuck: for location steps the clock starts on arrival.
    this.stuckSince = h.steps[this.current].kind === 'location' ? NaN : t;
    this.actAt = t;
    this.schedule(this.think());
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
      if (isAvailable(this.state!, this.current)) {
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

  /** An answer or scan, right or wrong. */
  private attempt(t: number, right: boolean): HuntEvent {
    const step = this.ctx.h.steps[this.current];
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
    this.ended = true;
    if (this.current >= 0 && this.ctx.h.steps[this.current].kind !== 'location') {
      return this.attempt(t, this.rng.chance(this.solveChance()));
    }
    return this.send(this.position(t));
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
