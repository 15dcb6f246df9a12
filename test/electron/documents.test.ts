import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { huntPathFromArgv } from '../../electron/documents';

describe('hunt files from the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-argv-'));
  writeFileSync(join(dir, 'walk.hunt.json'), '{}');

  it('finds an existing .json file among the arguments, relative to the working directory', () => {
    expect(huntPathFromArgv(['/opt/studio', 'walk.hunt.json'], dir)).toBe(join(dir, 'walk.hunt.json'));
    expect(huntPathFromArgv(['electron', '.', '--inspect', join(dir, 'walk.hunt.json')], '/')).toBe(join(dir, 'walk.hunt.json'));
  });

  it('ignores switches, the executable, other files and missing files', () => {
    expect(huntPathFromArgv([join(dir, 'walk.hunt.json')], dir)).toBeNull();
    expect(huntPathFromArgv(['/opt/studio', '--flag=walk.hunt.json', 'missing.hunt.json', 'notes.txt'], dir)).toBeNull();
  });
});
