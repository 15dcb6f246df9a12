import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { run } from '../../cli/commands/validate';
import { CliError } from '../../cli/errors';

const ROOT = join(import.meta.dirname, '../..');
const CONFORMANCE = join(ROOT, 'test/fixtures/conformance');

let dir: string;
const good = join(CONFORMANCE, 'case1.hunt.json');
const invalid = join(CONFORMANCE, 'case9.hunt.json');
let notJson: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hunt-validate-'));
  notJson = join(dir, 'broken.hunt.json');
  writeFileSync(notJson, '{\n  "format": "hunt/1",\n  "id": "x"\n  "title": "T"\n}\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let out = '';
let err = '';
function capture() {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
}
afterEach(() => vi.restoreAllMocks());

describe('hunt validate', () => {
  it('exits 0 for a valid hunt and says so', async () => {
    capture();
    expect(await run([good])).toBe(0);
    expect(out).toMatch(/^✓ .*case1\.hunt\.json: valid/);
  });

  it('exits 1 for an invalid hunt, listing path, code and message', async () => {
    capture();
    expect(await run([invalid])).toBe(1);
    expect(out).toContain('✗');
    expect(out).toContain('1 error, 1 warning');
    expect(out).toContain('  /steps/2/requires/1  unknown-step  step "fountain" requires "nowhere", which does not exist');
    expect(out).toContain('  /locations/1  unused-location  ');
  });

  it('validates hunt/2 files as a real process: every public v2 invalid case exits 1 with its codes', () => {
    const dirV2 = join(ROOT, 'test/fixtures/conformance-v2');
    const cases = readdirSync(dirV2).filter((f) => f.endsWith('.validate.expected.json')).map((f) => f.replace('.validate.expected.json', ''));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/hunt.mjs'), 'validate', '--json', ...cases.map((k) => join(dirV2, `${k}.hunt.json`))], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const reports = JSON.parse(r.stdout) as { valid: boolean; errors: { code: string }[] }[];
    cases.forEach((k, i) => {
      const expected = JSON.parse(readFileSync(join(dirV2, `${k}.validate.expected.json`), 'utf8')) as { errors: { code: string }[] };
      expect(reports[i].valid).toBe(false);
      expect(new Set(reports[i].errors.map((e) => e.code))).toEqual(new Set(expected.errors.map((e) => e.code)));
    });
    const valid = spawnSync(process.execPath, [join(ROOT, 'bin/hunt.mjs'), 'validate', join(dirV2, 'case14.hunt.json')], { encoding: 'utf8' });
    expect(valid.status).toBe(0);
  });

  it('prints the JSON report of one file as an object', async () => {
    capture();
    expect(await run([invalid, '--json'])).toBe(1);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ file: invalid, valid: false, errors: [{ code: 'unknown-step', path: '/steps/2/requires/1' }], warnings: [{ code: 'unused-location', path: '/locations/1' }] });
    expect(Object.keys(report)).toEqual(['file', 'valid', 'errors', 'warnings']);
    expect(typeof report.errors[0].message).toBe('string');
  });

  it('prints an array for several files and exits with the worst code', async () => {
    capture();
    expect(await run(['--json', good, invalid])).toBe(1);
    const reports = JSON.parse(out);
    expect(reports.map((r: { valid: boolean }) => r.valid)).toEqual([true, false]);
    capture();
    expect(await run(['--json', good, notJson, invalid])).toBe(2);
    expect(JSON.parse(out)).toHaveLength(3);
  });

  it('names the file, line and column of a file that is not JSON (exit 2)', async () => {
    capture();
    expect(await run([notJson])).toBe(2);
    expect(err).toContain(`${notJson}:4:3: `);
    expect(err).toContain('not valid JSON');
    capture();
    expect(await run([notJson, '--json'])).toBe(2);
    expect(JSON.parse(out).errors[0]).toMatchObject({ code: 'not-json', line: 4, column: 3 });
  });

  it('names a missing file (exit 2) and still checks the others', async () => {
    capture();
    expect(await run([join(dir, 'missing.hunt.json'), good])).toBe(2);
    expect(err).toContain('missing.hunt.json: no such file');
    expect(out).toMatch(/✓ .*case1\.hunt\.json: valid/);
  });

  it('refuses unusable arguments with exit 2', async () => {
    await expect(run([])).rejects.toThrow(CliError);
    await expect(run(['--jsn', good])).rejects.toThrow(/unknown option "--jsn"/);
  });

  it('has a help text', async () => {
    capture();
    expect(await run(['--help'])).toBe(0);
    expect(out).toContain('Usage: hunt validate FILE... [--json]');
    expect(out).toContain('Exit status');
  });
});

describe('the hunt command (bin/hunt.mjs)', () => {
  it('reports every bundled example valid', () => {
    const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.hunt.json')).map((f) => join('examples', f));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const output = execFileSync(process.execPath, ['bin/hunt.mjs', 'validate', ...examples], { cwd: ROOT, encoding: 'utf8' });
    expect(output.split('\n').filter((l) => l.startsWith('✓'))).toHaveLength(examples.length);
  });

  it('exits 1 on an invalid hunt and 2 on a bad file through the real entry point', () => {
    expect(spawnSync(process.execPath, ['bin/hunt.mjs', 'validate', invalid], { cwd: ROOT }).status).toBe(1);
    const bad = spawnSync(process.execPath, ['bin/hunt.mjs', 'validate', notJson], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`${notJson}:4:3:`);
  });
});
