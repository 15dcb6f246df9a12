// Builds the studio page to renderer/dist. `base: './'` makes every asset URL
// relative, so the same build loads from file:// in Electron and from the web host.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Vite defines import.meta.dirname for config files (no Node import needed here).
const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
