import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonFile, readTextFile } from '../../cli/files';
import { CliError } from '../../cli/errors';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hunt-files-'));
  writeFileSync(join(dir, 'ok.json'), '\uFEFF{"a": 1}');
  writeFileSync(join(dir, 'bad.json'), '{\n  "a": 1,\n}\n');
  writeFileSync(join(dir, 'secret.json'), '{}');
  chmodSync(join(dir, 'secret.json'), 0o000);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function thrown(fn: () => unknown): CliError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error('expected a CliError');
}

describe('readTextFile / readJsonFile', () => {
  it('reads JSON, ignoring a byte order mark', () => {
    expect(readJsonFile(join(dir, 'ok.json'))).toEqual({ a: 1 });
  });

  it('names a missing file, exit 2', () => {
    const e = thrown(() => readTextFile(join(dir, 'nope.json')));
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe(`${join(dir, 'nope.json')}: no such file`);
  });

  it('refuses a directory', () => {
    const e = thrown(() => readTextFile(dir));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/is a directory/);
  });

  it.skipIf(process.getuid?.() === 0)('names an unreadable file', () => {
    const e = thrown(() => readTextFile(join(dir, 'secret.json')));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/secret\.json: permission denied/);
  });

  it('gives FILE:LINE:COLUMN for bad JSON', () => {
    const e = thrown(() => readJsonFile(join(dir, 'bad.json')));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(new RegExp(`^${join(dir, 'bad.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: .*trailing comma`));
  });
});
