// The engine benchmark's hunt/2 workload: a generated 20-step hunt/2 hunt of the same size
// as bench/workload.ts's hunt/1 one, and a seeded script per participant, so
// `npm run bench:engine` can set hunt/2 replay beside hunt/1 (issue 19: within 20%).
// The hunt uses every v2 rule path: any-of items (with a count), on success / on failure
// (a detour for those who fail a choice), a score item (a bonus for high scorers), bonus
// `optional` steps, a `finishStep`, choice steps, judged steps the organiser judges
// (submit, then `judge` a few rounds later), an opening and a closing time, and a
// rotation group of three stations. A few participants get the organiser's `adjust` or
// `extend`, a few quit. Rounds and interleaving are those of the v1 workload.
import type { CompiledHunt } from '../engine/hunt/compile';
import type { HuntV2 } from '../engine/hunt/schema';
import { rng, ROUND_SEC, STEPS, type Script } from './workload';

/** Where the rotation group starts and how many stations it has (s5, s6, s7). */
const GROUP_FIRST = 5;
const GROUP_SIZE = 3;
/** The photo step s9 opens and closes at these session times. */
const OPENS_AT = 20 * ROUND_SEC;
const CLOSES_AT = 40 * ROUND_SEC;
const BONUS_SCORE = 700;

const hints = [{ text: 'first', penalty: 10 }, { text: 'second', penalty: 20 }];

/** 20 steps, s0 … s19; s19 is the finish step. Every v2 feature is used at least once. */
export function generateHuntV2(): HuntV2 {
  const locations = Array.from({ length: 6 }, (_, k) => ({ id: `loc-${k}`, lat: 48.2 + k * 0.01, lon: 16.37, radiusM: 30 }));
  const at = (k: number) => `loc-${k}`;
  const step = (i: number, fields: Record<string, unknown>) => ({ id: `s${i}`, title: `Step ${i}`, points: 100 + 10 * (i % 5), ...fields });
  const steps = [
    step(0, { kind: 'code', code: 'CODE-0', maxAttempts: 5, hints }),
    step(1, { kind: 'choice', prompt: 'Which one?', choices: ['north', 'east', 'south', 'west'], correct: [2], maxAttempts: 2, requires: ['s0'] }),
    step(2, { kind: 'answer', prompt: '?', answers: ['Réponse 2', 'answer 2'], maxAttempts: 4, hints, requires: [{ solved: 's1' }] }),
    step(3, { kind: 'code', code: 'CODE-3', optional: true, requires: [{ failed: 's1' }] }), // the detour
    step(4, { kind: 'location', location: at(0), requires: [{ anyOf: ['s2', 's3'] }] }),
    step(5, { kind: 'location', location: at(1), requires: ['s4'] }), // the rotation group: s5, s6, s7
    step(6, { kind: 'code', code: 'CODE-6', maxAttempts: 5, hints, requires: ['s4'] }),
    step(7, { kind: 'judged', prompt: 'A photo of the team at the fountain', maxAttempts: 3, requires: ['s4'] }),
    step(8, { kind: 'answer', prompt: '?', answers: ['answer 8'], maxAttempts: 4, hints, timeLimitSec: 12 * ROUND_SEC, requires: [{ anyOf: ['s5', 's6', 's7'], count: 3 }] }),
    step(9, { kind: 'judged', prompt: 'A video at the museum', requires: ['s8'], opensAtSec: OPENS_AT, closesAtSec: CLOSES_AT }),
    step(10, { kind: 'code', code: 'CODE-10', optional: true, requires: [{ score: BONUS_SCORE }] }), // for high scorers
    step(11, { kind: 'choice', prompt: 'Which two?', choices: ['red', 'green', 'blue'], correct: [0, 1], requires: ['s8'] }),
    step(12, { kind: 'location', location: at(2), requires: ['s11'] }),
    step(13, { kind: 'answer', prompt: '?', answers: ['answer 13'], maxAttempts: 4, hints, timeLimitSec: 12 * ROUND_SEC, requires: ['s12'] }),
    step(14, { kind: 'code', code: 'CODE-14', optional: true, hints, requires: [{ solved: 's13' }] }),
    step(15, { kind: 'location', location: at(3), requires: ['s13'] }),
    step(16, { kind: 'answer', prompt: '?', answers: ['answer 16'], maxAttempts: 4, hints, timeLimitSec: 12 * ROUND_SEC, requires: ['s15'] }),
    step(17, { kind: 'code', code: 'CODE-17', maxAttempts: 5, requires: ['s16'] }),
    step(18, { kind: 'location', location: at(4), requires: [{ anyOf: ['s9', 's16'] }] }),
    step(19, { kind: 'answer', prompt: '?', answers: ['answer 19'], maxAttempts: 4, hints, requires: [{ anyOf: ['s17', 's18'], count: 2 }] }),
  ];
  if (steps.length !== STEPS) throw new Error(`the hunt/2 benchmark hunt must have ${STEPS} steps like the hunt/1 one`);
  return {
    format: 'hunt/2',
    id: 'bench-hunt-v2',
    title: 'Benchmark hunt, hunt/2',
    timeLimitSec: 45 * ROUND_SEC,
    wrongAnswerPenalty: 5,
    finishStep: 's19',
    locations: locations.slice(0, 5),
    steps: steps as HuntV2['steps'],
    groups: [{ id: 'stations', steps: ['s5', 's6', 's7'], order: 'rotate' }],
  };
}

type Entry = Script[number];

/**
 * Participant k's actions, one a round. Joins come first in k order, so k is J of
 * hunt-v2 §3.6 and the participant visits the stations from s(5 + k mod 3) on. The
 * organiser's judgement of a submission arrives 1–3 rounds after it, while the
 * participant goes on where it can; before a step that needs a judged one (the next
 * station, s8, s18), the participant waits (positions that solve nothing) for the
 * verdict, and before the museum video for its opening.
 */
export function participantScriptV2(h: CompiledHunt, k: number): Script {
  const r = rng(k * 7919 + 2);
  const out: Script = [];
  let due: { in: number; e: Entry }[] = [];
  const push = (e: Entry) => {
    out.push(e);
    for (const d of due) d.in--;
    const ready = due.filter((d) => d.in <= 0);
    due = due.filter((d) => d.in > 0);
    for (const d of ready) push(d.e);
  };
  const wait = () => push({ type: 'position', lat: 0, lon: 0 } as never);
  const settle = () => {
    while (due.length > 0) wait();
  };
  const organiser = (e: Record<string, unknown>, delay: number) => due.push({ in: delay, e: { ...e, by: 'organiser' } as never });

  const wrongs = () => (r() < 0.3 ? 1 + Math.floor(r() * 2) : 0);
  const maybeHint = (i: number) => {
    if (h.steps[i].hintPenalties.length > 0 && r() < 0.2) push({ type: 'hint', step: `s${i}` } as never);
  };
  const dawdle = () => {
    if (r() < 0.05) for (let w = 0; w < 14; w++) wait(); // past a step deadline
  };
  /** An answer, code or location step: maybe a hint, maybe wrong attempts, then the right one. */
  const plain = (i: number) => {
    const step = h.steps[i];
    const id = `s${i}`;
    maybeHint(i);
    for (let w = wrongs(); w > 0; w--) {
      if (step.kind === 'answer') push({ type: 'answer', step: id, text: 'nope' } as never);
      else if (step.kind === 'code') push({ type: 'scan', step: id, code: 'WRONG' } as never);
      else push({ type: 'position', lat: step.lat + 0.5, lon: step.lon } as never);
    }
    dawdle();
    if (step.kind === 'answer') push({ type: 'answer', step: id, text: r() < 0.5 ? `  ANSWER ${i}!` : `answer ${i}` } as never);
    else if (step.kind === 'code') push({ type: 'scan', step: id, code: ` CODE-${i} ` } as never);
    else push({ type: 'position', lat: step.lat + 0.0001, lon: step.lon } as never);
  };
  /** A judged step: submissions until one is accepted (each judged 1–3 rounds later), or out of attempts. */
  const judged = (i: number, maxAttempts: number) => {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      push({ type: 'submit', step: `s${i}`, ref: `photo-${k}-${i}-${attempt}.jpg` } as never);
      const accept = r() < 0.8 || attempt === maxAttempts;
      const points = accept && r() < 0.3 ? { points: h.steps[i].points - 20 } : {};
      organiser({ type: 'judge', step: `s${i}`, accept, ...points }, 1 + Math.floor(r() * 3));
      if (accept) return;
      settle(); // a rejected submission: wait for the verdict, then submit again
    }
  };

  push({ type: 'join', name: `Team ${k}` } as never);
  plain(0);
  // s1, a choice with two attempts: most get it right, some on the second try, some fail it and take the detour.
  const c = r();
  if (c < 0.12) {
    push({ type: 'choose', step: 's1', choice: 0 } as never);
    push({ type: 'choose', step: 's1', choice: 3 } as never);
    plain(3);
  } else {
    if (c < 0.35) push({ type: 'choose', step: 's1', choice: 1 } as never);
    push({ type: 'choose', step: 's1', choice: 2 } as never);
    plain(2);
  }
  plain(4);
  for (let m = 0; m < GROUP_SIZE; m++) {
    const i = GROUP_FIRST + ((k + m) % GROUP_SIZE);
    if (h.steps[i].kind !== 'judged') plain(i);
    else {
      judged(i, 3);
      settle(); // the next station opens once this one is done: wait for the verdict there
    }
  }
  plain(8);
  if (r() < 0.4) push({ type: 'scan', step: 's10', code: 'CODE-10' } as never); // a try at the bonus: only high scorers have it
  const first = r() < 0.25 ? 2 : r() < 0.5 ? 0 : 1; // s11 has two right choices, 0 and 1
  push({ type: 'choose', step: 's11', choice: first } as never);
  if (first === 2) push({ type: 'choose', step: 's11', choice: 1 } as never);
  plain(12);
  plain(13);
  if (r() < 0.5) plain(14);
  // The photo at the museum, once it has opened (entry r happens at about r × ROUND_SEC).
  while (out.length * ROUND_SEC < OPENS_AT) wait();
  judged(9, 1);
  plain(15);
  plain(16);
  plain(17);
  settle();
  plain(18);
  plain(19);
  settle();
  // The organiser's corrections for a few, and a few quit (after the join, before the end).
  const at = () => 1 + Math.floor(r() * (out.length - 1));
  if (r() < 0.04) out.splice(at(), 0, { type: 'adjust', points: r() < 0.5 ? 50 : -30, reason: 'organiser correction', by: 'organiser' } as never);
  if (r() < 0.03) out.splice(at(), 0, { type: 'extend', seconds: 300, by: 'organiser' } as never);
  if (r() < 0.02) out.splice(at(), 0, { type: 'quit' } as never);
  return out;
}
