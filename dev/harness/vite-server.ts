/**
 * A Vite server in a child process for harness pages and benchmarks, on a free port (never the
 * app's 5173, which `npm start` and the e2e stack use). Stop it with `stop()`: it is killed by PID.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface ViteChild {
  origin: string;
  stop(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** `vite` (dev server), or `vite preview` of `previewDir` when given. */
export async function startViteServer(options: { port?: number; previewDir?: string } = {}): Promise<ViteChild> {
  const port = options.port ?? (await freePort());
  const args = options.previewDir ? ['preview', '--outDir', options.previewDir] : [];
  const server = spawn('node_modules/.bin/vite', [...args, '--port', String(port), '--strictPort'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Vite prints the URL once it listens; it is https when dev/certs exist.
      const match = /(https?):\/\/localhost:(\d+)/.exec(output);
      if (match) resolve({ origin: `${match[1]}://localhost:${match[2]}`, stop: () => server.kill('SIGTERM') });
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => reject(new Error(`vite exited (${code}) before listening:\n${output}`)));
  });
}
