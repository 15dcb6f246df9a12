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
const EXAMPLES = join(import.meta.dirname, '../../examples');
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
  // Run 3: the bundled hunt/2 example, with opening hours, closings and a submission left pending.
  const r = await hunt('replay', join(EXAMPLES, 'museum-night.hunt.json'), join(EXAMPLES, 'logs', 'museum-night.jsonl'), '--db', db, '--json');
  expect(r.code).toBe(0);
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

  it('shows each step\'s window and what awaits judgement, with the submission from the log', async () => {
    // Event 33 (t 950): the badgers' haiku was submitted again at event 30; the owls wait for the dome terrace to open.
    const badgers = await hunt('inspect', '3', '--at', '33', '--participant', 'badgers', '--db', db);
    expect(badgers.code).toBe(0);
    expect(badgers.out).toMatch(/museum-haiku\s+pending/);
    expect(badgers.out).toContain('awaiting judgement: museum-haiku, submitted at 800 (event 30): Gold frames, quiet halls');
    expect(badgers.out).toMatch(/dome-terrace\s+locked.*opens 1800, closes 4800, fails at 4800/);
    const owls = await hunt('inspect', '3', '--at', '33', '--participant', 'owls', '--db', db);
    expect(owls.out).toMatch(/dome-terrace\s+locked.*opens at 1800/);
    expect(owls.out).toContain('organiser adjustments +25');
    expect(owls.out).not.toContain('awaiting judgement');
    const json = JSON.parse((await hunt('inspect', '3', '--at', '33', '--participant', 'badgers', '--json', '--db', db)).out);
    expect(json.participant.submissions).toEqual([
      { step: 'museum-haiku', ref: 'Gold frames, quiet halls / a guard yawns beside the Infanta / night keeps the secret', t: 800, seq: 30 },
    ]);
    expect(json.participant.windows[7]).toEqual({ opensAt: 1800, closesAt: 4800, deadlineAt: null, next: { kind: 'fails', at: 4800 } });
  });
});
