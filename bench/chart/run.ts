/**
 * `npm run bench -- chart`: a 500k-point timechart in headless Chromium — time from the columnar
 * table in memory to the drawn chart (plan in the worker, LTTB to ~2× plot width, ECharts canvas)
 * against the results grid's first paint of the same table, in one run. Vite dev server on a free
 * port, stopped at the end. Modules (ECharts chunk, worker, grid) are warmed first, so both sides
 * measure work on the data, not loading code. POINTS overrides the size.
 */
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../playwright.config';
import { startViteServer } from '../../dev/harness/vite-server';

const POINTS = Number(process.env['POINTS'] ?? 500_000);
const ROUNDS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { origin, stop } = await startViteServer();
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
  stop();
}
