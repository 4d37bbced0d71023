import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The web application: built into web/dist, which the server serves; `npm run web:dev` proxies /api to it. */
export default defineConfig({
  root,
  plugins: [react()],
  // One bundle (~390 kB, ~120 kB gzipped: React, the router, i18next and the four languages).
  build: { outDir: path.join(root, 'dist'), emptyOutDir: true, sourcemap: false, reportCompressedSize: false },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:8080' } },
});
