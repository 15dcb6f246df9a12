// `hunt inspect RUN --at SEQ`: the run as of an event, equal to replaying the log up
// to that event; one participant in detail or a page of participants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hunt } from '../host/store/cli-harness';
import { EXAMPLE_HUNT_FILE, exampleHunt, generateLog } from '../host/store/gen-log';
import { referenceStatesAt } from '../host/store/reference';
import { participantResult } from '../../engine/rules';
import { compileHunt } from '../../engine/hunt/compile';
import { tempDir } from '../db/helpers';

const HUNT = fileURLToPath(EXAMPLE_HUNT_FILE);
const huntData = exampleHunt();
let tmp: ReturnType<typeof tempDir>;
let lines: string[];
let db: string;

beforeAll(async () => {
  tmp = tempDir('hunt-cli-inspect-');
  lines = generateLog(huntData, { events: 4000, participants: 160, seed: 4 });
  const log = join(tmp.dir, 'log.jsonl');
  writeFileSync(log, lines.join('\n') + '\n');
  db = join(tmp.dir, 'inspect.db');
  expect((await hunt('replay', HUNT, log, '--db', db)).code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('hunt inspect', () => {
  it('--json at an event: the event, the counts and a participant equal to a replay up to it', async () => {
    const at = 2345;
    const reference = referenceStatesAt(huntData, lines, at);
    const someone = [...reference.keys()][40];
    const r = await hunt('inspect', '1', '--at', String(at), '--participant', someone, '--json', '--db', db);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.seq).toBe(at);
    expect(out.participants).toBe(reference.size);
    expect(out.applied + out.rejected).toBe(at);
    expect(out.event.raw).toBe(lines.filter((l) => l.trim() !== '')[at - 1]);
    expect(out.participant.state).toEqual(reference.get(someone));
    expect(out.participant.result).toEqual(participantResult(compileHunt(huntData), reference.get(someone)!));
  });

  it('lists a page of participants in id order with their state at that event', async () => {
    const at = 1500;
    const reference = referenceStatesAt(huntData, lines, at);
    const r = await hunt('inspect', '1', '--at', String(at), '--json', '--offset', '3', '--limit', '4', '--db', db);
    const out = JSON.parse(r.out);
    const ids = [...reference.keys()].sort().slice(3, 7);
    expect(out.page.participants.map((p: { id: string }) => p.id)).toEqual(ids);
    const h = compileHunt(huntData);
    for (const p of out.page.participants) expect(p).toEqual(participantResult(h, reference.get(p.id)!));
    const text = await hunt('inspect', '1', '--at', String(at), '--limit', '4', '--db', db);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`at event ${at} of`);
    expect(text.out).toMatch(/PARTICIPANT\s+STATUS\s+SCORE/);
    expect(text.out).toContain(`participants 1–4 of ${reference.size}`);
  });

  it('explains a bad event number, a missing --at and an unknown participant (exit 2)', async () => {
    const beyond = await hunt('inspect', '1', '--at', '999999', '--db', db);
    expect(beyond.code).toBe(2);
    expect(beyond.err).toMatch(/--at 999999: run 1 has events 1 to \d+/);
    const noAt = await hunt('inspect', '1', '--db', db);
    expect(noAt.code).toBe(2);
    expect(noAt.err).toMatch(/needs --at SEQ/);
    const nobody = await hunt('inspect', '1', '--at', '10', '--participant', 'nobody-here', '--db', db);
    expect(nobody.code).toBe(2);
    expect(nobody.err).toMatch(/no participant "nobody-here" at event 10/);
  });
});
