import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { APP_PORT } from './dev/stack.ts';
import { readDevCertificateSync } from './dev/certs.ts';
import { contentSecurityPolicyPlugin } from './dev/content-security-policy-plugin.ts';
import { fileURLToPath } from 'node:url';

// The app is served over HTTPS with the local stack's certificate (signed by the local CA that
// dev/certs.ts generates): MSAL's hidden-iframe renewal needs the provider's cookie, which
// Chromium blocks in a third-party iframe of an http page.
function devHttps() {
  return readDevCertificateSync();
}

// `KQL_EDITOR_HARNESS=1 npx vite build` also builds the editor's dev harness
// (dev/harness/editor.html) to inspect the editor's chunks; the product build never includes it.
function editorHarnessInput() {
  return process.env['KQL_EDITOR_HARNESS'] === '1'
    ? { rolldownOptions: { input: { main: 'index.html', 'editor-harness': 'dev/harness/editor.html' } } }
    : {};
}

export default defineConfig(() => {
  const https = devHttps();
  return {
    plugins: [react(), contentSecurityPolicyPlugin()],
    server: { port: APP_PORT, strictPort: true, https },
    preview: { port: APP_PORT, strictPort: true, https },
    // Source maps are not published by default (they hand out the source, comments included);
    // KQLW_SOURCEMAP=1 builds them for a profiling session.
    build: { sourcemap: process.env['KQLW_SOURCEMAP'] === '1', target: 'es2022', ...editorHarnessInput() },
    worker: { format: 'es' as const },
    resolve: {
      alias: {
        // DuckDB-wasm's browser build of its blocking bindings, which its package exports map does
        // not name; tsconfig.base.json maps the same name to the package's own .d.ts.
        'duckdb-wasm-browser-blocking': fileURLToPath(
          new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', import.meta.url),
        ),
      },
    },
    // The dev server pre-bundles the libraries it finds by scanning from index.html, which never
    // reaches the workers (`?worker` imports and `new Worker(new URL(...))` are not followed). A
    // library first met inside a worker (monaco-kusto's language service) was therefore found
    // only after the first query, re-bundled, and the page reloaded under the user's result
    // (https://vite.dev/config/dep-optimization-options#optimizedeps-entries). Scanning the worker
    // entries too finds every library before the first page is served.
    optimizeDeps: { entries: ['index.html', 'src/**/*.worker.ts'] },
  };
});
