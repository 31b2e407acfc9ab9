import { expect, test, type Page } from '@playwright/test';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { clusterCount } from './support/cluster-api';
import { resultGrid, resultStatus, runQuery, signIn } from './support/session';

test.use({ viewport: { width: 1400, height: 900 } });

const chart = (page: Page) => page.getByRole(s.charts.chart.role, { name: s.charts.chart.name });

test('render timechart draws a chart, in light and dark; the toggle shows the table', async ({ page }, testInfo) => {
  const days = await clusterCount('StormEvents | summarize count() by bin(StartTime, 1d)');
  await signIn(page);
  await runQuery(page, 'StormEvents | summarize count() by bin(StartTime, 1d) | render timechart');

  await expect(resultStatus(page)).toHaveText(recordsText(days));
  await expect(chart(page).locator('canvas').first()).toBeVisible();
  await expect(page.getByRole(s.charts.showChart.role, { name: s.charts.showChart.name })).toHaveAttribute('aria-checked', 'true');
  await page.screenshot({ path: testInfo.outputPath('chart-light.png') });

  await page.getByRole(s.theme.toDark.role, { name: s.theme.toDark.name }).click();
  await expect(page.locator('.chart-view')).toHaveAttribute('data-theme', 'dark');
  await expect(chart(page).locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('chart-dark.png') });

  await page.getByRole(s.charts.showTable.role, { name: s.charts.showTable.name }).click();
  await expect(chart(page)).toHaveCount(0);
  await expect(resultGrid(page).getByRole('columnheader')).toHaveText(['StartTime', 'count_']);
});

test('make-series | render timechart draws one line per series from its arrays, at 800 and 1400 px in both themes', async ({ page }, testInfo) => {
  const csl =
    'StormEvents | where State in ("TEXAS", "KANSAS", "IOWA") | make-series n = count() default = 0 on StartTime from datetime(2007-01-01) to datetime(2008-01-01) step 7d by State | render timechart';
  await signIn(page);
  await runQuery(page, csl);
  await expect(resultStatus(page)).toHaveText(recordsText(3));
  await expect(chart(page).locator('canvas').first()).toBeVisible();
  // Before arrays were unrolled this fell back to the table with "A time chart needs a datetime column".
  await expect(page.getByRole(s.charts.note.role)).toHaveCount(0);
  for (const width of [1400, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(chart(page).locator('canvas').first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`make-series-${width}-light.png`) });
  }
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByRole(s.theme.toDark.role, { name: s.theme.toDark.name }).click();
  await expect(page.locator('.chart-view')).toHaveAttribute('data-theme', 'dark');
  for (const width of [1400, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(chart(page).locator('canvas').first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`make-series-${width}-dark.png`) });
  }
});
