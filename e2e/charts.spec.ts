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
