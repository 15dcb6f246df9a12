// The engine benchmark's two workloads, by hunt format: the same size (20 steps, the same
// rounds and interleaving), one a hunt/1 hunt and one a hunt/2 hunt, so the replay speed
// of the two rule sets can be set side by side (issue 19).
import type { CompiledHunt } from '../engine/hunt/compile';
import type { Hunt, HuntFormat } from '../engine/hunt/schema';
import { validateHunt } from '../engine/hunt/validate';
import { generateHunt, participantScript, type Script } from './workload';
import { generateHuntV2, participantScriptV2 } from './workload-v2';

export type BenchWorkload = { format: HuntFormat; hunt: () => Hunt; script: (h: CompiledHunt, k: number) => Script };

/** The generated hunt, refused unless it validates with neither errors nor warnings (compileHunt trusts its input). */
function checked(make: () => Hunt): () => Hunt {
  return () => {
    const hunt = make();
    const r = validateHunt(hunt);
    const problems = [...r.errors, ...r.warnings];
    if (problems.length > 0) throw new Error(`the benchmark's ${hunt.format} hunt is not clean: ${problems.map((i) => `${i.code} ${i.path}`).join(', ')}`);
    return hunt;
  };
}

export const BENCH_WORKLOADS: Record<HuntFormat, BenchWorkload> = {
  'hunt/1': { format: 'hunt/1', hunt: checked(generateHunt), script: participantScript },
  'hunt/2': { format: 'hunt/2', hunt: checked(generateHuntV2), script: participantScriptV2 },
};
