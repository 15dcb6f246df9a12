// The bundled examples: every hunt is valid with no warnings, and every recorded log
// replays to the result written down in examples/logs/<name>.expected.json (and in
// examples/logs/README.md, where the outcome is explained line by line).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateHunt } from '../../../engine/hunt/validate';
import { compileHunt } from '../../../engine/hunt/compile';
import { replayLines } from '../../../engine/replay/replay';
import { ParticipantTable } from '../../../engine/replay/participants';
import { LogFront } from '../../../engine/log/front';
import { rotationOrders, stepBreakdown } from '../../../engine/rules';

const EXAMPLES = join(import.meta.dirname, '../../../examples');
const names = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.hunt.json'))
  .map((f) => f.replace(/\.hunt\.json$/, ''));

function linesOf(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the newline ending the last line starts no new line
  return lines;
}

describe('bundled examples', () => {
  it('include the city walk, the escape room and the icebreaker', () => {
    expect(names).toEqual(expect.arrayContaining(['old-town-walk', 'escape-room', 'conference-icebreaker', 'museum-night']));
  });

  it.each(names)('%s is valid, with no warnings', (name) => {
    const r = validateHunt(JSON.parse(readFileSync(join(EXAMPLES, `${name}.hunt.json`), 'utf8')));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it.each(names)('%s has a log that replays to its recorded result', async (name) => {
    const log = join(EXAMPLES, 'logs', `${name}.jsonl`);
    const expectedFile = join(EXAMPLES, 'logs', `${name}.expected.json`);
    expect(existsSync(log) && existsSync(expectedFile)).toBe(true);
    const hunt = validateHunt(JSON.parse(readFileSync(join(EXAMPLES, `${name}.hunt.json`), 'utf8'))).hunt!;
    const result = await replayLines(compileHunt(hunt), linesOf(log));
    expect(result).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });
});

describe('museum-night, the hunt/2 example', () => {
  const file = JSON.parse(readFileSync(join(EXAMPLES, 'museum-night.hunt.json'), 'utf8'));
  const lines = linesOf(join(EXAMPLES, 'logs', 'museum-night.jsonl'));
  const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  it('uses the v2 features: every requirement kind, bonus, finish step, choice, judged, opening hours, a rotation group', () => {
    expect(file.format).toBe('hunt/2');
    expect(file.finishStep).toBe('finale');
    expect(file.groups).toHaveLength(1);
    const steps = file.steps as Record<string, unknown>[];
    const items = steps.flatMap((s) => (Array.isArray(s.requires) ? s.requires : []));
    for (const key of ['anyOf', 'solved', 'failed', 'score']) expect(items.some((i) => typeof i === 'object' && key in i)).toBe(true);
    expect(items.some((i) => typeof i === 'string')).toBe(true);
    expect(steps.filter((s) => s.optional === true).length).toBeGreaterThanOrEqual(2);
    expect(new Set(steps.map((s) => s.kind))).toEqual(new Set(['choice', 'location', 'code', 'answer', 'judged']));
    expect(steps.some((s) => s.opensAtSec !== undefined && s.closesAtSec !== undefined)).toBe(true);
  });

  it('has a log with every new event type, organiser lines marked "by": "organiser", and the new rejections', async () => {
    const types = new Set(events.map((e) => e.type));
    for (const t of ['choose', 'submit', 'judge', 'adjust', 'extend']) expect(types.has(t)).toBe(true);
    for (const e of events) if (['judge', 'adjust', 'extend'].includes(e.type as string)) expect(e.by).toBe('organiser');
    const result = await replayLines(compileHunt(validateHunt(file).hunt!), lines);
    const reasons = new Set(result.rejected.map((r) => r.reason));
    for (const r of ['bad-choice', 'not-pending', 'wrong-kind', 'step-not-available', 'malformed']) expect(reasons.has(r as never)).toBe(true);
  });

  it('ends as its README says: each path taken, the extension needed, a submission left pending', async () => {
    const h = compileHunt(validateHunt(file).hunt!);
    const table = new ParticipantTable(h);
    const front = new LogFront('hunt/2');
    for (const line of lines) {
      const v = front.acceptLine(line);
      if (v && v.ok) table.apply(v.event, v.event.type === 'join' ? table.ids().length : undefined);
    }
    table.finalize(front.clock);
    const steps = (id: string) => Object.fromEntries(stepBreakdown(h, table.inspect(id)!).map((b) => [b.id, b]));
    const owls = steps('owls');
    // Solved the riddle, judged photo accepted with 80 of 100, the secret vault opened by score at 420, the terrace opened at 1800.
    expect(owls['curator-selfie']).toMatchObject({ status: 'solved', points: 80 });
    expect(owls['secret-vault']).toMatchObject({ status: 'solved', availableAt: 420 });
    expect(owls['dome-terrace']).toMatchObject({ status: 'solved', availableAt: 1800, doneAt: 1850 });
    // Judged after finishing: solved, status unchanged.
    expect(owls['museum-haiku']).toMatchObject({ status: 'solved', points: 40, doneAt: 2050 });
    const foxes = steps('foxes');
    expect(foxes['riddle']).toMatchObject({ status: 'failed' });
    expect(foxes['riddle-detour']).toMatchObject({ status: 'solved' });
    expect(foxes['curator-selfie'].status).toBe('locked');
    expect(table.inspect('foxes')!.extendedSec).toBe(600);
    const badgers = steps('badgers');
    expect(badgers['museum-haiku'].status).toBe('pending');
    expect(badgers['dome-terrace']).toMatchObject({ status: 'failed', doneAt: 4800 });
    expect(rotationOrders(h, table.inspect('badgers')!)).toEqual([{ group: 'galleries', order: ['portrait-gallery', 'sculpture-hall', 'map-room'] }]);
  });
});

