// Packaging the studio with Electron Forge: Vite builds main, preload, the worker
// threads and the page; better-sqlite3 stays external and is copied into the package
// (forge's Vite plugin packages only .vite/, electron/forge#3738), its native file
// unpacked from the asar; fuses switch off what a desktop app must not allow.
import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerZIP } from '@electron-forge/maker-zip';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { AutoUnpackNativesPlugin } from '@electron-forge/plugin-auto-unpack-natives';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const projectDir = import.meta.dirname ?? process.cwd();

/** better-sqlite3 and what it loads at run time (`bindings` finds the .node file). */
export const NATIVE_MODULES = ['better-sqlite3', 'bindings', 'file-uri-to-path'];

/** Copies the native modules into the package, sources included: @electron/rebuild compiles from them. */
export function copyNativeModules(fromDir: string, buildPath: string): void {
  for (const name of NATIVE_MODULES) {
    const src = join(fromDir, 'node_modules', name);
    if (!existsSync(src)) throw new Error(`forge: ${src} is missing: run npm ci first`);
    cpSync(src, join(buildPath, 'node_modules', name), { recursive: true });
  }
}

/** After the rebuild, drops what only the compiler needed, keeping lib/ and build/Release/better_sqlite3.node. */
export function pruneNativeBuild(buildPath: string): void {
  const dir = join(buildPath, 'node_modules', 'better-sqlite3');
  for (const sub of ['deps', 'src', 'build/Release/obj', 'build/Release/obj.target', 'build/Release/.deps', 'build/Release/sqlite3.a', 'build/Release/test_extension.node', 'build/deps']) {
    rmSync(join(dir, sub), { recursive: true, force: true });
  }
}

/** The page built by the renderer's Vite config goes where main.ts looks for it in the package. */
export function copyRendererIfMissing(fromDir: string, buildPath: string): void {
  const target = join(buildPath, '.vite', 'renderer', 'main_window');
  if (existsSync(join(target, 'index.html'))) return;
  const built = join(fromDir, 'renderer', 'dist');
  if (!existsSync(join(built, 'index.html'))) throw new Error('forge: the page was not built (renderer/dist/index.html is missing)');
  cpSync(built, target, { recursive: true });
}

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Treasure Hunt Studio',
    executableName: 'treasure-hunt-studio',
    appBundleId: 'org.treasurehunt.studio',
    asar: true,
    // The bundled example hunts, opened from process.resourcesPath/examples.
    extraResource: ['examples'],
    // macOS: the studio opens .hunt.json files from Finder (open-file event).
    extendInfo: {
      CFBundleDocumentTypes: [{ CFBundleTypeName: 'Treasure Hunt', CFBundleTypeRole: 'Editor', LSHandlerRank: 'Owner', CFBundleTypeExtensions: ['json'] }],
    },
  },
  rebuildConfig: { onlyModules: ['better-sqlite3'] },
  hooks: {
    packageAfterCopy: async (_forgeConfig, buildPath, electronVersion, _platform, arch) => {
      copyNativeModules(projectDir, buildPath);
      copyRendererIfMissing(projectDir, buildPath);
      // The copied module must match Electron's ABI, whatever the project's node_modules holds now.
      const { rebuild } = await import('@electron/rebuild');
      await rebuild({ buildPath, electronVersion, arch, onlyModules: ['better-sqlite3'], force: true });
      pruneNativeBuild(buildPath);
    },
  },
  makers: [
    new MakerZIP({}, ['darwin', 'linux', 'win32']),
    new MakerSquirrel({ name: 'treasure_hunt_studio' }),
    new MakerDMG({ format: 'ULFO' }),
    new MakerDeb({
      options: {
        name: 'treasure-hunt-studio',
        productName: 'Treasure Hunt Studio',
        categories: ['Development'],
        mimeType: ['application/x-treasure-hunt+json'],
      },
    }),
  ],
  plugins: [
    new AutoUnpackNativesPlugin({}),
    new VitePlugin({
      build: [
        { entry: 'electron/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
        // Worker threads (shards, database writer, simulation generator, run reports, studio run threads): each its own entry beside main.js.
        { entry: 'engine/runtime/shard.worker.ts', config: 'vite.worker.config.ts', target: 'main' },
        { entry: 'db/writer/writer.worker.ts', config: 'vite.worker.config.ts', target: 'main' },
        { entry: 'host/sim/generator.worker.ts', config: 'vite.worker.config.ts', target: 'main' },
        { entry: 'host/api/runs/query.worker.ts', config: 'vite.worker.config.ts', target: 'main' },
        { entry: 'host/api/runs/run.worker.ts', config: 'vite.worker.config.ts', target: 'main' },
        { entry: 'host/whatif/whatif.worker.ts', config: 'vite.worker.config.ts', target: 'main' },
      ],
      renderer: [{ name: 'main_window', config: 'renderer/vite.config.ts' }],
    }),
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }),
  ],
};

export default config;
