// The whatif.* handlers (docs/what-if.md): what the arguments name is checked here, so a
// mistake is answered at once with the field it concerns; the work then runs as a job
// (jobs.ts) on the same host code as `hunt compare`, `sweep`, `rescore` and `fork`.
import type { Hunt } from '../../../api/contract';
import type { DesignSource, SweepAxis, WhatIfResult } from '../../../api/whatIf';
import { ApiError } from '../../../api/errors';
import { loadHuntVersion } from '../../../db/hunts';
import { grid, parseVary, type Axis } from '../../../engine/whatif/sweep';
import { checkForkable } from '../../../engine/whatif/fork';
import { ProfileError, type Profile } from '../../../engine/sim/profile';
import { resolveProfiles } from '../../../engine/sim/presets';
import { compareDesigns } from '../../whatif/compare';
import { runSweep } from '../../whatif/sweep';
import { forkStoredRun } from '../../whatif/fork';
import { rescoreStoredRun, rescoreText, storedRunHunt } from '../../whatif/rescore';
import { huntNumericFields, profileNumericFields } from '../../whatif/fields';
import type { HandlerImpls } from '../handlers';
import { requireRunRow, type RunsContext } from '../runs/context';
import { profilesFor, requireValid } from '../runs/start';
import { createJobRegistry } from './jobs';

/** The hunt of a design, valid; errors name the design (`label`). */
function designHunt(ctx: RunsContext, source: DesignSource, label: string): Hunt {
  let value: unknown;
  if ('version' in source) {
    value = loadHuntVersion(ctx.db(), source.version);
    if (value === null) throw new ApiError('not-found', `${label}: there is no stored hunt version ${source.version.slice(0, 12)}…`);
  } else value = source.hunt;
  try {
    return requireValid(value);
  } catch (err) {
    if (err instanceof ApiError) throw new ApiError(err.code, `${label}: ${err.message}`, err.details);
    throw err;
  }
}

function labelled<T>(label: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof ApiError) throw new ApiError(err.code, `${label}: ${err.message}`, err.details);
    throw err;
  }
}

/** A profile mix with no hunt to check it against yet (the fields picker, a fork's mix). */
function resolveMix(spec: string | null, source: string): Profile[] {
  try {
    return resolveProfiles(spec, source);
  } catch (err) {
    if (err instanceof ProfileError) throw new ApiError('bad-argument', err.message, err.issues);
    throw err;
  }
}

function sweepAxes(axes: SweepAxis[]): Axis[] {
  const parsed = axes.map((a, i) => {
    try {
      return parseVary(`${a.path}=${a.from}..${a.to}:${a.step}`);
    } catch (err) {
      throw new ApiError('bad-argument', `/axes/${i}: ${err instanceof Error ? err.message.replace(/^--vary /, '') : String(err)}`);
    }
  });
  try {
    grid(parsed);
  } catch (err) {
    throw new ApiError('bad-argument', `/axes: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parsed;
}

export function whatIfHandlers(ctx: RunsContext): HandlerImpls {
  const jobs = createJobRegistry(ctx.bus);
  ctx.onClose.add(() => jobs.stopAll());
  return {
    'whatif.compare': ({ a: sourceA, b: sourceB, participants, runs, seed, profiles: spec }) => {
      const a = designHunt(ctx, sourceA, 'Design A');
      const b = designHunt(ctx, sourceB, 'Design B');
      const profiles = labelled('Design A', () => profilesFor(a, spec));
      labelled('Design B', () => profilesFor(b, spec));
      if (seed + runs - 1 > 2 ** 32 - 1) throw new ApiError('bad-argument', `/seed: runs use seeds ${seed} to ${seed + runs - 1}, above the largest seed ${2 ** 32 - 1}`);
      return jobs.start('compare', async (c): Promise<WhatIfResult> => {
        const comparison = await compareDesigns({ a, b, profiles, participants, runs, seed, signal: c.signal, onProgress: c.progress });
        return { kind: 'compare', comparison };
      });
    },

    'whatif.sweep': ({ design, axes: given, participants, runs, seed, profiles: spec }) => {
      const hunt = designHunt(ctx, design, 'The design');
      const profiles = profilesFor(hunt, spec);
      const axes = sweepAxes(given);
      if (seed + runs - 1 > 2 ** 32 - 1) throw new ApiError('bad-argument', `/seed: runs use seeds ${seed} to ${seed + runs - 1}, above the largest seed ${2 ** 32 - 1}`);
      const pointsTotal = axes.reduce((n, a) => n * a.values.length, 1);
      return jobs.start(
        'sweep',
        async (c): Promise<WhatIfResult> => {
          const sweep = await runSweep({ hunt, profiles, axes, participants, runs, seed, signal: c.signal, onProgress: c.progress, onPoint: c.point });
          return { kind: 'sweep', sweep };
        },
        { pointsTotal },
      );
    },

    'whatif.rescore': ({ hunt: value, runId, logText, oldHunt }) => {
      const next = labelled('The current hunt', () => requireValid(value));
      const old = oldHunt ? designHunt(ctx, oldHunt, 'The old hunt') : undefined;
      if (runId !== undefined) {
        const row = requireRunRow(ctx, runId);
        if (!old) {
          try {
            storedRunHunt(ctx.db(), row.id);
          } catch (err) {
            throw new ApiError('not-found', err instanceof Error ? err.message : String(err));
          }
        }
        const total = Math.max(1, row.events);
        return jobs.start('rescore', async (c): Promise<WhatIfResult> => {
          const rescore = await rescoreStoredRun(ctx.db(), row.id, next, old, { signal: c.signal, onLines: (n) => c.progress(n / total) });
          return { kind: 'rescore', rescore };
        });
      }
      const total = Math.max(1, (logText ?? '').split('\n').length);
      return jobs.start('rescore', async (c): Promise<WhatIfResult> => {
        const rescore = await rescoreText(old!, next, logText ?? '', { signal: c.signal, onLines: (n) => c.progress(n / total) });
        return { kind: 'rescore', rescore };
      });
    },

    'whatif.fork': ({ runId, at, hunt: source, profiles: spec, runs }) => {
      const row = requireRunRow(ctx, runId);
      if (row.kind !== 'simulation') throw new ApiError('conflict', `Run ${runId} is a ${row.kind}, not a simulation: only a simulation can be forked.`);
      if (row.status !== 'completed') throw new ApiError('conflict', `Run ${runId} is ${row.status}: fork a completed simulation.`);
      if (at > row.events) throw new ApiError('bad-argument', `/at: must be an event of run ${runId}, 1 to ${row.events} (got ${at})`);
      const original = { hunt: storedRunHunt(ctx.db(), row.id), profiles: (row.settings as { profiles: Profile[] }).profiles };
      const hunt = source ? designHunt(ctx, source, 'The fork’s hunt') : undefined;
      const profiles = spec === undefined || spec === null ? undefined : resolveMix(spec, 'profiles');
      try {
        checkForkable(original, { hunt: hunt ?? original.hunt, profiles: profiles ?? original.profiles });
      } catch (err) {
        throw new ApiError('bad-argument', err instanceof Error ? err.message : String(err));
      }
      return jobs.start('fork', async (c): Promise<WhatIfResult> => {
        const fork = await forkStoredRun({ db: ctx.db(), runId: row.id, at, hunt, profiles, runs, signal: c.signal, onProgress: c.progress });
        return { kind: 'fork', fork: { ...fork, runId: String(fork.runId) } };
      });
    },

    'whatif.job': ({ jobId }) => jobs.get(jobId),
    'whatif.cancel': ({ jobId }) => jobs.cancel(jobId),

    'whatif.fields': ({ hunt, profiles }) => ({ hunt: huntNumericFields(hunt), profiles: profileNumericFields(resolveMix(profiles, 'profiles')) }),
  };
}
