import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built into dist/renderer and served by Electron (groundcrew://app/) or the browser host.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // Everything ships inside the app: no CDN, no remote fonts.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
  },
});
