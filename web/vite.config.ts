// Built with `npm run build:web` (vite build --config web/vite.config.ts) into web/dist, which the
// Fastify server serves at `/`. No @vitejs/plugin-react: Vite 8 compiles TSX itself with oxc.
// Everything comes from node_modules, so the build works offline.
//
// A plain object rather than `defineConfig` from 'vite': vite's types pull in @types/node, and this
// file is type-checked with the browser code (web/tsconfig.json), which must not see Node globals.

// The folder of this file, whatever the working directory (decoded: the path may hold CJK).
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default {
  root: here,
  base: '/',
  // Only the bundle: never load .env files into the browser code.
  envDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One app of ~1 MB (antd), served from the same origin: the size warning would only be noise.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components; meaningless in a SPA.
      onwarn(warning: { code?: string }, warn: (w: { code?: string }) => void) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // `npx vite --config web/vite.config.ts` during development: the API of a local `npm start`.
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
};
