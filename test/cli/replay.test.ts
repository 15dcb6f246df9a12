// `hunt replay` end to end: the spec's worked example, every public conformance
// case through the command, the human report, --until, and every exit status.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { EXAMPLE_HUNT, EXAMPLE_LOG, EXAMPLE_RESULT } from '../engine/replay/example-hunt';
import { hunt as runHunt } from '../host/store/cli-harness';

const ROOT = join(import.meta.dirname, '../..');
const CONFORMANCE = join(ROOT, 'test/fixtures/conformance');
const CONFORMANCE_V2 = join(ROOT, 'test/fixtures/conformance-v2');

let dir: string;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
let exampleHunt: string;
let exampleLog: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hunt-replay-'));
  exampleHunt = file('old-town.hunt.json', JSON.stringify(EXAMPLE_HUNT, null, 2));
  exampleLog = file('old-town.jsonl', EXAMPLE_LOG.join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let out = '';
let err = '';
async function hunt(...args: string[]): Promise<number> {
  const r = await runHunt('replay', ...args);
  out = r.out;
  err = r.err;
  return r.code;
}
afterEach(() => vi.restoreAllMocks());

describe('hunt replay --json', () => {
  it('gives the result of the spec worked example, as a real process', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/hunt.mjs'), 'replay', exampleHunt, exampleLog, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(EXAMPLE_RESULT);
    // Numbers exactly as computed: 99, not 99.0.
    expect(r.stdout).toContain('"endTime": 99,');
    expect(r.stderr).toBe('');
  });

  const cases = readdirSync(CONFORMANCE)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => f.slice(0, -'.jsonl'.length));
  it.each(cases)('conformance %s', async (name) => {
    expect(await hunt(join(CONFORMANCE, `${name}.hunt.json`), join(CONFORMANCE, `${name}.jsonl`), '--json')).toBe(0);
    const expected = JSON.parse(readFileSync(join(CONFORMANCE, `${name}.expected.json`), 'utf8'));
    for (const p of expected.participants) p.finishedAt ??= null;
    expect(JSON.parse(out)).toEqual(expected);
  });

  const casesV2 = readdirSync(CONFORMANCE_V2)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => f.slice(0, -'.jsonl'.length));
  it.each(casesV2)('v2 conformance %s', async (name) => {
    expect(await hunt(join(CONFORMANCE_V2, `${name}.hunt.json`), join(CONFORMANCE_V2, `${name}.jsonl`), '--json')).toBe(0);
    const expected = JSON.parse(readFileSync(join(CONFORMANCE_V2, `${name}.expected.json`), 'utf8'));
    for (const p of expected.participants) p.finishedAt ??= null;
    expect(JSON.parse(out)).toEqual(expected);
  });

  it('replays a v2 case with rotation groups as a real process', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/hunt.mjs'), 'replay', join(CONFORMANCE_V2, 'case14.hunt.json'), join(CONFORMANCE_V2, 'case14.jsonl'), '--json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const expected = JSON.parse(readFileSync(join(CONFORMANCE_V2, 'case14.expected.json'), 'utf8'));
    for (const p of expected.participants) p.finishedAt ??= null;
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it('counts blank lines for numbering but not as events; handles CRLF, a BOM and no final newline', async () => {
    const log = file('crlf.jsonl', '\uFEFF' + [EXAMPLE_LOG[0], '', '   ', 'not json', ...EXAMPLE_LOG.slice(1)].join('\r\n'));
    expect(await hunt(exampleHunt, log, '--json')).toBe(0);
    const r = JSON.parse(out);
    expect(r).toMatchObject({ events: 7, applied: 5, endTime: 99 });
    expect(r.rejected).toEqual([{ line: 4, reason: 'malformed' }, { line: 9, reason: 'participant-not-active' }]);
    expect(r.participants).toEqual(EXAMPLE_RESULT.participants);
  });

  it('replays an empty log: endTime 0, nobody', async () => {
    expect(await hunt(exampleHunt, file('empty.jsonl', ''), '--json')).toBe(0);
    expect(JSON.parse(out)).toEqual({ hunt: 'old-town', events: 0, applied: 0, rejected: [], endTime: 0, participants: [] });
  });
});

describe('hunt replay --until', () => {
  const log = [
    '{"t":0,"p":"a","type":"join"}',
    '{"t":10,"p":"b","type":"join"}',
    '{"t":700,"type":"quit"}', // t > T but malformed: skipped, not read
    '{"t":20,"p":"a","type":"position","lat":48.2082,"lon":16.3738}',
    '{"t":650,"p":"b","type":"quit"}', // the first line after T: reading stops here
    '{"t":30,"p":"a","type":"hint","step":"riddle"}', // would be time-backwards: never read
  ];
  it('reads lines up to T, applies deadlines up to T and reports endTime T', async () => {
    expect(await hunt(exampleHunt, file('until.jsonl', log.join('\n')), '--json', '--until', '630')).toBe(0);
    const r = JSON.parse(out);
    expect(r).toMatchObject({ events: 3, applied: 3, rejected: [], endTime: 630 });
    // a's riddle became available at 20 with a 600 s limit: failed at 620 ≤ 630.
    expect(r.participants[0]).toMatchObject({ id: 'a', status: 'active', solved: ['start'], failed: ['riddle'] });
    expect(r.participants[1]).toMatchObject({ id: 'b', status: 'active', solved: [], failed: [] });
  });

  it('with T beyond the log, replays it all and still reports endTime T', async () => {
    expect(await hunt(exampleHunt, exampleLog, '--json', '--until=1000')).toBe(0);
    expect(JSON.parse(out)).toEqual({ ...EXAMPLE_RESULT, endTime: 1000 });
  });
});

describe('hunt replay for people', () => {
  it('prints a ranked table and the rejected lines by reason, long lists shortened', async () => {
    const lines = [
      '{"t":0,"p":"zed","type":"join"}',
      '{"t":0,"p":"amy","type":"join"}',
      '{"t":0,"p":"bob","type":"join"}',
      '{"t":1,"p":"zed","type":"position","lat":48.2082,"lon":16.3738}',
      '{"t":1,"p":"amy","type":"position","lat":48.2082,"lon":16.3738}',
      '{"t":2,"p":"amy","type":"scan","step":"qr","code":"PLQ-7"}',
      '{"t":3,"p":"amy","type":"answer","step":"riddle","text":"piano"}',
      ...Array.from({ length: 14 }, (_, k) => `{"t":4,"p":"ghost-${k}","type":"quit"}`),
    ];
    expect(await hunt(exampleHunt, file('people.jsonl', lines.join('\n')))).toBe(0);
    const [head, table, rejected] = out.split('\n\n');
    expect(head).toBe('Hunt old-town: 21 events read, 7 applied, 14 rejected; 3 participants; log ends at t = 4 s');
    expect(table.split('\n')).toEqual([
      'Rank  Participant  Status    Score  Solved  Failed  Finished at',
      '   1  amy          finished    300       3       0            3',
      '   2  zed          active      100       1       0            -',
      '   3  bob          active        0       0       0            -',
    ]);
    expect(rejected).toBe('Rejected lines: 14\n  unknown-participant      14  lines 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 and 4 more\n');
  });
});

describe('hunt replay for people, hunt/2', () => {
  it('adds a Pending column and the number of submissions awaiting judgement', async () => {
    const examples = join(ROOT, 'examples');
    expect(await hunt(join(examples, 'museum-night.hunt.json'), join(examples, 'logs', 'museum-night.jsonl'))).toBe(0);
    const [, table, rejected] = out.split('\n\n');
    expect(table.split('\n')).toEqual([
      'Rank  Participant  Status     Score  Solved  Failed  Pending  Finished at',
      '   1  owls         finished     935       9       0        0         1900',
      '   2  foxes        finished     470       6       2        0         5500',
      '   3  badgers      timed_out    190       2       3        1            -',
      'Awaiting judgement: 1 submission from 1 participant (in neither solved nor failed).',
    ]);
    expect(rejected).toMatch(/^Rejected lines: 11\n/);
    // Before the owls' photo is judged (line 21 at t 420), two submissions wait.
    expect(await hunt(join(examples, 'museum-night.hunt.json'), join(examples, 'logs', 'museum-night.jsonl'), '--until', '400')).toBe(0);
    expect(out).toContain('Awaiting judgement: 2 submissions from 2 participants');
    expect(out).toMatch(/owls\s+active\s+390\s+4\s+0\s+1\s+-/);
  });

  it('shows the same pending counts when the run is stored (--db, through the sharded runtime)', async () => {
    const examples = join(ROOT, 'examples');
    const plain = (await runHunt('replay', join(examples, 'museum-night.hunt.json'), join(examples, 'logs', 'museum-night.jsonl'))).out;
    const stored = await runHunt('replay', join(examples, 'museum-night.hunt.json'), join(examples, 'logs', 'museum-night.jsonl'), '--db', join(dir, 'museum.db'));
    expect(stored.code).toBe(0);
    expect(stored.out).toBe(plain);
    expect(stored.out).toContain('Awaiting judgement: 1 submission from 1 participant');
  });

  it('keeps the hunt/1 table as it was (no Pending column)', async () => {
    expect(await hunt(exampleHunt, exampleLog)).toBe(0);
    expect(out).not.toContain('Pending');
    expect(out).not.toContain('Awaiting judgement');
  });
});

describe('hunt replay exit statuses', () => {
  it('1 for an invalid hunt, with its errors', async () => {
    expect(await hunt(join(CONFORMANCE, 'case9.hunt.json'), exampleLog)).toBe(1);
    expect(err).toMatch(/case9\.hunt\.json is not a valid hunt \(\d+ errors?\):\n {2}\/\S+ {2}[a-z-]+ {2}/);
    expect(out).toBe('');
  });

  it('2 for a hunt that is not JSON, naming the file, line and column', async () => {
    expect(await hunt(file('broken.hunt.json', '{\n  "format": "hunt/1",\n  "id": "x"\n  "title": "T"\n}\n'), exampleLog)).toBe(2);
    expect(err).toMatch(/broken\.hunt\.json:4:3: .*\(not valid JSON\)/);
  });

  it.each([
    ['a missing hunt file', () => [join(dir, 'nope.hunt.json'), exampleLog], /nope\.hunt\.json: no such file/],
    ['a missing log file', () => [exampleHunt, join(dir, 'nope.jsonl')], /nope\.jsonl: no such file/],
    ['a directory as the log', () => [exampleHunt, dir], /is a directory/],
    ['one file only', () => [exampleHunt], /needs a hunt file and a log file/],
    ['three files', () => [exampleHunt, exampleLog, exampleLog], /takes two files/],
    ['an unknown option', () => [exampleHunt, exampleLog, '--fast'], /unknown option "--fast"/],
    ['a bad --until', () => [exampleHunt, exampleLog, '--until', '-5'], /--until: "-5" is not a time/],
    ['--until without a value', () => [exampleHunt, exampleLog, '--until'], /--until needs a time/],
  ])('2 for %s', async (_what, args, message) => {
    expect(await hunt(...args())).toBe(2);
    expect(err).toMatch(message);
    expect(out).toBe('');
  });

  it('0 for a log whose lines are all rejected', async () => {
    expect(await hunt(exampleHunt, file('junk.jsonl', 'junk\n[1]\n{"t":"x"}\n'), '--json')).toBe(0);
    expect(JSON.parse(out).rejected).toEqual([1, 2, 3].map((line) => ({ line, reason: 'malformed' })));
  });
});
