import { describe, expect, it } from 'vitest';
import { countByStep, fieldDomId, issueTarget } from '../../../renderer/hunt/problems';

describe('issue paths', () => {
  it('points into a step, its field and list item', () => {
    expect(issueTarget('/steps/3/requires/0')).toEqual({ area: 'step', index: 3, field: 'requires', item: 0 });
    expect(issueTarget('/steps/4')).toEqual({ area: 'step', index: 4, field: null, item: null });
  });
  it('points at a location or the hunt', () => {
    expect(issueTarget('/locations/1/lat')).toEqual({ area: 'location', index: 1, field: 'lat' });
    expect(issueTarget('/title')).toEqual({ area: 'hunt', field: 'title' });
    expect(issueTarget('')).toEqual({ area: 'hunt', field: null });
    expect(issueTarget('/steps')).toEqual({ area: 'hunt', field: 'steps' });
  });
  it('counts problems per step', () => {
    const counts = countByStep(
      [{ code: 'cycle', path: '/steps/1', message: '' }, { code: 'schema', path: '/steps/1/title', message: '' }, { code: 'schema', path: '/id', message: '' }],
      [{ code: 'x', path: '/steps/0/hints', message: '' }],
    );
    expect(Object.fromEntries(counts)).toEqual({ 1: { errors: 2, warnings: 0 }, 0: { errors: 0, warnings: 1 } });
  });
  it('names the form field to focus', () => {
    expect(fieldDomId(issueTarget('/steps/2/answers/1'))).toBe('step-field-answers');
    expect(fieldDomId(issueTarget('/wrongAnswerPenalty'))).toBe('hunt-field-wrongAnswerPenalty');
    expect(fieldDomId(issueTarget('/locations/0/radiusM'))).toBe('location-0-radiusM');
  });
});
