import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hunt } from '../../engine/hunt/schema';
import { hunt } from '../host/store/cli-harness';

const example = (p: string) => fileURLToPath(new URL(`../../examples/${p}`, import.meta.url));
const oldFile = example('old-town-walk.hunt.json');
const logFile = example('logs/old-town-walk.jsonl');
let dir: string;
let newFile: string;
let tiedFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hunt-rescore-'));
  const h = JSON.parse(readFileSync(oldFile, 'utf8')) as Hunt;
  const step = h.steps.find((s) => s.id === 'plague-year')!;
  if (step.kind === 'answer') step.answers.push('1683');
  newFile = join(dir, 'new.hunt.json');
  writeFileSync(newFile, JSON.stringify(h));
  // The Anker Clock worth 1,000: the badgers found it, the foxes never did, so the badgers overtake them.
  const t = JSON.parse(readFileSync(oldFile, 'utf8')) as Hunt;
  t.steps.find((s) => s.id === 'anker-clock')!.points = 1000;
  tiedFile = join(dir, 'ranks.hunt.json');
  writeFileSync(tiedFile, JSON.stringify(t));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hunt rescore', () => {
  it('re-scores a log file: the foxes change from line 31', async () => {
    const r = await hunt('rescore', oldFile, newFile, logFile, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.changed).toBe(1);
    const foxes = report.participants.find((p: { id: string }) => p.id === 'foxes');
    expect(foxes).toMatchObject({ changed: true, old: { score: 545 }, new: { score: 645 }, firstDivergence: { line: 31 } });
  });

  it('marks changed ranks', async () => {
    const r = await hunt('rescore', oldFile, tiedFile, logFile);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/badgers \*\s+3\s+2 \(▲1\)/);
    expect(r.out).toMatch(/foxes \*\s+2\s+3 \(▼1\)/);
    expect(r.out).toContain('* rank changed');
  });

  it('re-scores a stored run against its own hunt, with the same line numbers', async () => {
    const db = join(dir, 'runs.db');
    expect((await hunt('replay', oldFile, logFile, '--db', db)).code).toBe(0);
    const r = await hunt('rescore', newFile, '--run', '1', '--db', db, '--json');
    expect(r.code).toBe(0);
    const fromFile = JSON.parse((await hunt('rescore', oldFile, newFile, logFile, '--json')).out);
    const stored = JSON.parse(r.out);
    expect(stored.participants).toEqual(fromFile.participants);
  });

  it('names what is wrong with its arguments', async () => {
    expect((await hunt('rescore', oldFile, newFile)).err).toContain('expected OLD NEW LOG');
    const missing = await hunt('rescore', oldFile, newFile, join(dir, 'nope.jsonl'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.jsonl');
    expect((await hunt('rescore', newFile, '--run', '9', '--db', join(dir, 'runs.db'))).err).toContain('run 9');
  });
});
