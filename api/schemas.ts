// Argument schemas for every API method, checked at the boundary before a handler
// runs (in-process, over IPC and over HTTP alike). They check the shape of the
// argument only: whether a hunt is a valid hunt is the validator's job, because the
// editor must be able to save and validate hunts that are not valid yet.
import { z } from 'zod';
import type { Arg, Method } from './contract';

const none = z.object({}).strict();
/** Any JSON value, but present: `undefined` means the caller forgot the field. */
const present = z.unknown().refine((v) => v !== undefined, 'is required');
const runId = z.string().min(1, 'must not be empty').max(200);
const seq = z.number().int('must be a whole number').min(0, 'must be 0 or more');
const limit = z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000, 'must be at most 10000');
const path = z.string().min(1, 'must not be empty').max(4096);
const teamId = z.string().min(1, 'must not be empty').max(64);
const stepId = z.string().min(1, 'must not be empty').max(200);

export const simulationSettingsSchema = z
  .object({
    participants: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000'),
    seed: z.number().int('must be a whole number').min(0).max(2 ** 32 - 1),
    profiles: z.string().max(1_000_000).nullable(),
    speed: z.number().finite().min(0, 'must be 0 (as fast as possible) or more'),
    workers: z.number().int().min(1).max(64).optional(),
  })
  .strict();

/** A design for a what-if: a hunt as JSON, or a stored hunt version (its content hash). */
const design = z.union([z.object({ hunt: present }).strict(), z.object({ version: z.string().regex(/^[0-9a-f]{8,128}$/, 'must be a stored hunt version (hex)') }).strict()]);
const whatIfRuns = z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000, 'must be at most 10000');
const whatIfParticipants = z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000');
const whatIfSeed = z.number().int('must be a whole number').min(0, 'must be 0 or more').max(2 ** 32 - 1);
const profilesText = z.string().max(1_000_000).nullable();
const jobId = z.string().min(1, 'must not be empty').max(100);
const sweepAxis = z
  .object({
    path: z.string().trim().min(1, 'must not be empty').max(500),
    from: z.number().finite(),
    to: z.number().finite(),
    step: z.number().finite().gt(0, 'must be greater than 0'),
  })
  .strict()
  .refine((a) => a.from <= a.to, { message: 'from must not be greater than to', path: ['to'] });

/** One schema per method; `satisfies` keeps the table complete and in step with the contract. */
export const argSchemas = {
  'app.info': none,
  'app.chooseOpenPath': none,
  'app.chooseSavePath': z.object({ suggestedName: z.string().max(255) }).strict(),

  'hunts.examples': none,
  'hunts.openExample': z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be the name of a bundled example') }).strict(),
  'hunts.new': none,
  'hunts.open': z.object({ path }).strict(),
  'hunts.openText': z.object({ name: z.string().min(1).max(1000), text: z.string().max(50_000_000) }).strict(),
  'hunts.save': z.object({ path, hunt: present }).strict(),
  'hunts.recent': none,
  'hunts.browse': z.object({ dir: path.optional() }).strict(),
  'hunts.validate': z.object({ hunt: present }).strict(),

  'runs.list': none,
  'runs.get': z.object({ runId, result: z.boolean().optional() }).strict(),
  'runs.delete': z.object({ runId }).strict(),
  'runs.rename': z.object({ runId, name: z.string().trim().min(1, 'must not be empty').max(200) }).strict(),
  'runs.profilePresets': none,
  'runs.simulate': z.object({ hunt: present, name: z.string().max(200).optional(), settings: simulationSettingsSchema }).strict(),
  'runs.replay': z.object({ hunt: present, name: z.string().min(1).max(200), logText: z.string() }).strict(),
  'runs.replayFile': z.object({ hunt: present, name: z.string().max(200).optional(), path }).strict(),
  'runs.control': z
    .object({ runId, action: z.enum(['pause', 'resume', 'step', 'cancel']), speed: z.number().finite().min(0).optional() })
    .strict(),
  'runs.progress': z.object({ runId }).strict(),
  'runs.resume': z.object({ runId }).strict(),
  'runs.export': z.object({ runId, format: z.enum(['jsonl', 'json', 'csv']) }).strict(),
  'runs.compare': z.object({ a: runId, b: runId }).strict(),
  'runs.changes': z.object({ a: runId, b: runId }).strict(),
  'runs.analytics': z.object({ runId, atSeq: seq.optional() }).strict(),

  'runs.events': z.object({ runId, fromSeq: seq, limit, participant: z.string().min(1).optional() }).strict(),
  'runs.density': z.object({ runId, buckets: z.number().int().min(1).max(10_000) }).strict(),
  'runs.participants': z
    .object({
      runId,
      atSeq: seq,
      sort: z.enum(['id', 'score', 'status', 'progress', 'finishedAt']),
      desc: z.boolean(),
      offset: z.number().int().min(0),
      // Each row is a participant's state sought at atSeq: pages stay small.
      limit: z.number().int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500'),
      filter: z
        .object({
          text: z.string().max(200).optional(),
          status: z.enum(['active', 'finished', 'timed_out', 'quit']).optional(),
          step: z.string().min(1).max(200).optional(),
          outcome: z
            .enum(['reached', 'failed', 'locked', 'open', 'solved', 'failed-time-limit', 'failed-attempts', 'failed-other', 'quit-on-it', 'timed-out-on-it'])
            .optional(),
          minScore: z.number().finite().optional(),
          maxScore: z.number().finite().optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
  'runs.inspect': z.object({ runId, atSeq: seq, participant: z.string().min(1), events: z.boolean().optional() }).strict(),
  'runs.joinSeq': z.object({ runId, participant: z.string().min(1) }).strict(),
  'runs.history': z.object({ runId, atSeq: seq, participant: z.string().min(1) }).strict(),
  'runs.findEvent': z
    .object({
      runId,
      fromSeq: seq,
      direction: z.union([z.literal(1), z.literal(-1)]),
      kind: z.enum(['rejection', 'participant']),
      participant: z.string().min(1).optional(),
    })
    .strict(),

  'live.start': z.object({ hunt: present, participant: z.string().min(1).max(200) }).strict(),
  'live.send': z.object({ runId, event: z.record(z.string(), z.unknown()) }).strict(),
  'live.advance': z.object({ runId, t: z.number().min(0, 'must be 0 or more').finite() }).strict(),
  'live.stop': z.object({ runId }).strict(),

  'console.networks': none,
  'console.openRuns': none,
  'console.goLive': z
    .object({
      hunt: present.optional(),
      runId: runId.optional(),
      bind: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'must be an IPv4 address of this machine (or 0.0.0.0)'),
      port: z.number().int('must be a whole number').min(0, 'must be 0 (a free port) to 65535').max(65535, 'must be 0 (a free port) to 65535'),
      https: z.boolean().optional(),
    })
    .strict(),
  'console.serving': none,
  'console.state': z
    .object({ team: teamId.optional(), step: stepId.optional(), rejectedOnly: z.boolean().optional(), limit: z.number().int().min(1).max(2000).optional() })
    .strict(),
  'console.team': z.object({ team: teamId }).strict(),
  'console.judge': z.object({ team: teamId, step: stepId, accept: z.boolean(), points: z.number().int('must be a whole number').min(0, 'must be 0 or more').optional() }).strict(),
  'console.adjust': z
    .object({
      team: teamId,
      points: z.number().int('must be a whole number').refine((n) => n !== 0, 'must not be 0 (negative takes points away)'),
      reason: z.string().trim().min(1, 'give a reason').max(200, 'must be at most 200 characters'),
    })
    .strict(),
  'console.extend': z.object({ team: teamId, seconds: z.number().finite().gt(0, 'must be more than 0').max(86_400, 'must be at most a day (86400)') }).strict(),
  'console.message': z.object({ team: teamId.optional(), text: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters') }).strict(),
  'console.photo': z.object({ ref: z.string().min(1).max(200) }).strict(),
  'console.stopServing': none,
  'console.endHunt': none,

  'whatif.compare': z.object({ a: design, b: design, participants: whatIfParticipants, runs: whatIfRuns, seed: whatIfSeed, profiles: profilesText }).strict(),
  'whatif.sweep': z
    .object({
      design,
      axes: z.array(sweepAxis).min(1, 'vary one or two fields').max(2, 'vary one or two fields'),
      participants: whatIfParticipants,
      runs: whatIfRuns,
      seed: whatIfSeed,
      profiles: profilesText,
    })
    .strict(),
  'whatif.rescore': z
    .object({ hunt: present, runId: runId.optional(), logText: z.string().max(500_000_000).optional(), oldHunt: design.optional() })
    .strict()
    .refine((a) => (a.runId === undefined) !== (a.logText === undefined), { message: 'give either runId (a stored run) or logText (a log), not both', path: ['runId'] })
    .refine((a) => a.runId !== undefined || a.oldHunt !== undefined, { message: 'a log needs the hunt it was played with (oldHunt)', path: ['oldHunt'] }),
  'whatif.fork': z.object({ runId, at: z.number().int('must be a whole number').min(1, 'must be 1 or more'), hunt: design.optional(), profiles: profilesText.optional(), runs: whatIfRuns }).strict(),
  'whatif.job': z.object({ jobId }).strict(),
  'whatif.cancel': z.object({ jobId }).strict(),
  'whatif.fields': z.object({ hunt: present, profiles: profilesText }).strict(),
} satisfies { [M in Method]: z.ZodType<Arg<M>> };

export const METHODS = Object.keys(argSchemas) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(argSchemas, name);
}

export type ArgIssue = { path: string; message: string };

/**
 * Checks `value` against the method's schema. Returns the parsed argument or the issues,
 * each with a JSON-pointer-like path ("/settings/seed") and a message.
 */
export function checkArg<M extends Method>(method: M, value: unknown): { ok: true; arg: Arg<M> } | { ok: false; issues: ArgIssue[] } {
  const schema = argSchemas[method] as z.ZodType<Arg<M>>;
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, arg: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({ path: '/' + i.path.map(String).join('/'), message: i.message })),
  };
}
