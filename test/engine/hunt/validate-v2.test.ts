// The hunt/2 validator (hunt-v2 §1 and §5): every new code and warning, at the paths of
// §5.9, all at once; a "hunt/1" file keeps its v1 meaning (v2 fields are `schema` there).
import { describe, expect, it } from 'vitest';
import { validateHunt } from '../../../engine/hunt/validate';
import type { Issue } from '../../../engine/hunt/issues';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reshape hunts freely, into invalid shapes too
function v2Hunt(): Record<string, any> {
  return {
    format: 'hunt/2',
    id: 'museum-night',
    title: 'Museum night',
    timeLimitSec: 3600,
    finishStep: 'finale',
    steps: [
      { id: 'entry', title: 'Entry', kind: 'code', code: 'HELLO' },
      { id: 'quiz', title: 'Quiz', kind: 'choice', prompt: 'Which year?', choices: ['1889', '1901'], correct: [0], requires: ['entry'] },
      { id: 'photo', title: 'Photo', kind: 'judged', prompt: 'A selfie with the statue', requires: ['entry'], opensAtSec: 60, closesAtSec: 1800 },
      { id: 'detour', title: 'Detour', kind: 'code', code: 'BACK', requires: [{ failed: 'quiz' }], optional: true },
      { id: 'bonus', title: 'Bonus', kind: 'code', code: 'RICH', requires: [{ score: 150 }], optional: true },
      { id: 'finale', title: 'Finale', kind: 'code', code: 'END', requires: [{ anyOf: ['quiz', 'photo'], count: 2 }] },
    ],
    groups: [{ id: 'stations', steps: ['quiz', 'photo'] }],
  };
}

const brief = (list: Issue[]) => list.map((i) => `${i.code} ${i.path}`);
const errorsOf = (h: unknown) => {
  const r = validateHunt(h);
  expect(r.valid).toBe(false);
  return r.errors;
};

describe('hunt/2 validation', () => {
  it('accepts a hunt using the v2 features, with no errors or warnings', () => {
    const r = validateHunt(v2Hunt());
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.hunt?.format).toBe('hunt/2');
  });

  it('unknown-step in every place a v2 file names a step, with a did-you-mean', () => {
    const h = v2Hunt();
    h.finishStep = 'finalle';
    h.steps[3].requires = [{ failed: 'quiz' }, { solved: 'nope' }, { anyOf: ['photo', 'quizz'] }];
    h.groups[0].steps = ['quiz', 'fotos'];
    const errors = errorsOf(h);
    expect(brief(errors)).toEqual(['unknown-step /finishStep', 'unknown-step /steps/3/requires/1/solved', 'unknown-step /steps/3/requires/2/anyOf/1', 'unknown-step /groups/0/steps/1']);
    expect(errors[0].message).toBe('the finish step "finalle" does not exist — did you mean "finale"?');
    expect(errors[2].message).toContain('did you mean "quiz"?');
  });

  it('cycle through requirement items of every form (score items name no step); no group check on a loop', () => {
    const h = v2Hunt();
    h.steps[0].requires = [{ solved: 'finale' }, { score: 10 }];
    expect(brief(errorsOf(h))).toEqual(['cycle /steps/0', 'cycle /steps/1', 'cycle /steps/2', 'cycle /steps/5']);
  });

  it('duplicate-id of a group, at the later one; step-in-two-groups at the entry', () => {
    const h = v2Hunt();
    h.groups.push({ id: 'stations', steps: ['detour', 'bonus'] }, { id: 'other', steps: ['entry', 'bonus'] });
    const errors = errorsOf(h);
    expect(brief(errors)).toEqual(['duplicate-id /groups/1/id', 'step-in-two-groups /groups/2/steps/1']);
    expect(errors[1].message).toContain('already in rotation group "stations" (/groups/1)');
  });

  it('group-order-conflict once per group, naming the two steps', () => {
    const h = v2Hunt();
    h.groups[0].steps = ['entry', 'quiz', 'photo'];
    const errors = errorsOf(h);
    expect(brief(errors)).toEqual(['group-order-conflict /groups/0']);
    expect(errors[0].message).toContain('step "quiz" depends on step "entry" of the same group');
  });

  it('schema at the paths of §5.9: window order, correct indices, items, count, group repeats', () => {
    const h = v2Hunt();
    h.steps[2].closesAtSec = 60;
    h.steps[1].correct = [0, 2, 0];
    h.steps[3].requires = [{ failed: 'quiz', solved: 'entry' }, {}, { score: 5, count: 1 }, { anyOf: ['quiz', 'quiz'], count: 3 }, { scroe: 1, score: 1 }, 7];
    h.groups[0].steps = ['quiz', 'photo', 'quiz'];
    const errors = errorsOf(h);
    expect(brief(errors).sort()).toEqual(
      [
        'schema /steps/1/correct/1',
        'schema /steps/1/correct/2',
        'schema /steps/2/closesAtSec',
        'schema /steps/3/requires/0',
        'schema /steps/3/requires/1',
        'schema /steps/3/requires/2/count',
        'schema /steps/3/requires/3/anyOf/1',
        'schema /steps/3/requires/3/count',
        'schema /steps/3/requires/4/scroe',
        'schema /steps/3/requires/5',
        'schema /groups/0/steps/2',
      ].sort(),
    );
    const at = (p: string) => errors.find((e) => e.path === p)!.message;
    expect(at('/steps/2/closesAtSec')).toContain('closes at 60 s, not after it opens (60 s)');
    expect(at('/steps/1/correct/1')).toContain('there are 2 choices (indices 0 to 1)');
    expect(at('/steps/3/requires/0')).toContain('has "solved" and "failed" together');
    expect(at('/steps/3/requires/2/count')).toContain('only goes beside "anyOf"');
    expect(at('/steps/3/requires/3/count')).toContain('from 1 to 2');
    expect(at('/steps/3/requires/4/scroe')).toContain('did you mean "score"?');
  });

  it('a judged step needs its prompt; a choice needs two choices', () => {
    const h = v2Hunt();
    delete h.steps[2].prompt;
    h.steps[1].choices = ['only'];
    expect(brief(errorsOf(h))).toEqual(['schema /steps/1/choices', 'schema /steps/2/prompt']);
  });

  it('an unknown format is schema at /format, and the rest is checked as hunt/2', () => {
    const h = v2Hunt();
    h.format = 'hunt/9';
    h.steps[1].correct = [5];
    const errors = errorsOf(h);
    expect(brief(errors)).toEqual(['schema /format', 'schema /steps/1/correct/0']);
    expect(errors[0].message).toContain('"hunt/1" or "hunt/2"');
  });

  it('a hunt/1 file keeps its v1 meaning: v2 fields and kinds are schema errors that say how to use them', () => {
    const h = v2Hunt();
    h.format = 'hunt/1';
    const errors = errorsOf(h);
    expect(brief(errors)).toContain('schema /finishStep');
    expect(brief(errors)).toContain('schema /groups');
    expect(brief(errors)).toContain('schema /steps/1/kind');
    expect(brief(errors)).toContain('schema /steps/2/opensAtSec');
    expect(errors.find((e) => e.path === '/finishStep')!.message).toContain('set "format": "hunt/2" to use it');
    expect(errors.find((e) => e.path === '/steps/1/kind')!.message).toContain('a choice step, a kind of hunt format v2');
  });

  describe('warnings', () => {
    it('maybe-unreachable: one per solved/failed item of a required step, only without a finish step', () => {
      const h = v2Hunt();
      delete h.finishStep;
      h.steps[3].optional = false;
      h.steps[5].requires.push({ solved: 'quiz' });
      const r = validateHunt(h);
      expect(brief(r.warnings)).toEqual(['maybe-unreachable /steps/3/requires/0', 'maybe-unreachable /steps/5/requires/1']);
      expect(r.warnings[0].message).toContain('make the step "optional": true, or set a "finishStep"');
      h.finishStep = 'finale';
      expect(validateHunt(h).warnings).toEqual([]);
    });

    it('finish-step-optional', () => {
      const h = v2Hunt();
      h.steps[5].optional = true;
      expect(brief(validateHunt(h).warnings)).toEqual(['finish-step-optional /finishStep']);
    });

    it('rotation-deadlock: two groups whose rotations wait for each other, one warning per group', () => {
      const h = v2Hunt();
      h.steps.push(
        { id: 'a1', title: 'A1', kind: 'code', code: 'A1', requires: ['b2'] },
        { id: 'a2', title: 'A2', kind: 'code', code: 'A2' },
        { id: 'b1', title: 'B1', kind: 'code', code: 'B1', requires: ['a2'] },
        { id: 'b2', title: 'B2', kind: 'code', code: 'B2' },
      );
      h.groups.push({ id: 'ga', steps: ['a1', 'a2'] }, { id: 'gb', steps: ['b1', 'b2'] });
      const r = validateHunt(h);
      expect(r.errors).toEqual([]);
      expect(brief(r.warnings)).toEqual(['rotation-deadlock /groups/1', 'rotation-deadlock /groups/2']);
      expect(r.warnings[0].message).toContain('"gb"');
      // Without the second loop edge, no offset makes a loop.
      h.steps[8].requires = [];
      expect(validateHunt(h).warnings).toEqual([]);
    });
  });
});
