// The engine benchmark's two workloads, by hunt format: the same size (20 steps, the same
// rounds and interleaving), one a hunt/1 hunt and one a hunt/2 hunt, so the replay speed
// of the two rule sets can be set side by side (issue 19).
import type { CompiledHunt } from '../engine/hunt/compile';
import type { Hunt, HuntFormat } from '../engine/hunt/schema';
import { generateHunt, participantScript, type Script } from './workload';
import { generateHuntV2, participantScriptV2 } from './workload-v2';

export type BenchWorkload = { format: HuntFormat; hunt: () => Hunt; script: (h: CompiledHunt, k: number) => Script };

export const BENCH_WORKLOADS: Record<HuntFormat, BenchWorkload> = {
  'hunt/1': { format: 'hunt/1', hunt: generateHunt, script: participantScript },
  'hunt/2': { format: 'hunt/2', hunt: generateHuntV2, script: participantScriptV2 },
};
