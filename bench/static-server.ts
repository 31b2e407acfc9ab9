/**
 * The app and a bench page built with Vite into a temp dir (never dist/), served on an ephemeral
 * loopback port (never the stack's ports), plus fixed byte routes a bench serves beside it.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds index.html and `benchPage` (a path from the repo root) into `outDir`; prints how long. */
export async function buildAppWithBenchPage(outDir: string, benchPage: string): Promise<void> {
  const t = Date.now();
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir, emptyOutDir: true, sourcemap: false,
      rolldownOptions: { input: { main: join(root, 'index.html'), bench: join(root, benchPage) } },
    },
  });
  console.log(`built the app and the bench page in ${Date.now() - t} ms`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.woff2': 'font/woff2', '.wasm': 'application/wasm',
};

/** A fixed byte route; with `bytesPerSecond`, sent in 64 KB pieces at that pace (a network, not loopback). */
export interface ByteRoute {
  type: string;
  bytes: Uint8Array;
  bytesPerSecond?: number;
}

const PACED_PIECE = 64 * 1024;

function sendPaced(res: ServerResponse, bytes: Uint8Array, bytesPerSecond: number): void {
  const started = Date.now();
  let sent = 0;
  const tick = () => {
    if (res.destroyed) return;
    const due = Math.min(bytes.length, Math.floor(((Date.now() - started) / 1000) * bytesPerSecond) + PACED_PIECE);
    while (sent < due) {
      const end = Math.min(due, sent + PACED_PIECE);
      res.write(bytes.subarray(sent, end));
      sent = end;
    }
    if (sent >= bytes.length) res.end();
    else setTimeout(tick, 5);
  };
  tick();
}

export function serveBuild(dir: string, routes: Record<string, ByteRoute> = {}): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const route = routes[path];
    if (route) {
      res.writeHead(200, { 'content-type': route.type, 'content-length': route.bytes.length });
      if (route.bytesPerSecond) sendPaced(res, route.bytes, route.bytesPerSecond);
      else res.end(route.bytes);
      return;
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    ok({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

/** The entry chunk of index.html and every chunk it imports statically, recursively (not import()). */
export function entryChunks(outDir: string): string[] {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('no module script in the built index.html');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(outDir, file), 'utf8');
    for (const m of code.matchAll(/\bimport\s*(?:[^"'()]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      visit(join(dirname(file), m[1]!));
    }
  };
  visit(entry);
  return [...seen];
}
