/**
 * KQL on the analyst's own files, in the browser: a CSV and a Parquet file generated here are
 * opened from the "Local files" connection, joined in KQL, drawn as a timechart and exported —
 * while every request the page makes is watched. What local files may load is the app's own code
 * (the worker, DuckDB-wasm and the parser, fetched once from the app's origin on first use);
 * nothing else is requested: no token, no query, no file content.
 */
import { readFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test, type Page, type Request } from '@playwright/test';
import { APP_URL } from '../dev/stack';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { connectionPane, errorAlert, resultGrid, resultStatus, runQuery, signIn, waitForEditor } from './support/session';

test.use({ viewport: { width: 1400, height: 900 } });

const HOURS = 48;
const KEYS = ['alpha', 'beta', 'gamma'];

/** events.csv: one row per (hour, key) for two days; x = hour index × (key index + 1). */
function eventsCsv(): string {
  const lines = ['t,k,x'];
  for (let h = 0; h < HOURS; h++) {
    const t = new Date(Date.UTC(2024, 2, 1) + h * 3_600_000).toISOString();
    KEYS.forEach((k, i) => lines.push(`${t},${k},${h * (i + 1)}`));
  }
  return `${lines.join('\n')}\n`;
}

/** keys.parquet: written by DuckDB, as an analyst's tool would. */
async function keysParquet(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`COPY (SELECT * FROM (VALUES ('alpha', 'Team A'), ('beta', 'Team B'), ('gamma', 'Team A')) AS v(k, team)) TO '${path}' (FORMAT parquet)`);
  conn.closeSync();
  instance.closeSync();
}

const localFilesItem = (page: Page) => page.getByRole(s.localFiles.connection.role, { name: s.localFiles.connection.name });
const treeItem = (page: Page, name: string) => connectionPane(page).getByRole('treeitem', { name, exact: true });

/** The app's own code: a same-origin GET of a built asset. */
function isAppAsset(r: Request): boolean {
  const url = new URL(r.url());
  return r.method() === 'GET' && url.origin === new URL(APP_URL).origin && url.pathname.startsWith('/assets/');
}

test('open a CSV and a Parquet file, join them in KQL, render a timechart and export CSV, with no request but the app\'s own code', async ({ page }, testInfo) => {
  const csvPath = testInfo.outputPath('events.csv');
  const parquetPath = testInfo.outputPath('keys.parquet');
  writeFileSync(csvPath, eventsCsv());
  await keysParquet(parquetPath);

  await signIn(page);
  // The signed-in page's own start (the cluster's databases for the tree) is done before we watch.
  await expect(connectionPane(page).getByRole('treeitem', { name: 'Samples' }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');

  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));

  await page.getByLabel(s.localFiles.input.name).setInputFiles([csvPath, parquetPath]);
  await expect(treeItem(page, 'events')).toBeVisible({ timeout: 60_000 });
  await expect(treeItem(page, 'keys')).toBeVisible();
  await expect(localFilesItem(page)).toHaveAttribute('aria-selected', 'true');

  // The schema is in the tree: columns with their Kusto types.
  await treeItem(page, 'events').press('ArrowRight');
  await expect(treeItem(page, 't datetime')).toBeVisible();
  await expect(treeItem(page, 'x long')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('local-files-connection.png') });

  await waitForEditor(page);
  await runQuery(page, [
    'events',
    '| join kind=inner (keys) on k',
    '| summarize total = sum(x) by bin(t, 1h), team',
    '| order by t asc, team asc',
    '| render timechart',
  ].join('\n'));
  await expect(resultStatus(page)).toHaveText(recordsText(HOURS * 2), { timeout: 60_000 });
  const chart = page.getByRole(s.charts.chart.role, { name: s.charts.chart.name });
  await expect(chart.locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('local-files-timechart.png') });

  await page.getByRole(s.charts.showTable.role, { name: s.charts.showTable.name }).click();
  await expect(resultGrid(page).getByRole('columnheader')).toHaveText(['t', 'team', 'total']);
  const downloading = page.waitForEvent('download');
  await page.getByRole(s.results.exportCsv.role, { name: s.results.exportCsv.name }).click();
  const csv = await readFile(await (await downloading).path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe('t,team,total');
  // Hour 0: every x is 0; hour 1: Team A = alpha (1) + gamma (3), Team B = beta (2).
  expect(lines.slice(1, 5)).toEqual(['2024-03-01T00:00:00Z,Team A,0', '2024-03-01T00:00:00Z,Team B,0', '2024-03-01T01:00:00Z,Team A,4', '2024-03-01T01:00:00Z,Team B,2']);

  const notCode = requests.filter((r) => !isAppAsset(r)).map((r) => `${r.method()} ${r.url()}`);
  expect(notCode).toEqual([]);
  const assets = requests.map((r) => r.url());
  expect(new Set(assets).size).toBe(assets.length);
});

test('a ragged CSV says which line, an unsupported construct is named, and neither loses the open tables', async ({ page }, testInfo) => {
  const good = testInfo.outputPath('good.csv');
  const ragged = testInfo.outputPath('ragged.csv');
  writeFileSync(good, 'a,b\n1,x\n2,y\n');
  writeFileSync(ragged, 'a,b\n1,x\n2,y,extra\n3,z\n');
  await signIn(page);
  await page.getByLabel(s.localFiles.input.name).setInputFiles([good, ragged]);
  await expect(treeItem(page, 'good')).toBeVisible({ timeout: 60_000 });
  await expect(errorAlert(page).filter({ hasText: 'ragged.csv' })).toContainText(/line 3/);

  await waitForEditor(page);
  await runQuery(page, 'good | extend d = parse_json(b)');
  await expect(errorAlert(page).filter({ hasText: "the 'parse_json' function" })).toContainText('JSON extension', { timeout: 60_000 });
  await expect(treeItem(page, 'good')).toBeVisible();

  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByRole(s.theme.toDark.role, { name: s.theme.toDark.name }).click();
    for (const width of [800, 1400]) {
      await page.setViewportSize({ width, height: 900 });
      if (width === 800) {
        const toggle = page.getByRole(s.header.connections.role, { name: s.header.connections.name });
        if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
      }
      await expect(treeItem(page, 'good')).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`local-files-error-${width}-${theme}.png`) });
    }
  }
});

test('a reload offers to reopen the files; a share link carries the query and file names, and asks for the files', async ({ page, browser }, testInfo) => {
  // Two sign-ins and two loads of the file (and the parser's first parse): more than one journey's minute.
  test.setTimeout(150_000);
  const csvPath = testInfo.outputPath('events.csv');
  writeFileSync(csvPath, eventsCsv());
  await signIn(page);
  await page.getByLabel(s.localFiles.input.name).setInputFiles([csvPath]);
  await expect(treeItem(page, 'events')).toBeVisible({ timeout: 60_000 });
  await waitForEditor(page);
  await runQuery(page, 'events | summarize n = count()');
  await expect(resultStatus(page)).toHaveText(recordsText(1), { timeout: 60_000 });
  // The address bar is the tab's link: the query and the file's name, no data.
  await expect(page).toHaveURL(/\/local-files\?query=[^&]+&file=events\.csv$/);
  const link = page.url();

  await page.reload();
  const reopen = page.getByRole(s.localFiles.reopenNotice.role, { name: s.localFiles.reopenNotice.name });
  await expect(reopen).toContainText('events.csv');
  await expect(treeItem(page, 'events')).toHaveCount(0);
  const choosing = page.waitForEvent('filechooser');
  await reopen.getByRole(s.localFiles.reopen.role, { name: s.localFiles.reopen.name }).click();
  await (await choosing).setFiles(csvPath);
  await expect(treeItem(page, 'events')).toBeVisible({ timeout: 60_000 });
  await expect(reopen).toHaveCount(0);

  // Someone else opens the link: the query arrives, nothing runs, and the files are asked for.
  const other = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } });
  const reader = await other.newPage();
  await signIn(reader);
  await reader.goto(link);
  await expect(reader.getByRole(s.localFiles.reopenNotice.role, { name: s.localFiles.reopenNotice.name })).toContainText('This query reads local files: events.csv');
  await expect(reader.locator('[data-query-text]')).toHaveAttribute('data-query-text', 'events | summarize n = count()');
  await waitForEditor(reader);
  await expect(resultStatus(reader)).toHaveText('');
  await reader.screenshot({ path: testInfo.outputPath('local-files-link-asks-for-files.png') });
  await other.close();
});
