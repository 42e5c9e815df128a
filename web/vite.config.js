// Vite build of the jineng web UI into web/dist (served by `jineng serve --web web/dist`).
// Element Plus components are imported on demand (unplugin-vue-components + ElementPlusResolver), so a
// page's chunk holds only the components it uses; every page is a lazy route, so the public verification
// page and the candidate pages never load the admin views or ECharts. The API client src/api/client.js is
// generated from docs/openapi.yaml (scripts/gen-api.mjs) at the start of every build and dev server.
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { generate, SPEC, OUT } from './scripts/gen-api.mjs';

// writes src/api/client.js from the OpenAPI description (only when its text changes)
function apiClient() {
  const write = () => {
    const { text } = generate(readFileSync(SPEC, 'utf8'));
    if (existsSync(OUT) && readFileSync(OUT, 'utf8') === text) return;
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, text);
  };
  return {
    name: 'jineng-api-client',
    buildStart() {
      write();
      this.addWatchFile(SPEC);
    },
    configureServer(server) {
      server.watcher.add(SPEC);
      server.watcher.on('change', (f) => { if (f === SPEC) write(); });
    },
  };
}

export default defineConfig({
  plugins: [
    apiClient(),
    vue(),
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false, dirs: [] }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/v/': 'http://127.0.0.1:8080' } },
});
