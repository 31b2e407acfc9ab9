/**
 * Drives dev/harness/issue5.html in headless Chromium against a Vite dev server it starts itself
 * (and stops by PID), checks the charts drew, and saves screenshots:
 * /tmp/issue5-chart-light.png, -chart-dark.png, -parameters.png, -history.png, -share.png, -open-link.png.
 * Run: `npx tsx dev/harness/check-issue5.ts` (HARNESS_PORT, default 5181).
 */
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../../playwright.config';
import { startViteServer } from './vite-server';

const PORT = Number(process.env['HARNESS_PORT'] ?? 5181);

let failures = 0;
function check(name: string, ok: boolean, detail = ''): void {
  if (!ok) failures++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

/** Distinct colours in the chart canvas: a blank or single-colour canvas means nothing was drawn. */
async function canvasColours(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 16) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  });
}

const { origin, stop } = await startViteServer({ port: PORT });
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1100, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });

  for (const theme of ['light', 'dark'] as const) {
    await page.goto(`${origin}/dev/harness/issue5.html?theme=${theme}`);
    await page.getByText('charts drawn: 2').waitFor({ timeout: 60_000 });
    check(`${theme}: timechart drawn`, (await canvasColours(page, '#chart canvas')) > 4);
    check(`${theme}: stacked column chart drawn`, (await canvasColours(page, '#chart2 canvas')) > 4);
    await page.locator('#chart-section').screenshot({ path: `/tmp/issue5-chart-${theme}.png` });
    await page.locator('#card-section').screenshot({ path: `/tmp/issue5-card-${theme}.png` });
  }
  await page.goto(`${origin}/dev/harness/issue5.html`);
  await page.getByText('charts drawn: 2').waitFor({ timeout: 60_000 });
  await page.getByRole('listitem').first().waitFor();
  await page.locator('#history-section').screenshot({ path: '/tmp/issue5-history.png' });
  await page.locator('#parameters-section').screenshot({ path: '/tmp/issue5-parameters.png' });

  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.getByText('Link copied.').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  check('copy link writes our link', /\/clusters\/localhost:8443\/databases\/Samples\?query=H4sI/.test(copied), copied.slice(0, 90));
  await page.locator('#share-section').screenshot({ path: '/tmp/issue5-share.png' });

  // The PNG download.
  const download = page.waitForEvent('download');
  await page.locator('#chart').getByRole('button', { name: 'Download PNG' }).click();
  const file = await download;
  check('Download PNG', file.suggestedFilename() === 'Storm-events-per-day.png', file.suggestedFilename());

  await page.getByRole('button', { name: 'Open link' }).click();
  await page.getByRole('textbox', { name: 'Link' }).fill('https://dataexplorer.azure.com/clusters/help/databases/Samples?query=H4sIAAAAAAAAAwsuyS%2FKdS1LzSsp5qpRKEnMTlUwNAAAWuk9VBUAAAA%3D');
  await page.screenshot({ path: '/tmp/issue5-open-link.png' });
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByTestId('share-out').getByText('StormEvents').waitFor();
  check('Open link returns the ADX query', (await page.getByTestId('share-out').textContent()) === 'StormEvents\n| take 10 → runs');

  check('no console errors or warnings', errors.length === 0, errors.join(' | '));
} finally {
  await browser.close();
  stop();
}
process.exit(failures === 0 ? 0 : 1);
