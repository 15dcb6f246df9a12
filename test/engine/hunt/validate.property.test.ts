// Property tests: random valid hunts validate, and a random mutation that breaks one
// rule is reported with that rule's code (and nothing else as an error).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateHunt } from '../../../engine/hunt/validate';
import type { Hunt } from '../../../engine/hunt/schema';
import { validHunt } from './arbitraries';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mutations reshape hunts freely, into invalid shapes too
type Raw = Record<string, any>;
type Broken = { hunt: Raw; code: string; path: string };
type Mutation = (h: Raw, pick: number) => Broken | null;

const indexWhere = (list: Raw[], pick: number, ok: (s: Raw) => boolean): number | null => {
  const candidates = list.map((s, i) => (ok(s) ? i : -1)).filter((i) => i >= 0);
  return candidates.length === 0 ? null : candidates[pick % candidates.length];
};

const MUTATIONS: Record<string, Mutation> = {
  'missing-title': (h) => (delete h.title, { hunt: h, code: 'schema', path: '/title' }),
  'unknown-hunt-field': (h) => ((h.timelimitSec = 5), { hunt: h, code: 'schema', path: '/timelimitSec' }),
  'bad-hunt-id': (h) => ((h.id = 'Not A Slug'), { hunt: h, code: 'schema', path: '/id' }),
  'bad-format': (h) => ((h.format = 'hunt/3'), { hunt: h, code: 'schema', path: '/format' }),
  'unknown-step-field': (h, p) => {
    const i = p % h.steps.length;
    h.steps[i].colour = 'red';
    return { hunt: h, code: 'schema', path: `/steps/${i}/colour` };
  },
  'negative-points': (h, p) => {
    const i = p % h.steps.length;
    h.steps[i].points = -1 - (p % 7);
    return { hunt: h, code: 'schema', path: `/steps/${i}/points` };
  },
  'fractional-penalty': (h) => ((h.wrongAnswerPenalty = 2.5), { hunt: h, code: 'schema', path: '/wrongAnswerPenalty' }),
  'field-of-other-kind': (h, p) => {
    const i = p % h.steps.length;
    const field = h.steps[i].kind === 'answer' ? 'code' : 'answers';
    h.steps[i][field] = field === 'code' ? 'X' : ['x'];
    return { hunt: h, code: 'schema', path: `/steps/${i}/${field}` };
  },
  'bad-kind': (h, p) => {
    const i = p % h.steps.length;
    h.steps[i].kind = 'quiz';
    return { hunt: h, code: 'schema', path: `/steps/${i}/kind` };
  },
  'zero-time-limit': (h, p) => {
    const i = p % h.steps.length;
    h.steps[i].timeLimitSec = 0;
    return { hunt: h, code: 'schema', path: `/steps/${i}/timeLimitSec` };
  },
  'latitude-out-of-range': (h, p) => {
    if (!h.locations?.length) return null;
    const i = p % h.locations.length;
    h.locations[i].lat = 90.5;
    return { hunt: h, code: 'schema', path: `/locations/${i}/lat` };
  },
  'empty-answer-among-good': (h, p) => {
    const i = indexWhere(h.steps, p, (s) => s.kind === 'answer');
    if (i === null) return null;
    h.steps[i].answers.push(' - ');
    return { hunt: h, code: 'schema', path: `/steps/${i}/answers/${h.steps[i].answers.length - 1}` };
  },
  'duplicate-step': (h, p) => {
    const i = p % h.steps.length;
    h.steps.push(structuredClone(h.steps[i]));
    return { hunt: h, code: 'duplicate-id', path: `/steps/${h.steps.length - 1}/id` };
  },
  'duplicate-location': (h, p) => {
    if (!h.locations?.length) return null;
    const i = p % h.locations.length;
    h.locations.push(structuredClone(h.locations[i]));
    return { hunt: h, code: 'duplicate-id', path: `/locations/${h.locations.length - 1}/id` };
  },
  'unknown-requires': (h, p) => {
    const i = p % h.steps.length;
    h.steps[i].requires = [...(h.steps[i].requires ?? []), 'no-such-step-' + '-'.repeat(60)];
    return { hunt: h, code: 'unknown-step', path: `/steps/${i}/requires/${h.steps[i].requires.length - 1}` };
  },
  'self-require': (h, p) => {
    const i = p % h.steps.length;
    h.steps[i].requires = [...(h.steps[i].requires ?? []), h.steps[i].id];
    return { hunt: h, code: 'unknown-step', path: `/steps/${i}/requires/${h.steps[i].requires.length - 1}` };
  },
  'unknown-location': (h, p) => {
    const i = indexWhere(h.steps, p, (s) => s.kind === 'location');
    if (i === null) return null;
    h.steps[i].location = 'Nowhere at all';
    return { hunt: h, code: 'unknown-location', path: `/steps/${i}/location` };
  },
  cycle: (h, p) => {
    const j = indexWhere(h.steps, p, (s) => (s.requires ?? []).length > 0);
    if (j === null) return null;
    const required = h.steps[j].requires[p % h.steps[j].requires.length];
    const r = h.steps.findIndex((s: Raw) => s.id === required);
    h.steps[r].requires = [...(h.steps[r].requires ?? []), h.steps[j].id];
    return { hunt: h, code: 'cycle', path: `/steps/${r}` };
  },
  'no-answers': (h, p) => {
    const i = indexWhere(h.steps, p, (s) => s.kind === 'answer');
    if (i === null) return null;
    h.steps[i].answers = h.steps[i].answers.map(() => '?!');
    return { hunt: h, code: 'no-answers', path: `/steps/${i}/answers` };
  },
};

describe('validateHunt properties', () => {
  it('accepts every random valid hunt and returns it unchanged', () => {
    fc.assert(
      fc.property(validHunt, (hunt: Hunt) => {
        const r = validateHunt(structuredClone(hunt));
        expect(r.errors).toEqual([]);
        expect(r.valid).toBe(true);
        expect(r.hunt).toEqual(hunt);
      }),
      { numRuns: 300 },
    );
  });

  it('reports a mutation that breaks one rule with exactly that rule\'s code', () => {
    const names = Object.keys(MUTATIONS);
    fc.assert(
      fc.property(validHunt, fc.constantFrom(...names), fc.nat(1000), (hunt, name, pick) => {
        const broken = MUTATIONS[name](structuredClone(hunt) as Raw, pick);
        fc.pre(broken !== null);
        const r = validateHunt(broken!.hunt);
        expect(r.valid).toBe(false);
        expect([...new Set(r.errors.map((e) => e.code))]).toEqual([broken!.code]);
        expect(r.errors.map((e) => e.path)).toContain(broken!.path);
        for (const e of r.errors) expect(e.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 400 },
    );
  });
});

describe('validateHunt on arbitrary input', () => {
  it('never throws and is valid only with no errors, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = validateHunt(v);
        expect(r.valid).toBe(r.errors.length === 0);
        expect(r.valid).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws when any value in a valid hunt is replaced by arbitrary JSON', () => {
    fc.assert(
      fc.property(validHunt, fc.nat(), fc.jsonValue({ maxDepth: 2 }), (hunt, pick, replacement) => {
        const raw = structuredClone(hunt) as Raw;
        // Collect every (parent, key) pair in the hunt and replace one of them.
        const slots: [Raw, string | number][] = [];
        const walk = (v: unknown) => {
          if (typeof v !== 'object' || v === null) return;
          for (const k of Object.keys(v)) {
            slots.push([v as Raw, Array.isArray(v) ? Number(k) : k]);
            walk((v as Raw)[k]);
          }
        };
        walk(raw);
        const [parent, key] = slots[pick % slots.length];
        parent[key] = replacement;
        const r = validateHunt(raw);
        expect(r.valid).toBe(r.errors.length === 0);
        for (const e of [...r.errors, ...r.warnings]) expect(e.path === '' || e.path.startsWith('/')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
