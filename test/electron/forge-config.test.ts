// Packaging facts that must hold even though Electron cannot run here.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { getElectronModulePath, getElectronVersion } from '@electron-forge/core-utils';
import { describe, expect, it } from 'vitest';
import config, { copyNativeModules, NATIVE_MODULES, pruneNativeBuild } from '../../forge.config';

const repo = join(__dirname, '..', '..');

describe('forge.config.ts', () => {
  it('packs into an asar with native files unpacked, and ships the examples', () => {
    expect(config.packagerConfig?.asar).toBe(true);
    expect(config.packagerConfig?.extraResource).toEqual(['examples']);
    const names = (config.plugins ?? []).map((p) => (p as { name: string }).name);
    expect(names).toEqual(expect.arrayContaining(['auto-unpack-natives', 'vite', 'fuses']));
  });

  it('builds main, preload, the worker threads and the page', () => {
    const vite = (config.plugins ?? []).find((p) => (p as { name: string }).name === 'vite') as unknown as {
      config: { build: { entry: string; target: string }[]; renderer: { name: string; config: string }[] };
    };
    expect(vite.config.build.map((b) => b.entry)).toEqual(['electron/main.ts', 'electron/preload.ts', 'engine/runtime/shard.worker.ts', 'db/writer/writer.worker.ts', 'host/sim/generator.worker.ts', 'host/api/runs/query.worker.ts', 'host/api/runs/run.worker.ts', 'host/whatif/whatif.worker.ts']);
    expect(vite.config.renderer).toEqual([{ name: 'main_window', config: 'renderer/vite.config.ts' }]);
    for (const b of vite.config.build) expect(existsSync(join(repo, b.entry)), b.entry).toBe(true);
  });

  it('builds every worker-thread entry in the code base (files named *.worker.ts)', () => {
    const vite = (config.plugins ?? []).find((p) => (p as { name: string }).name === 'vite') as unknown as { config: { build: { entry: string }[] } };
    const entries = new Set(vite.config.build.map((b) => b.entry));
    const workers = ['engine', 'db', 'host'].flatMap((dir) =>
      (readdirSync(join(repo, dir), { recursive: true }) as string[]).filter((f) => /\.worker\.ts$/.test(f)).map((f) => `${dir}/${f.split('\\').join('/')}`),
    );
    expect(workers.length).toBeGreaterThanOrEqual(4);
    for (const w of workers) expect(entries.has(w), `${w} is started as a worker but forge does not build it`).toBe(true);
  });

  it("finds the electron package and its version, whether or not Electron's binary could be downloaded", async () => {
    // As forge start/package/make do: from the app's package.json (no readPackageJson hook
    // changes it) and node_modules/electron, which a failed download leaves installed.
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies.electron).toBeDefined();
    expect(config.hooks?.readPackageJson).toBeUndefined();
    const installed = JSON.parse(readFileSync(join(repo, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
    expect(await getElectronVersion(repo, pkg)).toBe(installed.version);
    expect(await getElectronModulePath(repo, pkg)).toBe(join(repo, 'node_modules', 'electron'));
  });

  it('makes zip, deb, squirrel and dmg', () => {
    const makers = (config.makers ?? []).map((m) => (m as { name: string }).name);
    expect(makers.sort()).toEqual(['deb', 'dmg', 'squirrel', 'zip']);
  });

  it('sets the security fuses', () => {
    const fuses = (config.plugins ?? []).find((p) => (p as { name: string }).name === 'fuses') as unknown as { fusesConfig: Record<number, boolean> };
    expect(fuses.fusesConfig[FuseV1Options.RunAsNode]).toBe(false);
    expect(fuses.fusesConfig[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(fuses.fusesConfig[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(fuses.fusesConfig[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(fuses.fusesConfig[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuses.fusesConfig[FuseV1Options.EnableCookieEncryption]).toBe(true);
  });

  it('copies better-sqlite3 and what it loads into the package, then keeps only the runtime files', () => {
    const out = mkdtempSync(join(tmpdir(), 'studio-pack-'));
    try {
      copyNativeModules(repo, out);
      for (const name of NATIVE_MODULES) expect(existsSync(join(out, 'node_modules', name, 'package.json')), name).toBe(true);
      pruneNativeBuild(out);
      const sqlite = join(out, 'node_modules', 'better-sqlite3');
      expect(existsSync(join(sqlite, 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
      expect(existsSync(join(sqlite, 'lib', 'index.js'))).toBe(true);
      expect(existsSync(join(sqlite, 'deps'))).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
