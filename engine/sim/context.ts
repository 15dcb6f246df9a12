// What every simulated participant of one run shares: the compiled hunt, the map
// frame, each location step's target in metres and each step's accepted answers as
// written (a simulated player types one of those, not its normalised form).
import type { CompiledHunt } from '../hunt/compile';
import { normalizeAnswer } from '../hunt/normalize';
import { LocalFrame, type Point } from './local-frame';
import { v2Behaviour, type Profile, type V2Behaviour } from './profile';

export type SimContext = {
  h: CompiledHunt;
  frame: LocalFrame;
  /** Where participants gather before the start: the middle of the hunt's location steps. */
  meetingPoint: Point;
  /** Per step: its target in the local frame (location steps), else null. */
  targets: (Point | null)[];
  /** Per step: the accepted answers as written whose normal form is not empty (answer steps). */
  answerTexts: string[][];
  profiles: Profile[];
  /** Per profile, per step: probability that one attempt is right (before hints). */
  solveProbability: number[][];
  /** Per profile: its hunt/2 behaviour, defaults filled in. */
  v2: V2Behaviour[];
  /** Whether the hunt has a bonus (optional) step: only then does a participant decide its appetite for each. */
  hasOptional: boolean;
  /** Per step: a judged step whose prompt asks for a picture or a video gets a photo's file name, any other a text. */
  submitsPhoto: boolean[];
};

const PICTURE = /photo|picture|selfie|snap|image|video|film/i;

export function buildContext(h: CompiledHunt, profiles: Profile[]): SimContext {
  const located = h.locationSteps.map((i) => h.steps[i]);
  const lat0 = located.length ? located.reduce((a, s) => a + s.lat, 0) / located.length : 0;
  const lon0 = located.length ? located.reduce((a, s) => a + s.lon, 0) / located.length : 0;
  const frame = new LocalFrame(lat0, lon0);
  const targets = h.steps.map((s) => (s.kind === 'location' ? frame.toPoint(s.lat, s.lon) : null));
  const answerTexts = h.hunt.steps.map((s) => (s.kind === 'answer' ? s.answers.filter((a) => normalizeAnswer(a) !== '') : []));
  const solveProbability = profiles.map((p) => h.steps.map((s) => p.solveByStep?.[s.id] ?? p.solve[s.kind] ?? p.solve.answer));
  const submitsPhoto = h.hunt.steps.map((s) => s.kind === 'judged' && PICTURE.test(s.prompt));
  return {
    h,
    frame,
    meetingPoint: { x: 0, y: 0 },
    targets,
    answerTexts,
    profiles,
    solveProbability,
    v2: profiles.map(v2Behaviour),
    hasOptional: h.steps.some((s) => s.optional),
    submitsPhoto,
  };
}
