// Vite config for the Electron main process, merged by forge's Vite plugin with its own
// (outDir .vite/build, Node built-ins and electron external, the MAIN_WINDOW_* defines).
// ESM output because package.json says "type": "module": a CommonJS main.js would not load.
// better-sqlite3 stays external: it is a native module, copied into the package by forge.config.ts.
import { defineConfig, type ConfigEnv, type UserConfig } from 'vite';

type ForgeEnv = ConfigEnv & { forgeConfigSelf?: { entry?: string } };

export default defineConfig((env: ForgeEnv): UserConfig => ({
  build: {
    lib: { entry: env.forgeConfigSelf?.entry ?? 'electron/main.ts', formats: ['es' as const], fileName: () => '[name].js' },
    rollupOptions: { external: ['better-sqlite3'] },
    sourcemap: true,
  },
}));
