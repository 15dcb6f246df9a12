// Vite config for the preload (merged by forge's Vite plugin: one CommonJS file, no chunks).
// Sandboxed preloads cannot be ES modules; `.cjs` keeps it CommonJS in a "type": "module" package.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    rollupOptions: { output: { entryFileNames: 'preload.cjs' } },
  },
});
