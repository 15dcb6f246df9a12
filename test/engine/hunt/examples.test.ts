// The bundled examples: every hunt is valid with no warnings, and every recorded log
// replays to the result written down in examples/logs/<name>.expected.json (and in
// examples/logs/README.md, where the outcome is explained line by line).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateHunt } from '../../../engine/hunt/validate';
import { compileHunt } from '../../../engine/hunt/compile';
import { replayLines } from '../../../engine/replay/replay';

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
    expect(names).toEqual(expect.arrayContaining(['old-town-walk', 'escape-room', 'conference-icebreaker']));
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
