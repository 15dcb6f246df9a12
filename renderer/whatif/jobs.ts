// A what-if job as a tab follows it: started through the API, then kept up to date from
// the `whatif.progress` and `whatif.point` topics (the simulate screen's push mechanism),
// and read whole with whatif.job once it ends. Messages that arrive before the start call
// has answered are held and applied once the job's id is known, so no point is missed.
// The job's id and what the tab needs to show it (`shown`: a sweep's grid, a comparison's
// design names) live in the store, not in the tab, and are kept in sessionStorage: after
// a tab switch or a page reload the tab picks the job up again, running or ended, as
// long as the host still has it.
import type { PointResult, WhatIfJob, WhatIfKind, WhatIfProgress } from '../../api/whatIf';
import { api, errorMessage } from '../api';
import { createStore, type Store } from '../state/store';

export type JobView<S = unknown> = { job: WhatIfJob | null; starting: boolean; error: string | null; shown: S | null };

export type JobStore<S = unknown> = Store<JobView<S>> & {
  start(call: () => Promise<WhatIfProgress>, shown: S): Promise<void>;
  cancel(): Promise<void>;
  /** Follows the job this tab last started again (after a page reload), if the host still has it. */
  reattach(): Promise<void>;
};

type Remembered<S> = { jobId: string; shown: S };

const rememberKey = (kind: WhatIfKind) => `hunt-studio.whatif.${kind}`;

function remembered<S>(kind: WhatIfKind): Remembered<S> | null {
  try {
    const r = JSON.parse(sessionStorage.getItem(rememberKey(kind)) ?? 'null') as Remembered<S> | null;
    return r && typeof r.jobId === 'string' ? r : null;
  } catch {
    return null;
  }
}

/** Sweep points in the order they came, one per grid index. */
function withPoint(points: PointResult[], p: PointResult): PointResult[] {
  return points.some((q) => q.index === p.index) ? points : [...points, p];
}

/** The host's answer merged into what the topics brought: whichever is further along wins. */
function merged(local: WhatIfJob, remote: WhatIfJob): WhatIfJob {
  const points = remote.points.reduce(withPoint, local.points);
  return {
    ...remote,
    status: remote.status === 'running' ? local.status : remote.status,
    fraction: remote.fraction === null || local.fraction === null ? remote.fraction : Math.max(local.fraction, remote.fraction),
    points,
    pointsDone: Math.max(points.length, remote.pointsDone),
    result: remote.result ?? local.result,
    error: remote.error ?? local.error,
  };
}

export function createJobStore<S = unknown>(kind: WhatIfKind): JobStore<S> {
  const store = createStore<JobView<S>>({ job: null, starting: false, error: null, shown: null });
  let current: string | null = null;
  let early: ({ progress: WhatIfProgress } | { point: PointResult; jobId: string })[] | null = null;
  let listening = false;

  const apply = (change: (j: WhatIfJob) => WhatIfJob) => store.set((v) => (v.job ? { ...v, job: change(v.job) } : v));

  const onProgress = (p: WhatIfProgress) => {
    if (p.kind !== kind) return;
    if (early) early.push({ progress: p });
    if (p.jobId !== current) return;
    // Never backwards: a late throttled update must not undo a newer one.
    apply((j) => (j.status !== 'running' ? j : { ...j, ...p, pointsDone: Math.max(j.pointsDone, p.pointsDone), fraction: p.fraction === null ? null : Math.max(j.fraction ?? 0, p.fraction) }));
    if (p.status !== 'running') void settle(p.jobId);
  };
  const onPoint = (m: { jobId: string; point: PointResult }) => {
    if (early) early.push({ point: m.point, jobId: m.jobId });
    if (m.jobId !== current) return;
    apply((j) => {
      const points = withPoint(j.points, m.point);
      return { ...j, points, pointsDone: Math.max(j.pointsDone, points.length) };
    });
  };

  async function settle(jobId: string) {
    try {
      const job = await api().call('whatif.job', { jobId });
      if (current === jobId) store.set((v) => ({ ...v, job: v.job ? merged(v.job, job) : job }));
    } catch (err) {
      if (current === jobId) store.set((v) => ({ ...v, error: errorMessage(err) }));
    }
  }

  const listen = () => {
    if (listening) return;
    listening = true;
    api().subscribe('whatif.progress', onProgress);
    api().subscribe('whatif.point', onPoint);
  };

  return {
    ...store,
    async start(call, shown) {
      listen();
      current = null;
      early = [];
      store.set({ job: null, starting: true, error: null, shown });
      try {
        const first = await call();
        current = first.jobId;
        const held = early;
        early = null;
        sessionStorage.setItem(rememberKey(kind), JSON.stringify({ jobId: first.jobId, shown } satisfies Remembered<S>));
        store.set({ job: { ...first, points: [], result: null }, starting: false, error: null, shown });
        for (const m of held) if ('progress' in m) onProgress(m.progress);
        else onPoint(m);
        // Whatever was done before the topics were followed, and the result if it already ended.
        await settle(first.jobId);
      } catch (err) {
        early = null;
        store.set({ job: null, starting: false, error: errorMessage(err), shown: null });
      }
    },
    async reattach() {
      const r = remembered<S>(kind);
      if (!r || current || store.get().starting) return;
      listen();
      current = r.jobId;
      try {
        const job = await api().call('whatif.job', { jobId: r.jobId });
        if (current === r.jobId) store.set({ job, starting: false, error: null, shown: r.shown });
      } catch {
        // The host no longer has it (restarted, or it ended long ago): nothing to pick up.
        if (current === r.jobId) current = null;
        sessionStorage.removeItem(rememberKey(kind));
      }
    },
    async cancel() {
      if (!current) return;
      try {
        await api().call('whatif.cancel', { jobId: current });
      } catch (err) {
        store.set((v) => ({ ...v, error: errorMessage(err) }));
      }
    },
  };
}

export const isRunning = (v: JobView) => v.starting || v.job?.status === 'running';
