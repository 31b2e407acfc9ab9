/**
 * `npm run bench -- chart`: a 500k-point timechart in headless Chromium — time from the columnar
 * table in memory to the drawn chart (plan in the worker, LTTB to ~2× plot width, ECharts canvas)
 * against the results grid's first paint of the same table, in one run. Vite dev server on a free
 * port, stopped at the end. Modules (ECharts chunk, worker, grid) are warmed first, so both sides
 * measure work on the data, not loading code. POINTS overrides the size.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../playwright.config';

const POINTS = Number(process.env['POINTS'] ?? 500_000);
const ROUNDS = 3;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function startVite(port: number): Promise<{ server: ChildProcess; origin: string }> {
  const server = spawn('node_modules/.bin/vite', ['--port', String(port), '--strictPort'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(https?):\/\/localhost:(\d+)/.exec(output);
      if (match) resolve({ server, origin: `${match[1]}://localhost:${match[2]}` });
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.on('exit', (code) => reject(new Error(`vite exited (${code}) before listening:\n${output}`)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { server, origin } = await startVite(await freePort());
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const page = await browser.newPage({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/bench/chart/page.html`);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, null, { timeout: 60_000 });

  type Measure = (points: number) => Promise<number>;
  const measure = (name: 'measureTable' | 'measureChart', points: number) =>
    page.evaluate(([fn, n]) => (window as unknown as Record<string, Measure>)[fn]!(n), [name, points] as const);

  // Warm-up: loads the grid, the ECharts chunk and the plan worker (the worker starts at 50k rows).
  await measure('measureTable', 1_000);
  await measure('measureChart', 60_000);
  await measure('measureTable', POINTS);

  const chart: number[] = [];
  const table: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    table.push(await measure('measureTable', POINTS));
    chart.push(await measure('measureChart', POINTS));
  }
  if (errors.length > 0) throw new Error(errors.join('\n'));
  const c = median(chart);
  const t = median(table);
  console.log(`timechart, ${POINTS.toLocaleString('en-US')} points, median of ${ROUNDS}:`);
  console.log(`  data → drawn chart   ${c.toFixed(0)} ms   (runs: ${chart.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  data → grid painted  ${t.toFixed(0)} ms   (runs: ${table.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  ratio chart / table  ${(c / t).toFixed(2)}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
