// The `hunt` command's bundle (bin/cli-bundle.mjs): when it counts as stale, that the
// command runs from it, gives what the TypeScript sources give, and that it holds
// every worker-thread entry the packaged app builds.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_ENTRIES, bundleEntryFile, bundlePaths, bundleStaleReason, readManifest, type BundleManifest } from '../../bin/cli-bundle.mjs';

const ROOT = join(import.meta.dirname, '../..');

describe('the staleness rule of the command bundle', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hunt-bundle-'));
    mkdirSync(join(root, 'cli'));
    writeFileSync(join(root, 'cli/main.ts'), 'export const x = 1;\n');
    writeFileSync(join(root, 'package.json'), '{}\n');
    mkdirSync(join(bundlePaths(root).dir, 'b1'), { recursive: true });
    writeFileSync(join(bundlePaths(root).dir, 'b1', 'hunt-cli.js'), '');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const stamp = (file: string): [number, number] => {
    const s = statSync(join(root, file));
    return [s.mtimeMs, s.size];
  };
  const manifest = (): BundleManifest => ({ build: 'b1', inputs: { 'cli/main.ts': stamp('cli/main.ts'), 'package.json': stamp('package.json') } });

  it('is current while every input has the time and size it was built from', () => {
    writeFileSync(bundlePaths(root).manifest, JSON.stringify(manifest()));
    expect(bundleStaleReason(root)).toBeNull();
    expect(bundleEntryFile(root, readManifest(root)!)).toBe(join(bundlePaths(root).dir, 'b1', 'hunt-cli.js'));
  });

  it('is stale without a manifest, without its build, or with an unreadable manifest', () => {
    expect(bundleStaleReason(root)).toBe('no build yet');
    writeFileSync(bundlePaths(root).manifest, '{"build":');
    expect(bundleStaleReason(root)).toBe('no build yet');
    expect(bundleStaleReason(root, { ...manifest(), build: 'b2' })).toBe('the build is missing');
  });

  it('is stale when an input was edited (even to the same size), replaced by an older file, or deleted', () => {
    const m = manifest();
    writeFileSync(join(root, 'cli/main.ts'), 'export const x = 2;\n');
    utimesSync(join(root, 'cli/main.ts'), new Date(), new Date(Date.now() + 5000));
    expect(bundleStaleReason(root, m)).toBe('cli/main.ts changed');
    utimesSync(join(root, 'cli/main.ts'), new Date(), new Date(Date.now() - 3600_000));
    expect(bundleStaleReason(root, m)).toBe('cli/main.ts changed');
    rmSync(join(root, 'cli/main.ts'));
    expect(bundleStaleReason(root, m)).toBe('cli/main.ts is gone');
  });

  it('is stale when an input was recorded as unknown (modified while the build read it)', () => {
    expect(bundleStaleReason(root, { build: 'b1', inputs: { 'cli/main.ts': null } })).toBe('cli/main.ts changed');
  });
});

describe('the hunt command runs from its bundle', () => {
  it('builds it when needed, and it lists the sources the command is made of', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/hunt.mjs'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const m = readManifest(ROOT)!;
    expect(m).not.toBeNull();
    expect(Object.keys(m.inputs)).toEqual(expect.arrayContaining(['cli/main.ts', 'engine/replay/replay.ts', 'engine/runtime/shard.worker.ts', 'package.json']));
    for (const name of Object.keys(BUNDLE_ENTRIES)) expect(statSync(join(bundlePaths(ROOT).dir, m.build, `${name}.js`)).isFile()).toBe(true);
  }, 120_000);

  it('prints what the TypeScript sources print', () => {
    const args = [join(ROOT, 'bin/hunt.mjs'), 'replay', join(ROOT, 'examples/old-town-walk.hunt.json'), join(ROOT, 'examples/logs/old-town-walk.jsonl'), '--json'];
    const bundled = spawnSync(process.execPath, args, { encoding: 'utf8' });
    const fromSource = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, HUNT_FROM_SOURCE: '1' } });
    expect(bundled.status).toBe(0);
    expect(fromSource.status).toBe(0);
    expect(bundled.stdout).toBe(fromSource.stdout);
    expect(JSON.parse(bundled.stdout).events).toBeGreaterThan(0);
  }, 120_000);

  it('holds every worker-thread entry the packaged app builds, under the name its launcher looks for', () => {
    const forge = readFileSync(join(ROOT, 'forge.config.ts'), 'utf8');
    const workerEntries = [...forge.matchAll(/entry: '([^']+)', config: 'vite\.worker\.config\.ts'/g)].map((m) => m[1]);
    expect(workerEntries.length).toBeGreaterThan(0);
    const bundled = Object.entries(BUNDLE_ENTRIES).filter(([name]) => name !== 'hunt-cli');
    expect(bundled.map(([, file]) => file).sort()).toEqual(workerEntries.sort());
    for (const [name, file] of bundled) expect(name).toBe(basename(file, '.ts'));
  });
});
