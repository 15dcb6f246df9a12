import { describe, expect, it } from 'vitest';
import { describeIssue, designerWords, issueWhere, suggestionFix } from '../../../renderer/hunt/issueText';
import { validateHunt } from '../../../engine/hunt/validate';

const hunt = {
  format: 'hunt/1',
  id: 'h',
  title: 'H',
  locations: [{ id: 'well', name: 'The well', lat: 1, lon: 1, radiusM: 20 }],
  steps: [
    { id: 'start', title: 'Start here', kind: 'code', code: 'A' },
    { id: 'next', title: 'Next one', kind: 'code', code: 'B', requires: ['strat'], tiemLimitSec: 10 },
  ],
};

describe('problems in the editor\'s words', () => {
  const issues = [...validateHunt(hunt).errors, ...validateHunt(hunt).warnings];
  const byCode = (code: string) => issues.find((i) => i.code === code)!;

  it('names steps and places by title and fields by their labels, never by path', () => {
    const unknown = byCode('unknown-step');
    const d = describeIssue(unknown, hunt);
    expect(d.text).toContain('“Next one” requires "strat"');
    expect(d.text).toContain('did you mean “Start here” (start)?');
    expect(d.where).toBe('Step “Next one” › Requires');
    expect(designerWords('the hunt\'s "timeLimitSec" must be a number', hunt)).toBe('The hunt\'s “Time limit” must be a number');
    expect(issueWhere({ code: 'x', path: '/locations/0/radiusM', message: '' }, hunt)).toBe('Place “The well” › Radius');
  });

  it('a "did you mean" becomes a one-click fix, for a value or for a field name', () => {
    const fix = suggestionFix(byCode('unknown-step'), hunt)!;
    expect(fix.label).toBe('Use “Start here”');
    const fixed = fix.apply(hunt) as typeof hunt;
    expect(fixed.steps[1].requires).toEqual(['start']);
    const field = issues.find((i) => i.path === '/steps/1/tiemLimitSec')!;
    const rename = suggestionFix(field, hunt)!;
    expect(rename.label).toBe('Rename to “Time limit”');
    expect(Object.keys((rename.apply(hunt) as typeof hunt).steps[1])).toEqual(['id', 'title', 'kind', 'code', 'requires', 'timeLimitSec']);
  });

  it('an unused place offers to add the step, without file-format words', () => {
    const d = describeIssue(byCode('unused-location'), hunt);
    expect(d.text).toBe('“The well” is not used by any step: add a “Reach a location” step there, or delete the place.');
    const next = d.fix!.apply(hunt) as { steps: Record<string, unknown>[] };
    expect(next.steps[2]).toMatchObject({ kind: 'location', location: 'well', title: 'Reach The well' });
  });
});
