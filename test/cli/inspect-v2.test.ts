// `hunt inspect` on a stored hunt/2 run with rotation groups: every participant's state at
// an event equals a single-thread replay up to it, J of late joiners included (seek rebuilds
// only the participants asked for, so their join index comes from the log); the text shows
// the new state (pending) and fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hunt } from '../host/store/cli-harness';
import { referenceStatesAt } from '../host/store/reference';
import { validateHunt } from '../../engine/hunt/validate';
import { tempDir } from '../db/helpers';

const DIR = join(import.meta.dirname, '../fixtures/conformance-v2');
let tmp: ReturnType<typeof tempDir>;
let db: string;

const CASES = ['case14', 'case19'];
beforeAll(async () => {
  tmp = tempDir('hunt-cli-inspect-v2-');
  db = join(tmp.dir, 'inspect.db');
  for (const name of CASES) {
    const r = await hunt('replay', join(DIR, `${name}.hunt.json`), join(DIR, `${name}.jsonl`), '--db', db, '--json');
    expect(r.code).toBe(0);
  }
});
afterAll(() => tmp.cleanup());

describe('hunt inspect on hunt/2 runs', () => {
  CASES.forEach((name, k) => {
    it(`${name}: every participant at several events equals a replay up to them`, async () => {
      const huntData = validateHunt(JSON.parse(readFileSync(join(DIR, `${name}.hunt.json`), 'utf8'))).hunt!;
      const lines = readFileSync(join(DIR, `${name}.jsonl`), 'utf8').split('\n');
      const events = lines.filter((l) => l.trim() !== '').length;
      for (const at of [Math.floor(events / 3), Math.floor((2 * events) / 3), events]) {
        const reference = referenceStatesAt(huntData, lines, at);
        for (const [id, state] of reference) {
          const r = await hunt('inspect', String(k + 1), '--at', String(at), '--participant', id, '--json', '--db', db);
          expect(r.code).toBe(0);
          expect(JSON.parse(r.out).participant.state).toEqual(state);
        }
      }
    });
  });

  it('the text shows pending steps and the rotation order', async () => {
    for (const [k, name] of CASES.entries()) {
      const huntData = validateHunt(JSON.parse(readFileSync(join(DIR, `${name}.hunt.json`), 'utf8'))).hunt!;
      const lines = readFileSync(join(DIR, `${name}.jsonl`), 'utf8').split('\n');
      const events = lines.filter((l) => l.trim() !== '').length;
      for (let at = 1; at <= events; at += 5) {
        for (const [id, state] of referenceStatesAt(huntData, lines, at)) {
          if (!state.steps.some((v, i) => i % 3 === 1 && v === -2)) continue;
          const r = await hunt('inspect', String(k + 1), '--at', String(at), '--participant', id, '--db', db);
          expect(r.code).toBe(0);
          expect(r.out).toMatch(/\bpending\b/);
          expect(r.out).toContain('rotation');
          return;
        }
      }
    }
    throw new Error('no case has a pending step');
  });
});
