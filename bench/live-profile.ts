// The live benchmark's --cpu-prof: the functions the host spent its samples in, from the
// .cpuprofile V8 wrote when `hunt live` exited (node --cpu-prof). Self time only: where
// the main thread itself was, which is what delays the next phone's acknowledgement.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };

export type ProfileLine = { where: string; ms: number; share: number };

/** The main thread's profile of process `pid` in `dir` (node names it CPU.<date>.<time>.<pid>.0.<n>.cpuprofile), its top `top` functions by self time. */
export function topSelfTime(dir: string, pid: number, top = 15): { file: string; totalMs: number; lines: ProfileLine[] } {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${pid}.0.`))
    .sort();
  if (files.length === 0) throw new Error(`${dir}: no main-thread .cpuprofile of process ${pid} (the host did not exit cleanly)`);
  const file = join(dir, files[files.length - 1]);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const samples = profile.samples.length;
  const msPerSample = samples === 0 ? 0 : totalMs / samples;
  const byWhere = new Map<string, number>();
  for (const n of profile.nodes) {
    if (!n.hitCount) continue;
    const f = n.callFrame;
    const url = f.url.replace(/^.*\/(node_modules\/)/, '$1').replace(/^.*\//, '');
    const where = `${f.functionName || '(anonymous)'} ${url ? `${url}:${f.lineNumber + 1}` : ''}`.trim();
    byWhere.set(where, (byWhere.get(where) ?? 0) + n.hitCount);
  }
  const lines = [...byWhere]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, hits]) => ({ where, ms: hits * msPerSample, share: hits / Math.max(1, samples) }));
  return { file, totalMs, lines };
}
