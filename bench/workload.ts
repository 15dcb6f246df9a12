// The engine benchmarks' workload: a generated 20-step hunt and a seeded, deterministic
// log of participants following scripts (answers right and wrong, scans, hints,
// positions, dawdling past deadlines, a few quits), interleaved round by round like
// a real session. Used in process (events as objects) and written out as a JSONL log
// for the whole-process replay measurement.
import type { CompiledHunt } from '../engine/hunt/compile';
import type { HuntV1 as Hunt } from '../engine/hunt/schema';
import type { HuntEvent } from '../engine/log/types';
import { seededUniform } from '../engine/sim/random';

export const STEPS = 20;
/** Seconds between a participant's actions: script entry r happens in round r, at about r × ROUND_SEC. */
export const ROUND_SEC = 60;

/** The workload is the same on every run. */
export const rng = seededUniform;

/** 20 steps: answer / code / location in turn, two interleaved chains with joins, some time limits and hints. */
export function generateHunt(): Hunt {
  const locations = Array.from({ length: 6 }, (_, k) => ({ id: `loc-${k}`, lat: 48.2 + k * 0.01, lon: 16.37, radiusM: 30 }));
  const steps: Hunt['steps'] = [];
  for (let i = 0; i < STEPS; i++) {
    const base = {
      id: `s${i}`,
      title: `Step ${i}`,
      points: 100 + 10 * (i % 5),
      requires: i < 2 ? [] : i % 6 === 5 ? [`s${i - 1}`, `s${i - 2}`] : [`s${i - 2}`],
      ...(i % 4 === 3 ? { timeLimitSec: 12 * ROUND_SEC } : {}),
      ...(i % 3 !== 2 ? { hints: [{ text: 'first', penalty: 10 }, { text: 'second', penalty: 20 }] } : {}),
    };
    if (i % 3 === 0) steps.push({ ...base, kind: 'answer', prompt: '?', answers: [`Réponse ${i}`, `answer ${i}`], maxAttempts: 4 });
    else if (i % 3 === 1) steps.push({ ...base, kind: 'code', code: `CODE-${i}`, maxAttempts: 5 });
    else steps.push({ ...base, kind: 'location', location: `loc-${Math.floor(i / 3)}` });
  }
  return { format: 'hunt/1', id: 'bench-hunt', title: 'Benchmark hunt', timeLimitSec: 45 * ROUND_SEC, wrongAnswerPenalty: 5, locations, steps };
}

/**
 * Each participant follows a script: join, then for each step (file order is a
 * topological order here) maybe a hint, maybe wrong attempts, maybe a pause, then
 * the right answer, code or position; a few quit. One action a participant per
 * round, so the log interleaves everybody like a real session.
 */
export type Script = Omit<HuntEvent, 't' | 'p'>[];

export function participantScript(h: CompiledHunt, k: number): Script {
  const r = rng(k * 7919 + 1);
  const out: Script = [{ type: 'join', name: `Team ${k}` } as never];
  for (const step of h.steps) {
    if (step.hintPenalties.length > 0 && r() < 0.2) out.push({ type: 'hint', step: step.id } as never);
    const wrong = r() < 0.3 ? 1 + Math.floor(r() * 2) : 0;
    for (let w = 0; w < wrong; w++) {
      if (step.kind === 'answer') out.push({ type: 'answer', step: step.id, text: 'nope' } as never);
      else if (step.kind === 'code') out.push({ type: 'scan', step: step.id, code: 'WRONG' } as never);
      else out.push({ type: 'position', lat: step.lat + 0.5, lon: step.lon } as never);
    }
    if (r() < 0.05) for (let w = 0; w < 14; w++) out.push({ type: 'position', lat: 0, lon: 0 } as never); // dawdles past a deadline
    if (step.kind === 'answer') out.push({ type: 'answer', step: step.id, text: r() < 0.5 ? `  REPONSE ${step.index}!` : `answer ${step.index}` } as never);
    else if (step.kind === 'code') out.push({ type: 'scan', step: step.id, code: ` CODE-${step.index} ` } as never);
    else out.push({ type: 'position', lat: step.lat + 0.0001, lon: step.lon } as never);
  }
  if (r() < 0.02) out.splice(1 + Math.floor(r() * (out.length - 1)), 0, { type: 'quit' } as never);
  return out;
}

/**
 * Yields the log in chunks of about `chunkSize` events, rounds in order, participants in
 * order within a round. `script` gives participant k's actions (bench/workload-v2.ts has
 * the hunt/2 one).
 */
export function* workload(h: CompiledHunt, n: number, chunkSize = 50_000, script: (h: CompiledHunt, k: number) => Script = participantScript): Generator<HuntEvent[]> {
  const scripts = Array.from({ length: n }, (_, k) => script(h, k));
  const ids = Array.from({ length: n }, (_, k) => `team-${String(k).padStart(6, '0')}`);
  const rounds = Math.max(...scripts.map((s) => s.length));
  let chunk: HuntEvent[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < n; k++) {
      const e = scripts[k][round];
      if (!e) continue;
      chunk.push({ ...e, t: round * ROUND_SEC + (k / n) * (ROUND_SEC / 2), p: ids[k] } as HuntEvent);
      if (chunk.length >= chunkSize) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length) yield chunk;
}

/** One log line: the envelope first, as recorders write it, then the event's own fields. */
export function eventLine(e: HuntEvent): string {
  const { t, p, type, ...fields } = e;
  return JSON.stringify({ t, p, type, ...fields });
}
