import { expect, test, type Page } from '@playwright/test';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { clusterCount } from './support/cluster-api';
import { captureScreens } from './support/screens';
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

/** The drawn chart: role=img named by the render's title, or "Chart". */
const drawn = (page: Page, title: string = s.charts.chart.name) => page.getByRole(s.charts.chart.role, { name: title }).locator('canvas').first();

/**
 * The chart on show, redrawn in the page's theme: captureScreens flips data-theme on <html>, which
 * the chart follows (TableChartSwitch without a theme: useDocumentTheme) by re-planning.
 */
async function chartSettled(page: Page, title?: string): Promise<void> {
  const theme = await page.evaluate(() => (document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'light'));
  await expect(page.locator('.chart-view')).toHaveAttribute('data-theme', theme);
  await expect(drawn(page, title)).toBeVisible();
}

async function expectDrawn(page: Page, title?: string): Promise<void> {
  await expect(drawn(page, title)).toBeVisible();
  await expect(page.getByRole(s.charts.showChart.role, { name: s.charts.showChart.name })).toHaveAttribute('aria-checked', 'true');
}

// Kusto.Explorer's kinds and anomalychart (docs "render operator"), each from its docs example shape.
test('render anomalychart draws the series with its anomaly flags marked, at 800 and 1400 px in both themes', async ({ page }, testInfo) => {
  // series_decompose_anomalies is refused by the local engine (src/engine/README.md); the flags here
  // are days with more than 250 storm events.
  const csl =
    'StormEvents | make-series n = count() default = 0 on StartTime from datetime(2007-01-01) to datetime(2008-01-01) step 1d | extend anomalies = array_iff(series_greater(n, 250), 1, 0) | render anomalychart with (anomalycolumns=anomalies, title="Busy storm days")';
  await signIn(page);
  await runQuery(page, csl);
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  await expectDrawn(page, 'Busy storm days');
  await expect(page.getByRole(s.charts.note.role)).toHaveCount(0);
  await captureScreens(page, testInfo, 'anomalychart', () => chartSettled(page, 'Busy storm days'));
});

test('render ladderchart draws an interval per state from its last two columns', async ({ page }, testInfo) => {
  const base = 'StormEvents | where EventType has "rain" | summarize min(StartTime), max(EndTime) by State';
  const states = await clusterCount(base);
  await signIn(page);
  await runQuery(page, `${base} | render ladderchart`);
  await expect(resultStatus(page)).toHaveText(recordsText(states));
  await expectDrawn(page);
  await expect(page.getByRole(s.charts.note.role)).toHaveCount(0);
  await captureScreens(page, testInfo, 'ladderchart', () => chartSettled(page));
});

test('render timepivot draws the events of each state on a time line with a zoom slider', async ({ page }, testInfo) => {
  const base =
    'StormEvents | where EventType == "Flood" and State in ("ILLINOIS", "INDIANA", "IOWA", "KANSAS", "MICHIGAN", "MINNESOTA", "MISSOURI", "NEBRASKA", "NORTH DAKOTA", "OHIO", "SOUTH DAKOTA", "WISCONSIN")';
  const events = await clusterCount(base);
  await signIn(page);
  await runQuery(page, `${base} | render timepivot with (series=State)`);
  await expect(resultStatus(page)).toHaveText(recordsText(events));
  await expectDrawn(page);
  await expect(page.getByRole(s.charts.note.role)).toHaveCount(0);
  await captureScreens(page, testInfo, 'timepivot', () => chartSettled(page));
});

test('render treemap nests the states in their event types, sized by count', async ({ page }, testInfo) => {
  await signIn(page);
  await runQuery(
    page,
    'StormEvents | summarize StormEvents=count() by EventType, State | sort by StormEvents | limit 30 | render treemap with(title="Storm Events by EventType and State")',
  );
  await expect(resultStatus(page)).toHaveText(recordsText(30));
  await expectDrawn(page, 'Storm Events by EventType and State');
  await expect(page.getByRole(s.charts.note.role)).toHaveCount(0);
  await captureScreens(page, testInfo, 'treemap', () => chartSettled(page, 'Storm Events by EventType and State'));
});

test('render pivotchart draws the pivoted sums as columns and says how it pivoted', async ({ page }, testInfo) => {
  await signIn(page);
  await runQuery(
    page,
    'StormEvents | where State in ("TEXAS", "KANSAS", "IOWA", "NEBRASKA") and EventType in ("Hail", "Flood", "Tornado") | project DamageProperty, State, EventType | render pivotchart',
  );
  await expectDrawn(page);
  await expect(page.getByRole(s.charts.note.role)).toHaveText('Pivot: sum(DamageProperty) by State and EventType.');
  await captureScreens(page, testInfo, 'pivotchart', () => chartSettled(page));
});
