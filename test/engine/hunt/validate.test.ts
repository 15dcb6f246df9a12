import { describe, expect, it } from 'vitest';
import { validateHunt } from '../../../engine/hunt/validate';
import { ERROR_CODES, WARNING_CODES, type Issue } from '../../../engine/hunt/issues';

// A small valid hunt in the spirit of the spec's example; each test breaks one thing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reshape hunts freely, into invalid shapes too
function baseHunt(): Record<string, any> {
  return {
    format: 'hunt/1',
    id: 'old-town',
    title: 'Old Town Hunt',
    timeLimitSec: 5400,
    wrongAnswerPenalty: 10,
    locations: [{ id: 'fountain', name: 'Fountain', lat: 48.2082, lon: 16.3738, radiusM: 25 }],
    steps: [
      { id: 'start', title: 'Find the fountain', kind: 'location', location: 'fountain', points: 100 },
      {
        id: 'riddle', title: 'Riddle', kind: 'answer', prompt: 'What has keys but no locks?', answers: ['a piano', 'piano'],
        maxAttempts: 3, requires: ['start'], hints: [{ text: 'It makes music', penalty: 20 }], timeLimitSec: 600,
      },
      { id: 'qr', title: 'Scan the plaque', kind: 'code', code: 'PLQ-7', requires: ['start'] },
    ],
  };
}

const brief = (list: Issue[]) => list.map((i) => `${i.code} ${i.path}`);

function errorsOf(h: unknown) {
  const r = validateHunt(h);
  expect(r.valid).toBe(false);
  expect(r.hunt).toBeUndefined();
  return r.errors;
}

describe('validateHunt: a valid hunt', () => {
  it('accepts the spec example with no errors or warnings and returns the typed hunt', () => {
    const r = validateHunt(baseHunt());
    expect(r).toMatchObject({ valid: true, errors: [], warnings: [] });
    expect(r.hunt?.steps[1].kind).toBe('answer');
  });

  it('accepts 10.0 as an integer and a step with only required fields', () => {
    const h = baseHunt();
    h.steps[0].points = 10.0;
    h.steps.push({ id: 'x', title: 'X', kind: 'code', code: 'c' });
    expect(validateHunt(h).valid).toBe(true);
  });

  it('never throws, whatever the input', () => {
    for (const v of [undefined, null, 0, 'x', [], [1], {}, { steps: [null, 1, 'a', [], { kind: {} }] }, { locations: 'x', steps: [{ requires: 'a' }] }]) {
      expect(() => validateHunt(v)).not.toThrow();
      expect(validateHunt(v).valid).toBe(false);
    }
  });
});

describe('validateHunt: schema errors', () => {
  it('reports a non-object file at the root', () => {
    expect(brief(errorsOf([]))).toEqual(['schema ']);
  });

  it('reports a missing field where it should be', () => {
    const h = baseHunt();
    delete h.title;
    const [e] = errorsOf(h);
    expect(e).toMatchObject({ code: 'schema', path: '/title' });
    expect(e.message).toMatch(/missing "title"/);
  });

  it('reports an unknown field at the field itself, with a suggestion', () => {
    const h = baseHunt();
    h.timelimitSec = 10;
    const [e] = errorsOf(h);
    expect(e).toMatchObject({ code: 'schema', path: '/timelimitSec' });
    expect(e.message).toContain('did you mean "timeLimitSec"?');
  });

  it('escapes unknown field names in the JSON pointer', () => {
    const h = baseHunt();
    h.steps[2]['a/b~c'] = 1;
    expect(brief(errorsOf(h))).toEqual(['schema /steps/2/a~1b~0c']);
  });

  it('reports a field of another kind of step', () => {
    const h = baseHunt();
    h.steps[1].code = 'X';
    const [e] = errorsOf(h);
    expect(e).toMatchObject({ code: 'schema', path: '/steps/1/code' });
    expect(e.message).toMatch(/belongs to code steps.*answer step/);
  });

  it('reports wrong types and ranges, naming the step', () => {
    const h = baseHunt();
    h.format = 'hunt/3'; // an unknown format (hunt/2 is a format since v2)
    h.id = 'Old Town';
    h.wrongAnswerPenalty = -1;
    h.locations[0].lat = 91;
    h.locations[0].radiusM = 0;
    h.steps[1].points = 1.5;
    h.steps[1].maxAttempts = 0;
    h.steps[1].hints[0].penalty = '5';
    h.steps[2].code = '   ';
    h.steps[2].timeLimitSec = 0;
    const errors = errorsOf(h);
    expect(brief(errors)).toEqual([
      'schema /format', 'schema /id', 'schema /wrongAnswerPenalty', 'schema /locations/0/lat', 'schema /locations/0/radiusM',
      'schema /steps/1/points', 'schema /steps/1/maxAttempts', 'schema /steps/1/hints/0/penalty', 'schema /steps/2/timeLimitSec', 'schema /steps/2/code',
    ]);
    expect(errors[1].message).toContain('try "old-town"');
    expect(errors[5].message).toMatch(/"points" of step "riddle" must be a whole number.*not the number 1\.5/);
  });

  it('reports a bad kind with a suggestion and still checks the shared fields', () => {
    const h = baseHunt();
    h.steps[1].kind = 'anwser';
    h.steps[1].title = '';
    h.steps[1].bogus = true;
    const errors = errorsOf(h);
    expect(brief(errors)).toEqual(['schema /steps/1/title', 'schema /steps/1/kind', 'schema /steps/1/bogus']);
    expect(errors.find((e) => e.path === '/steps/1/kind')?.message).toContain('did you mean "answer"?');
  });

  it('reports a hunt with no steps', () => {
    const h = baseHunt();
    h.steps = [];
    h.locations = [];
    expect(brief(errorsOf(h))).toEqual(['schema /steps']);
  });

  it('reports one empty answer among good ones as schema at its own path', () => {
    const h = baseHunt();
    h.steps[1].answers = ['piano', ' ?! '];
    expect(brief(errorsOf(h))).toEqual(['schema /steps/1/answers/1']);
  });
});

describe('validateHunt: reference errors', () => {
  it('duplicate-id: at the later step', () => {
    const h = baseHunt();
    h.steps.push({ ...h.steps[2] });
    const [e] = errorsOf(h);
    expect(e).toMatchObject({ code: 'duplicate-id', path: '/steps/3/id' });
    expect(e.message).toContain('/steps/2');
  });

  it('duplicate-id: at the later location', () => {
    const h = baseHunt();
    h.locations.push({ ...h.locations[0], lat: 48.3 });
    expect(brief(errorsOf(h))).toEqual(['duplicate-id /locations/1/id']);
  });

  it('unknown-step: with a did-you-mean', () => {
    const h = baseHunt();
    h.steps[1].requires = ['strat'];
    const [e] = errorsOf(h);
    expect(e).toMatchObject({ code: 'unknown-step', path: '/steps/1/requires/0' });
    expect(e.message).toBe('step "riddle" requires "strat", which does not exist — did you mean "start"?');
  });

  it('unknown-step: a step requiring itself', () => {
    const h = baseHunt();
    h.steps[2].requires = ['start', 'qr'];
    const [e] = errorsOf(h);
    expect(e).toMatchObject({ code: 'unknown-step', path: '/steps/2/requires/1' });
    expect(e.message).toMatch(/requires itself/);
  });

  it('unknown-location: with a did-you-mean', () => {
    const h = baseHunt();
    h.steps[0].location = 'fountian';
    const errors = validateHunt(h).errors;
    expect(brief(errors)).toEqual(['unknown-location /steps/0/location']);
    expect(errors[0].message).toContain('did you mean "fountain"?');
  });

  it('cycle: one entry per step on the loop, none for steps that only depend on it', () => {
    const h = baseHunt();
    h.steps[0].requires = ['qr'];
    h.steps.push({ id: 'after', title: 'After', kind: 'code', code: 'A', requires: ['qr'] });
    const errors = errorsOf(h);
    expect(brief(errors)).toEqual(['cycle /steps/0', 'cycle /steps/2']);
    expect(errors[0].message).toContain('"start" requires "qr" requires "start"');
  });

  it('cycle: two separate loops and a loop with a chord', () => {
    const h = baseHunt();
    h.steps = [
      { id: 'a', title: 'A', kind: 'code', code: 'A', requires: ['b'] },
      { id: 'b', title: 'B', kind: 'code', code: 'B', requires: ['c'] },
      { id: 'c', title: 'C', kind: 'code', code: 'C', requires: ['a', 'b'] },
      { id: 'd', title: 'D', kind: 'code', code: 'D', requires: ['e'] },
      { id: 'e', title: 'E', kind: 'code', code: 'E', requires: ['d'] },
      { id: 'f', title: 'F', kind: 'location', location: 'fountain' },
    ];
    expect(brief(errorsOf(h))).toEqual(['cycle /steps/0', 'cycle /steps/1', 'cycle /steps/2', 'cycle /steps/3', 'cycle /steps/4']);
  });

  it('no-answers: every answer empty after normalisation', () => {
    const h = baseHunt();
    h.steps[1].answers = ['?!', '  ', '¿…'];
    const [e, ...rest] = errorsOf(h);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ code: 'no-answers', path: '/steps/1/answers' });
  });

  it('no-answers: an empty list', () => {
    const h = baseHunt();
    h.steps[1].answers = [];
    expect(brief(errorsOf(h))).toEqual(['no-answers /steps/1/answers']);
  });
});

describe('validateHunt: every problem at once', () => {
  it('reports schema and reference errors together, in reading order', () => {
    const h = baseHunt();
    delete h.title;
    h.colour = 'red';
    h.locations.push({ ...h.locations[0] });
    h.steps[0].points = -5;
    h.steps[1].requires = ['strat'];
    h.steps[1].answers = ['', '...'];
    h.steps[2].location = 'fountain';
    h.steps.push({ id: 'qr', title: 'Again', kind: 'location', location: 'nowhere' });
    h.steps.push({ id: 'loop-a', title: 'Loop A', kind: 'code', code: 'L', requires: ['loop-b'] });
    h.steps.push({ id: 'loop-b', title: 'Loop B', kind: 'code', code: 'L', requires: ['loop-a', 'riddle'] });
    // Unknown fields come after the known ones of the same object.
    expect(brief(errorsOf(h))).toEqual([
      'schema /title',
      'duplicate-id /locations/1/id',
      'schema /steps/0/points',
      'unknown-step /steps/1/requires/0',
      'no-answers /steps/1/answers',
      'schema /steps/2/location',
      'duplicate-id /steps/3/id',
      'unknown-location /steps/3/location',
      'cycle /steps/4',
      'cycle /steps/5',
      'schema /colour',
    ]);
  });

  it('every error code has a test above (the hunt/2 ones in validate-v2.test.ts)', () => {
    expect([...ERROR_CODES].sort()).toEqual(['cycle', 'duplicate-id', 'group-order-conflict', 'no-answers', 'schema', 'step-in-two-groups', 'unknown-location', 'unknown-step']);
  });
});

describe('validateHunt: warnings', () => {
  const warningsOf = (h: unknown) => {
    const r = validateHunt(h);
    return r.warnings;
  };

  it('hint-penalty-exceeds-points, with the default of 100 points', () => {
    const h = baseHunt();
    h.steps[1].hints = [{ text: 'a', penalty: 60 }, { text: 'b', penalty: 41 }];
    const r = validateHunt(h);
    expect(r.valid).toBe(true);
    expect(brief(r.warnings)).toEqual(['hint-penalty-exceeds-points /steps/1/hints']);
    h.steps[1].hints[1].penalty = 40;
    expect(warningsOf(h)).toEqual([]);
  });

  it('step-limit-exceeds-hunt', () => {
    const h = baseHunt();
    h.steps[1].timeLimitSec = 6000;
    expect(brief(warningsOf(h))).toEqual(['step-limit-exceeds-hunt /steps/1/timeLimitSec']);
    delete h.timeLimitSec;
    expect(warningsOf(h)).toEqual([]);
  });

  it('unused-location', () => {
    const h = baseHunt();
    h.locations.push({ id: 'tower', lat: 48.3, lon: 16.4, radiusM: 30 });
    const w = warningsOf(h);
    expect(brief(w)).toEqual(['unused-location /locations/1']);
    expect(w[0].message).toContain('"tower"');
  });

  it('empty-hint', () => {
    const h = baseHunt();
    h.steps[1].hints.push({ text: ' ', penalty: 5 });
    expect(brief(warningsOf(h))).toEqual(['empty-hint /steps/1/hints/1/text']);
  });

  it('overlapping-locations: only for used locations closer than their radii add up to', () => {
    const h = baseHunt();
    // 0.0003° of latitude is about 33 m: 25 + 10 m overlap, 25 + 5 m do not.
    h.locations.push({ id: 'statue', lat: 48.2085, lon: 16.3738, radiusM: 10 });
    h.steps.push({ id: 'statue', title: 'Statue', kind: 'location', location: 'statue' });
    expect(brief(warningsOf(h))).toEqual(['overlapping-locations /locations/1']);
    h.locations[1].radiusM = 5;
    expect(warningsOf(h)).toEqual([]);
  });

  it('warnings are also given for an invalid hunt', () => {
    const h = baseHunt();
    delete h.id;
    h.locations.push({ id: 'tower', lat: 48.3, lon: 16.4, radiusM: 30 });
    const r = validateHunt(h);
    expect(r.valid).toBe(false);
    expect(brief(r.warnings)).toEqual(['unused-location /locations/1']);
  });

  it('every warning code has a test above (the hunt/2 ones in validate-v2.test.ts)', () => {
    expect([...WARNING_CODES].sort()).toEqual(['empty-hint', 'finish-step-optional', 'hint-penalty-exceeds-points', 'maybe-unreachable', 'overlapping-locations', 'rotation-deadlock', 'step-limit-exceeds-hunt', 'unused-location']);
  });
});

describe('validateHunt: messages', () => {
  it('suggests a list when a single text is given for requires or answers', () => {
    const h = baseHunt();
    h.steps[1].requires = 'start';
    h.steps[1].answers = 'piano';
    const errors = errorsOf(h);
    expect(brief(errors)).toEqual(['schema /steps/1/requires', 'schema /steps/1/answers']);
    expect(errors[0].message).toBe('"requires" of step "riddle" must be a list of step ids, not the text "start" (write ["start"])');
  });

  it('names entries without a usable id by position', () => {
    const h = baseHunt();
    h.steps[2].id = 7;
    h.steps[2].requires = ['strat'];
    const errors = errorsOf(h);
    expect(errors.map((e) => e.message)).toEqual([
      '"id" of step #3 must be a slug: lower-case letters a–z, digits and dashes, starting with a letter or digit, at most 64 characters, not the number 7',
      'step #3 requires "strat", which does not exist — did you mean "start"?',
    ]);
  });

  it('describes a missing field of a hint and a non-object entry', () => {
    const h = baseHunt();
    h.steps[1].hints = [{ text: 'x' }, 'free hint'];
    h.locations.push(null);
    expect(errorsOf(h).map((e) => `${e.path}: ${e.message}`)).toEqual([
      '/locations/1: location #2 must be an object with "id", "lat", "lon" and "radiusM", not null',
      '/steps/1/hints/0/penalty: hint 1 of step "riddle" is missing "penalty": it must be a whole number of points, 0 or more',
      '/steps/1/hints/1: hint 2 of step "riddle" must be an object { "text": …, "penalty": … }, not the text "free hint"',
    ]);
  });
});
