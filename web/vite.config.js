// Vite build of the jineng web UI into web/dist (served by `jineng serve --web web/dist`).
// Element Plus components are imported on demand (unplugin-vue-components + ElementPlusResolver), so a
// page's chunk holds only the components it uses; every page is a lazy route, so the public verification
// page and the candidate pages never load the admin views or ECharts.
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

export default defineConfig({
  plugins: [
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
