// Vite config for the worker-thread entries (every `*.worker.ts`: shards, the database
// writer, the generator, query and run threads, what-if runs), each built by forge as its
// own ESM file beside main.js and named after its entry, so the bundled main finds
// `shard.worker.js` / `writer.worker.js` next to itself.
import { defineConfig, type ConfigEnv, type UserConfig } from 'vite';

type ForgeEnv = ConfigEnv & { forgeConfigSelf?: { entry?: string } };

export default defineConfig((env: ForgeEnv): UserConfig => {
  const entry = env.forgeConfigSelf?.entry;
  if (!entry) throw new Error('vite.worker.config.ts is built through forge.config.ts, which names the worker entry');
  return {
    build: {
      lib: { entry, formats: ['es' as const], fileName: () => '[name].js' },
      rollupOptions: { external: ['better-sqlite3'] },
      sourcemap: true,
    },
  };
});
