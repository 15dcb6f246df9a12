import { describe, expect, it } from 'vitest';
import { fieldsWithIssues } from '../../../renderer/editor/issuesFor';
import { huntForRun } from '../../../renderer/debugger/huntForRun';
import type { RunSummary } from '../../../api/contract';

describe('form field problems', () => {
  const issues = [
    { code: 'schema', path: '/steps/1/title', message: 'title is empty' },
    { code: 'schema', path: '/steps/1/title', message: 'second one' },
    { code: 'unknown-step', path: '/steps/1/requires/0', message: 'no such step' },
    { code: 'schema', path: '/steps/0/code', message: 'other step' },
    { code: 'schema', path: '/id', message: 'bad id' },
    { code: 'schema', path: '/locations/2/lat', message: 'bad lat' },
  ];
  it('keeps the first message per field of the selected step', () => {
    expect(Object.fromEntries(fieldsWithIssues(issues, 'step', 1))).toEqual({ title: 'title is empty', requires: 'no such step' });
  });
  it('finds hunt and location fields', () => {
    expect(Object.fromEntries(fieldsWithIssues(issues, 'hunt', null))).toEqual({ id: 'bad id' });
    expect(Object.fromEntries(fieldsWithIssues(issues, 'location', 2))).toEqual({ lat: 'bad lat' });
    expect(fieldsWithIssues(issues, 'location', 0).size).toBe(0);
  });
});

describe('the hunt drawn for a run', () => {
  const run = { id: '1', huntId: 'demo' } as RunSummary;
  const editorHunt = { id: 'demo', steps: [] };
  it('prefers the hunt stored with the run, then the editor hunt with the same id', () => {
    const stored = { id: 'demo', steps: [{ id: 'x' }] };
    expect(huntForRun({ ...run, hunt: stored }, editorHunt, null)).toBe(stored);
    expect(huntForRun(run, editorHunt, null)).toBe(editorHunt);
  });
  it('falls back to the inspected steps (real titles, no edges) for another hunt', () => {
    const detail = { steps: [{ id: 'a', title: 'A' }] } as never;
    expect(huntForRun(run, { id: 'other' }, detail)).toEqual({ steps: [{ id: 'a', title: 'A', kind: '' }] });
    expect(huntForRun(run, { id: 'other' }, null)).toBeNull();
  });
});
