import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: path.resolve(__dirname),
  base: './',
  plugins: [
    react(),
    {
      // The strict CSP <meta> forbids the inline script Vite's dev server injects; Electron's header CSP
      // (relaxed only for the dev URL) still applies in `npm run dev`. Production builds keep the meta.
      name: 'permanence-dev-csp',
      apply: 'serve',
      transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ''),
    },
  ],
  build: {
    outDir: path.resolve(__dirname, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's own sources carry comments Rollup cannot place and removes; nothing to act on here.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
