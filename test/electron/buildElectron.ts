// Builds main, preload and the worker threads exactly as forge does (its Vite plugin's
// own config generation over forge.config.ts), without needing Electron to be installed.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build, type InlineConfig } from 'vite';
import config from '../../forge.config';

type Generator = new (pluginConfig: unknown, projectDir: string, isProd: boolean) => { getBuildConfigs(): Promise<InlineConfig[]> };

export async function buildElectronEntries(repoRoot: string, outDir = join(repoRoot, '.vite', 'build')): Promise<string> {
  const vite = (config.plugins ?? []).find((p) => (p as { name: string }).name === 'vite') as unknown as { config: unknown };
  const require = createRequire(import.meta.url);
  const mod = require('@electron-forge/plugin-vite/dist/ViteConfig.js') as { default: Generator };
  const configs = await new mod.default(vite.config, repoRoot, true).getBuildConfigs();
  for (const c of configs) await build({ ...c, configFile: false, logLevel: 'error', build: { ...c.build, outDir } });
  return outDir;
}
