// The console's leaderboard of a live run, kept up to date instead of rebuilt per poll:
// a summary of each team (status, score, solved, deadline), the per-step counts and the
// teams with a step waiting for judgement. The rules hand back the same state object until
// a line changes a team, so a poll recomputes only the teams whose state is new, or whose
// deadline or timer has passed since (advanceTo returns its argument when nothing is due);
// the step counts move by the difference, and the board is sorted again only when a score
// or a team changed. At 2,000 teams a poll costs a reference check and a deadline check per
// team (bench/console.bench.ts, docs/performance.md "Live console").
import type { CompiledHunt } from '../../engine/hunt/compile';
import type { ParticipantState } from '../../engine/rules/state';
import { stepStatus } from '../../engine/rules/state';
import { advanceTo, huntDeadline, participantScore } from '../../engine/rules';
import type { LiveRun } from './run';

/** Step statuses counted per step, by their index in a team's `steps` codes. */
const COUNTED = ['available', 'pending', 'solved', 'failed'] as const;
type Counted = (typeof COUNTED)[number];
const NOT_COUNTED = 255;
const CODE: Record<string, number> = { available: 0, pending: 1, solved: 2, failed: 3 };

/** A team as the board holds it (summarised from `advanced`, the state advanced to the last poll). */
export type BoardTeam = {
  team: string;
  name: string;
  status: string;
  score: number;
  solved: number;
  /** When the team's hunt time is up (Infinity without a limit). */
  deadline: number;
  /** Per step, the index of its status in COUNTED, or NOT_COUNTED (locked). */
  steps: Uint8Array;
  /** The state the rules hold, and it advanced to the last poll's time. */
  source: ParticipantState;
  advanced: ParticipantState;
};

export type StepCounts = Record<Counted, number>;

const collator = new Intl.Collator();

export class ConsoleBoard {
  private readonly teams = new Map<string, BoardTeam>();
  private readonly counts: StepCounts[];
  /** Teams with a step pending (a judged submission waiting). */
  private readonly judging = new Set<string>();
  private ranked: BoardTeam[] = [];
  private reorder = false;
  /** Teams summarised again by the last refresh (read by the tests: most polls touch few). */
  lastRecomputed = 0;

  constructor(
    private readonly h: CompiledHunt,
    private readonly run: Pick<LiveRun, 'registry' | 'state'>,
  ) {
    this.counts = h.steps.map(() => ({ available: 0, pending: 0, solved: 0, failed: 0 }));
  }

  /** Brings every team up to time `now`; returns the teams by rank (most points first, then by name). */
  refresh(now: number): readonly BoardTeam[] {
    let recomputed = 0;
    const all = this.run.registry.allTeams();
    for (const t of all) {
      const state = this.run.state(t.id);
      if (!state) continue; // registered, its join line not applied yet
      const held = this.teams.get(t.id);
      if (held && held.source === state && held.name === t.name) {
        const advanced = advanceTo(this.h, held.advanced, now);
        if (advanced === held.advanced) continue;
        this.put(t.id, t.name, state, advanced, held);
      } else {
        this.put(t.id, t.name, state, advanceTo(this.h, state, now), held);
      }
      recomputed++;
    }
    this.lastRecomputed = recomputed;
    if (this.reorder || this.ranked.length !== this.teams.size) {
      this.ranked = [...this.teams.values()].sort((a, b) => b.score - a.score || collator.compare(a.name, b.name));
      this.reorder = false;
    }
    return this.ranked;
  }

  /** Per step (in file order): how many teams have it open, pending, solved, failed (as of the last refresh). */
  stepCounts(): readonly StepCounts[] {
    return this.counts;
  }

  /** Teams with a step waiting for judgement, and which steps (as of the last refresh). */
  *pending(): Generator<{ team: BoardTeam; step: number }> {
    for (const id of this.judging) {
      const team = this.teams.get(id)!;
      for (let i = 0; i < team.steps.length; i++) if (team.steps[i] === CODE.pending) yield { team, step: i };
    }
  }

  /** Teams by status (as of the last refresh), for the runs list's progress. */
  statusCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of this.teams.values()) out[t.status] = (out[t.status] ?? 0) + 1;
    return out;
  }

  /** Summarises a team again (in place when held: the ranked list keeps the same objects). */
  private put(id: string, name: string, source: ParticipantState, advanced: ParticipantState, held: BoardTeam | undefined): void {
    const h = this.h;
    const team: BoardTeam = held ?? { team: id, name, status: '', score: 0, solved: 0, deadline: Infinity, steps: new Uint8Array(h.steps.length).fill(NOT_COUNTED), source, advanced };
    let solved = 0;
    let pending = false;
    for (let i = 0; i < team.steps.length; i++) {
      const status = stepStatus(advanced, i);
      const code = CODE[status] ?? NOT_COUNTED;
      const was = team.steps[i];
      if (was !== code) {
        if (was !== NOT_COUNTED) this.counts[i][COUNTED[was]]--;
        if (code !== NOT_COUNTED) this.counts[i][COUNTED[code]]++;
        team.steps[i] = code;
      }
      if (code === CODE.solved) solved++;
      if (code === CODE.pending) pending = true;
    }
    const score = participantScore(h, advanced);
    if (!held || team.score !== score || team.name !== name) this.reorder = true;
    if (pending) this.judging.add(id);
    else this.judging.delete(id);
    Object.assign(team, { name, status: advanced.status, score, solved, deadline: huntDeadline(h, advanced), source, advanced });
    if (!held) this.teams.set(id, team);
  }
}

const boards = new WeakMap<LiveRun, ConsoleBoard>();

/** The board of a live run (made at the first poll, kept with the run). */
export function boardOf(run: LiveRun): ConsoleBoard {
  let b = boards.get(run);
  if (!b) boards.set(run, (b = new ConsoleBoard(run.h, run)));
  return b;
}
