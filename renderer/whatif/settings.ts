// The what-if tabs' forms, kept while the designer visits other screens, and the checks
// that say which setting is not usable yet.
import { createStore } from '../state/store';
import type { DesignChoice } from './designs';

export type RunSettings = { participants: unknown; runs: unknown; seed: unknown };

export const wholeIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** The first setting that cannot run, in words; null when all can. */
export function runSettingsProblem(s: RunSettings): string | null {
  if (!wholeIn(s.participants, 1, 1_000_000)) return 'Participants: a whole number from 1 to 1,000,000.';
  if (!wholeIn(s.runs, 1, 10_000)) return 'Runs: a whole number from 1 to 10,000.';
  if (!wholeIn(s.seed, 0, 2 ** 32 - 1)) return 'Seed: a whole number, 0 or more.';
  return null;
}

export const compareForm = createStore<RunSettings & { a: DesignChoice; b: DesignChoice }>({ a: { kind: 'open' }, b: { kind: 'open' }, participants: 200, runs: 10, seed: 1 });

export type AxisForm = { path: string; from: unknown; to: unknown; step: unknown };
export const sweepForm = createStore<RunSettings & { design: DesignChoice; axes: AxisForm[]; metric: string }>({
  design: { kind: 'open' },
  axes: [{ path: '', from: 0, to: 10, step: 1 }],
  participants: 200,
  runs: 3,
  seed: 1,
  metric: 'finishRate',
});

export const rescoreForm = createStore<{ source: string; log: { name: string; text: string } | null; old: DesignChoice | null; changedOnly: boolean }>({
  source: '',
  log: null,
  old: null,
  changedOnly: false,
});

export const forkForm = createStore<{ runId: string; at: unknown; withHunt: boolean; hunt: DesignChoice; withProfiles: boolean; runs: unknown }>({
  runId: '',
  at: 1,
  withHunt: true,
  hunt: { kind: 'open' },
  withProfiles: false,
  runs: 5,
});
