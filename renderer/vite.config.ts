/**
 * Builds the renderer: `npx vite build --config renderer/vite.config.ts` writes out/renderer/.
 * Relative base so the same files load from a custom protocol, file URL or the loopback server.
 */
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy as policy } from '../shared/content-security-policy.ts';

/** The app's one policy (shared/), allowing the loopback bridge's WebSocket; Electron's header narrows it further. */
export const RENDERER_CSP = policy({ connectSrc: "'self' ws://127.0.0.1:*", asMetaTag: true });

/**
 * Puts the CSP into the built page as well (defence in depth, and it holds in a plain browser).
 * Build only: the dev server's hot reload injects an inline script this policy would block.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'sealmail-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP }, injectTo: 'head-prepend' }],
    },
  };
}

// No node:path here: this folder is DOM-only, and a URL gives the folder just as well.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname).replace(/^\/([A-Za-z]:)/, '$1');

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // Nothing inlined as data: URLs beyond what img-src allows; fonts and scripts stay files.
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'chrome120',
  },
  server: { host: '127.0.0.1', strictPort: false },
});
