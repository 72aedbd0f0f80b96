import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` serves the client on :5173 and proxies the API and the socket to a local run's first node.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/client-config.json': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
