// hunt/2 bad input, field by field (hunt-v2 §1 and §5.9): every malformed v2 field is a
// validation error at its own path, with a message that names the field (or the thing it
// belongs to) and, where there is one, the rule; and all of a file's problems come at once.
// validate-v2.test.ts covers the new codes and warnings; this file walks the fields.
import { describe, expect, it } from 'vitest';
import { validateHunt } from '../../../engine/hunt/validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reshape hunts freely, into invalid shapes too
type Raw = Record<string, any>;

/** A valid hunt/2 file using every v2 field once; each case below breaks one field of it. */
function goodHunt(): Raw {
  return {
    format: 'hunt/2',
    id: 'bad-input',
    title: 'Bad input',
    timeLimitSec: 3600,
    finishStep: 'fin',
    steps: [
      { id: 'start', title: 'Start', kind: 'code', code: 'GO' },
      { id: 'quiz', title: 'Quiz', kind: 'choice', prompt: 'Which?', choices: ['x', 'y', 'z'], correct: [1], maxAttempts: 2, requires: ['start'] },
      { id: 'photo', title: 'Photo', kind: 'judged', prompt: 'A photo', maxAttempts: 2, requires: ['start'], opensAtSec: 60, closesAtSec: 1800 },
      { id: 'bonus', title: 'Bonus', kind: 'code', code: 'B', optional: true, requires: [{ score: 100 }, { solved: 'quiz' }] },
      { id: 'detour', title: 'Detour', kind: 'code', code: 'D', optional: true, requires: [{ failed: 'quiz' }] },
      { id: 'fin', title: 'Finale', kind: 'code', code: 'E', requires: [{ anyOf: ['quiz', 'photo'], count: 2 }] },
    ],
    groups: [{ id: 'stations', steps: ['quiz', 'photo'], order: 'rotate' }],
  };
}

type Case = [what: string, breakIt: (h: Raw) => void, code: string, path: string, says: string];

const at = (h: Raw, id: string) => h.steps.find((s: Raw) => s.id === id);

/** Each: what is broken, how, and the one error expected (code, path, a part of the message). */
const CASES: Case[] = [
  // §1 top-level fields
  ['finishStep not a text', (h) => (h.finishStep = 5), 'schema', '/finishStep', '"finishStep" must be the id of one of the hunt\'s steps'],
  ['finishStep null', (h) => (h.finishStep = null), 'schema', '/finishStep', 'not null'],
  ['finishStep naming no step', (h) => (h.finishStep = 'finn'), 'unknown-step', '/finishStep', 'did you mean "fin"?'],
  ['groups not a list', (h) => (h.groups = { id: 'stations' }), 'schema', '/groups', '"groups" must be a list of rotation groups'],
  ['a group that is not an object', (h) => (h.groups = ['stations']), 'schema', '/groups/0', 'rotation group #1 must be an object'],
  ['a group without id', (h) => delete h.groups[0].id, 'schema', '/groups/0/id', 'is missing "id"'],
  ['a group id that is not a slug', (h) => (h.groups[0].id = 'Our Stations'), 'schema', '/groups/0/id', '(try "our-stations")'],
  ['a group without steps', (h) => delete h.groups[0].steps, 'schema', '/groups/0/steps', 'at least two step ids'],
  ['a group of one step', (h) => (h.groups[0].steps = ['quiz']), 'schema', '/groups/0/steps', 'at least two step ids (the stations, in the order of the rotation), not a list of 1'],
  ['a group step that is not a text', (h) => (h.groups[0].steps = ['quiz', 7]), 'schema', '/groups/0/steps/1', 'entry 2 of "steps" in rotation group "stations" must be a step id'],
  ['a group step named twice', (h) => (h.groups[0].steps = ['quiz', 'photo', 'quiz']), 'schema', '/groups/0/steps/2', 'lists step "quiz" a second time'],
  ['a group step naming no step', (h) => (h.groups[0].steps = ['quiz', 'fotos']), 'unknown-step', '/groups/0/steps/1', 'rotation group "stations" lists step "fotos"'],
  ['a group order other than rotate', (h) => (h.groups[0].order = 'random'), 'schema', '/groups/0/order', 'must be "rotate", not the text "random"'],
  ['an unknown group field', (h) => (h.groups[0].ordre = 'rotate'), 'schema', '/groups/0/ordre', 'did you mean "order"?'],
  // §1 step fields on every kind
  ['optional not a boolean', (h) => (at(h, 'bonus').optional = 'yes'), 'schema', '/steps/3/optional', '"optional" of step "bonus" must be true or false'],
  ['optional null', (h) => (at(h, 'bonus').optional = null), 'schema', '/steps/3/optional', 'not null'],
  ['opensAtSec negative', (h) => (at(h, 'photo').opensAtSec = -1), 'schema', '/steps/2/opensAtSec', '0 or more, not the number -1'],
  ['opensAtSec a text', (h) => (at(h, 'photo').opensAtSec = '60'), 'schema', '/steps/2/opensAtSec', 'not the text "60"'],
  ['closesAtSec 0', (h) => (at(h, 'bonus').closesAtSec = 0), 'schema', '/steps/3/closesAtSec', 'greater than 0, not the number 0'],
  ['closesAtSec equal to opensAtSec (§5.9)', (h) => (at(h, 'photo').closesAtSec = 60), 'schema', '/steps/2/closesAtSec', 'closes at 60 s, not after it opens (60 s)'],
  ['closesAtSec before opensAtSec (§5.9)', (h) => (at(h, 'photo').closesAtSec = 30), 'schema', '/steps/2/closesAtSec', 'make "closesAtSec" later than "opensAtSec"'],
  ['requires not a list', (h) => (at(h, 'quiz').requires = 'start'), 'schema', '/steps/1/requires', '(write ["start"])'],
  // §1 requirement items, of each kind (§5.9: one error at the item, or at the key)
  ['an item that is a number', (h) => (at(h, 'quiz').requires = [3]), 'schema', '/steps/1/requires/0', 'requirement 1 of step "quiz" must be a step id, or an object'],
  ['an item that is null', (h) => (at(h, 'quiz').requires = [null]), 'schema', '/steps/1/requires/0', 'not null'],
  ['an item that is a list', (h) => (at(h, 'quiz').requires = [['start']]), 'schema', '/steps/1/requires/0', 'not a list of 1'],
  ['an item naming no step', (h) => (at(h, 'quiz').requires = ['strat']), 'unknown-step', '/steps/1/requires/0', 'did you mean "start"?'],
  ['an empty item object', (h) => (at(h, 'fin').requires = [{}]), 'schema', '/steps/5/requires/0', 'has none of "anyOf", "solved", "failed" and "score"'],
  ['an item with two keys', (h) => (at(h, 'fin').requires = [{ solved: 'quiz', score: 5 }]), 'schema', '/steps/5/requires/0', 'has "solved" and "score" together'],
  ['an unknown item key', (h) => (at(h, 'fin').requires = [{ anyOf: ['quiz'], cuont: 1 }]), 'schema', '/steps/5/requires/0/cuont', 'did you mean "count"?'],
  ['anyOf empty', (h) => (at(h, 'fin').requires = [{ anyOf: [] }]), 'schema', '/steps/5/requires/0/anyOf', 'not an empty list'],
  ['anyOf a text', (h) => (at(h, 'fin').requires = [{ anyOf: 'quiz' }]), 'schema', '/steps/5/requires/0/anyOf', '(write ["quiz"])'],
  ['an anyOf entry that is not a text', (h) => (at(h, 'fin').requires = [{ anyOf: ['quiz', 2] }]), 'schema', '/steps/5/requires/0/anyOf/1', 'entry 2 of "anyOf" in requirement 1 of step "fin"'],
  ['an anyOf entry twice (§5.9: at the later one)', (h) => (at(h, 'fin').requires = [{ anyOf: ['quiz', 'photo', 'quiz'] }]), 'schema', '/steps/5/requires/0/anyOf/2', 'lists "quiz" a second time'],
  ['an anyOf entry naming no step', (h) => (at(h, 'fin').requires = [{ anyOf: ['quiz', 'phot'] }]), 'unknown-step', '/steps/5/requires/0/anyOf/1', 'did you mean "photo"?'],
  ['count 0', (h) => (at(h, 'fin').requires = [{ anyOf: ['quiz', 'photo'], count: 0 }]), 'schema', '/steps/5/requires/0/count', 'from 1 to 2 (the number of "anyOf" entries)'],
  ['count above the entries (§5.9)', (h) => (at(h, 'fin').requires = [{ anyOf: ['quiz', 'photo'], count: 3 }]), 'schema', '/steps/5/requires/0/count', 'not the number 3'],
  ['count fractional', (h) => (at(h, 'fin').requires = [{ anyOf: ['quiz', 'photo'], count: 1.5 }]), 'schema', '/steps/5/requires/0/count', 'whole number'],
  ['count a text', (h) => (at(h, 'fin').requires = [{ anyOf: ['quiz', 'photo'], count: '2' }]), 'schema', '/steps/5/requires/0/count', 'not the text "2"'],
  ['count without anyOf (§5.9)', (h) => (at(h, 'fin').requires = [{ solved: 'quiz', count: 1 }]), 'schema', '/steps/5/requires/0/count', 'only goes beside "anyOf"'],
  ['solved not a text', (h) => (at(h, 'fin').requires = [{ solved: 1 }]), 'schema', '/steps/5/requires/0/solved', '"solved" of requirement 1 of step "fin" must be a step id'],
  ['solved naming no step', (h) => (at(h, 'fin').requires = [{ solved: 'quizz' }]), 'unknown-step', '/steps/5/requires/0/solved', 'did you mean "quiz"?'],
  ['solved naming the step itself', (h) => (at(h, 'fin').requires = [{ solved: 'fin' }]), 'unknown-step', '/steps/5/requires/0/solved', 'requires itself'],
  ['failed null', (h) => (at(h, 'fin').requires = [{ failed: null }]), 'schema', '/steps/5/requires/0/failed', 'not null'],
  ['failed naming no step', (h) => (at(h, 'fin').requires = [{ failed: 'qiz' }]), 'unknown-step', '/steps/5/requires/0/failed', 'does not exist'],
  ['score negative', (h) => (at(h, 'bonus').requires = [{ score: -1 }]), 'schema', '/steps/3/requires/0/score', '0 or more, not the number -1'],
  ['score fractional', (h) => (at(h, 'bonus').requires = [{ score: 2.5 }]), 'schema', '/steps/3/requires/0/score', 'whole number'],
  ['score a text', (h) => (at(h, 'bonus').requires = [{ score: '100' }]), 'schema', '/steps/3/requires/0/score', 'not the text "100"'],
  // §1 choice steps
  ['choice without prompt', (h) => delete at(h, 'quiz').prompt, 'schema', '/steps/1/prompt', 'step "quiz" is missing "prompt"'],
  ['choice without choices', (h) => delete at(h, 'quiz').choices, 'schema', '/steps/1/choices', 'is missing "choices"'],
  ['choice with one choice', (h) => Object.assign(at(h, 'quiz'), { choices: ['x'], correct: [0] }), 'schema', '/steps/1/choices', 'at least two choices'],
  ['a choice empty after trimming', (h) => (at(h, 'quiz').choices = ['x', ' ', 'z']), 'schema', '/steps/1/choices/1', 'choice 2 of step "quiz" must be a text that is not empty'],
  ['a choice that is not a text', (h) => (at(h, 'quiz').choices = ['x', 2, 'z']), 'schema', '/steps/1/choices/1', 'not the number 2'],
  ['choice without correct', (h) => delete at(h, 'quiz').correct, 'schema', '/steps/1/correct', 'is missing "correct"'],
  ['correct empty', (h) => (at(h, 'quiz').correct = []), 'schema', '/steps/1/correct', 'not an empty list'],
  ['correct a number, not a list', (h) => (at(h, 'quiz').correct = 1), 'schema', '/steps/1/correct', 'not the number 1'],
  ['a correct index out of range (§5.9)', (h) => (at(h, 'quiz').correct = [3]), 'schema', '/steps/1/correct/0', 'there are 3 choices (indices 0 to 2)'],
  ['a correct index negative (§5.9)', (h) => (at(h, 'quiz').correct = [-1]), 'schema', '/steps/1/correct/0', 'a whole number from 0'],
  ['a correct index fractional (§5.9)', (h) => (at(h, 'quiz').correct = [0.5]), 'schema', '/steps/1/correct/0', 'not the number 0.5'],
  ['a correct index repeated (§5.9: at the later one)', (h) => (at(h, 'quiz').correct = [1, 1]), 'schema', '/steps/1/correct/1', 'names choice 1 a second time'],
  ['choice maxAttempts 0', (h) => (at(h, 'quiz').maxAttempts = 0), 'schema', '/steps/1/maxAttempts', '1 or more'],
  ['answers on a choice step', (h) => (at(h, 'quiz').answers = ['y']), 'schema', '/steps/1/answers', '"answers" belongs to answer steps, but step "quiz" is a choice step'],
  // §1 judged steps (§5.9: the prompt is required)
  ['judged without prompt', (h) => delete at(h, 'photo').prompt, 'schema', '/steps/2/prompt', 'step "photo" is missing "prompt"'],
  ['judged prompt not a text', (h) => (at(h, 'photo').prompt = 42), 'schema', '/steps/2/prompt', 'not the number 42'],
  ['judged maxAttempts fractional', (h) => (at(h, 'photo').maxAttempts = 1.5), 'schema', '/steps/2/maxAttempts', 'whole number'],
  ['choices on a judged step', (h) => (at(h, 'photo').choices = ['a', 'b']), 'schema', '/steps/2/choices', 'belongs to choice steps, but step "photo" is a judged step'],
  ['an unknown judged field', (h) => (at(h, 'photo').promt = 'x'), 'schema', '/steps/2/promt', 'did you mean "prompt"?'],
  ['an unknown kind', (h) => (at(h, 'photo').kind = 'judge'), 'schema', '/steps/2/kind', 'did you mean "judged"?'],
];

describe('hunt/2 bad input: every malformed field is an error at its path (hunt-v2 §1, §5.9)', () => {
  it('the file the cases break is valid', () => {
    const r = validateHunt(goodHunt());
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it.each(CASES)('§1 %s', (_what, breakIt, code, path, says) => {
    const h = goodHunt();
    breakIt(h);
    const r = validateHunt(h);
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => `${e.code} ${e.path}`)).toEqual([`${code} ${path}`]);
    expect(r.errors[0].message).toContain(says);
  });

  it('§1 all problems at once: each broken field of one file keeps its own error, none hides another', () => {
    // One case per field, on fields no other case here touches, all in one file.
    const picks = [
      'finishStep not a text',
      'a group order other than rotate',
      'a group step named twice',
      'optional not a boolean',
      'closesAtSec before opensAtSec (§5.9)',
      'count above the entries (§5.9)',
      'a correct index out of range (§5.9)',
      'judged maxAttempts fractional',
      'an unknown group field',
    ];
    const chosen = picks.map((p) => CASES.find((c) => c[0] === p)!);
    const h = goodHunt();
    for (const [, breakIt] of chosen) breakIt(h);
    const r = validateHunt(h);
    expect(r.errors.map((e) => `${e.code} ${e.path}`).sort()).toEqual(chosen.map(([, , code, path]) => `${code} ${path}`).sort());
  });

  it('§1 a broken step kind still gets its v2 fields checked', () => {
    const h = goodHunt();
    at(h, 'photo').kind = 'photo';
    at(h, 'photo').opensAtSec = -5;
    at(h, 'photo').requires = [{ anyOf: [] }];
    const paths = validateHunt(h).errors.map((e) => `${e.code} ${e.path}`);
    expect(paths).toContain('schema /steps/2/kind');
    expect(paths).toContain('schema /steps/2/opensAtSec');
    expect(paths).toContain('schema /steps/2/requires/0/anyOf');
  });
});
