// The commit stage's counterpart on a resume: the committed lines fed again after a
// restore must get their stored verdicts again (a difference means the restored state
// or the rules changed, and fails the resume); they are counted, not written.
import type { BoundedQueue } from '../../../engine/flow/boundedQueue';
import type { RuntimeOutput } from './runtime';
import type { RunTally } from './tally';

export async function verifyStage(input: BoundedQueue<RuntimeOutput>, tally: RunTally): Promise<void> {
  for await (const out of input) {
    if (out.kind !== 'batch') continue;
    const { cols } = out;
    const verdicts = await out.verdicts;
    cols.setVerdicts(verdicts);
    const rejection = cols.rejection;
    for (let i = 0; i < cols.length; i++) {
      const got = rejection[i];
      const stored = cols.expected?.[i] ?? null;
      if (got !== stored) {
        throw new Error(`resume diverged from the stored log at seq ${cols.seq0 + i}: stored ${stored ?? 'applied'}, replay gave ${got ?? 'applied'}`);
      }
      tally.count(cols.typeAt(i), got);
    }
  }
}
