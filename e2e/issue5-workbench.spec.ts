import { expect, test, type Page } from '@playwright/test';
import { APP_URL, CLUSTER_URL } from '../dev/stack';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { clusterCount } from './support/cluster-api';
import { adxLink, appLink } from './support/links';
import {
  analyst, dataRows, expectQueryText, queryTabs, resultGrid, resultStatus, runButton, runQuery, setQueryText, signIn,
  signInButton, signOutButton, submitLoginForm, waitForEditor,
} from './support/session';

const viewport = { width: 1400, height: 900 };
test.use({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });

const linkNotice = (page: Page) => page.getByRole(s.share.linkNotice.role, { name: s.share.linkNotice.name });
const chart = (page: Page) => page.getByRole(s.charts.chart.role, { name: s.charts.chart.name });
const parametersForm = (page: Page) => page.getByRole(s.parameters.form.role, { name: s.parameters.form.name });
const historyPanel = (page: Page) => page.getByRole(s.history.panel.role, { name: s.history.panel.name });
const STATE_COLUMN = 4;

/** Every request the page sends to the cluster, as "METHOD path body": observed, never intercepted. */
function clusterRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${CLUSTER_URL}/`)) seen.push(`${request.method()} ${new URL(request.url()).pathname} ${request.postData() ?? ''}`);
  });
  return seen;
}

test('render timechart draws a chart, in light and dark; the toggle shows the table', async ({ page }) => {
  const days = await clusterCount('StormEvents | summarize count() by bin(StartTime, 1d)');
  await signIn(page);
  await runQuery(page, 'StormEvents | summarize count() by bin(StartTime, 1d) | render timechart');

  await expect(resultStatus(page)).toHaveText(recordsText(days));
  await expect(chart(page).locator('canvas').first()).toBeVisible();
  await expect(page.getByRole(s.charts.showChart.role, { name: s.charts.showChart.name })).toHaveAttribute('aria-checked', 'true');
  await page.screenshot({ path: '/tmp/issue5-e2e-chart-light.png' });

  await page.getByRole(s.theme.toDark.role, { name: s.theme.toDark.name }).click();
  await expect(page.locator('.chart-view')).toHaveAttribute('data-theme', 'dark');
  await expect(chart(page).locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/issue5-e2e-chart-dark.png' });

  await page.getByRole(s.charts.showTable.role, { name: s.charts.showTable.name }).click();
  await expect(chart(page)).toHaveCount(0);
  await expect(resultGrid(page).getByRole('columnheader')).toHaveText(['StartTime', 'count_']);
});

test('a copied link, opened signed out in a fresh browser, leads through sign-in to the same query and its result', async ({ page, browser }) => {
  await signIn(page);
  const query = 'StormEvents\n| where State == "KANSAS"\n| summarize count() by EventType';
  await setQueryText(page, query);
  await page.getByRole(s.share.menu.role, { name: s.share.menu.name, exact: true }).click();
  await expect(page.getByRole(s.share.openInAdx.role, { name: s.share.openInAdx.name })).toBeDisabled();
  await page.screenshot({ path: '/tmp/issue5-e2e-share-menu.png' });
  await page.getByRole(s.share.copyLink.role, { name: s.share.copyLink.name }).click();
  await expect(page.getByRole(s.share.status.role, { name: s.share.status.name })).toHaveText('Link copied.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link.startsWith(`${APP_URL}/clusters/localhost:8443/databases/Samples?query=`)).toBe(true);
  // The address bar is the active tab's link too.
  await expect(page).toHaveURL(link);

  const expected = await clusterCount(query);
  const fresh = await browser.newContext({ ignoreHTTPSErrors: true, viewport });
  try {
    const other = await fresh.newPage();
    const requests = clusterRequests(other);
    await other.goto(link);
    await signInButton(other).click();
    await submitLoginForm(other, analyst);
    await expect(signOutButton(other)).toBeVisible();
    // A new tab beside the default one, holding the link's query, which ran once.
    await expect(queryTabs(other)).toHaveCount(2);
    await expect(queryTabs(other).nth(1)).toHaveAttribute('aria-selected', 'true');
    await expectQueryText(other, query);
    await expect(resultStatus(other)).toHaveText(recordsText(expected));
    const runs = requests.filter((r) => r.startsWith('POST /v2/rest/query'));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toContain('"request_readonly":true');
    await expect(linkNotice(other)).toHaveCount(0);
  } finally {
    await fresh.close();
  }
});

test('a link whose query is .drop table opens without running, and the table is still there', async ({ page }) => {
  const before = await clusterCount('StormEvents');
  await signIn(page);
  const requests = clusterRequests(page);
  const text = '.drop table StormEvents';
  await page.goto(appLink({ cluster: 'localhost:8443', database: 'Samples', query: text }));

  await expect(linkNotice(page)).toContainText('Management commands');
  await expectQueryText(page, text);
  await waitForEditor(page);
  await expect(resultStatus(page)).toHaveText('');
  expect(requests.filter((r) => r.includes('.drop'))).toEqual([]);
  expect(await clusterCount('StormEvents')).toBe(before);
});

test('a link with autorun=false opens its query without running it', async ({ page }) => {
  await signIn(page);
  const requests = clusterRequests(page);
  const text = 'StormEvents\n| take 7';
  await page.goto(appLink({ cluster: 'localhost:8443', database: 'Samples', query: text, autorun: false }));

  await expect(linkNotice(page)).toContainText('autorun=false');
  await expectQueryText(page, text);
  await waitForEditor(page);
  await expect(resultStatus(page)).toHaveText('');
  expect(requests.filter((r) => r.startsWith('POST /v2/rest/query'))).toEqual([]);

  await runButton(page).click();
  await expect(resultStatus(page)).toHaveText(recordsText(7));
});

test('history lists past runs and reopens one in a new tab', async ({ page }) => {
  await signIn(page);
  await runQuery(page, 'StormEvents | take 2');
  await expect(resultStatus(page)).toHaveText(recordsText(2));
  await runQuery(page, 'print answer = 42');
  await expect(resultStatus(page)).toHaveText(recordsText(1));

  await page.getByRole(s.history.toggle.role, { name: s.history.toggle.name, exact: true }).click();
  const entry = historyPanel(page).getByRole('listitem', { name: 'StormEvents | take 2' });
  await expect(entry).toContainText('2 records');
  await expect(historyPanel(page).getByRole('listitem')).toHaveCount(2);
  await page.screenshot({ path: '/tmp/issue5-e2e-history.png' });

  await entry.getByRole(s.history.reopen.role, { name: s.history.reopen.name }).click();
  await expect(queryTabs(page)).toHaveCount(2);
  await expect(queryTabs(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expectQueryText(page, 'StormEvents | take 2');
});

test('F8 shows the previous result of the query without a request to the cluster', async ({ page }) => {
  await signIn(page);
  await runQuery(page, 'StormEvents | where State == "OHIO" | take 3');
  await expect(resultStatus(page)).toHaveText(recordsText(3));
  await runQuery(page, 'StormEvents | take 5');
  await expect(resultStatus(page)).toHaveText(recordsText(5));

  await setQueryText(page, 'StormEvents | where State == "OHIO" | take 3');
  const requests = clusterRequests(page);
  await page.keyboard.press('F8');
  await expect(resultStatus(page)).toHaveText(recordsText(3));
  await expect(page.getByRole(s.history.recallStatus.role, { name: s.history.recallStatus.name })).toContainText('from history');
  await expect(dataRows(page)).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(dataRows(page).nth(i).getByRole('gridcell').nth(STATE_COLUMN)).toHaveText('OHIO');
  expect(requests).toEqual([]);
});

test('a parameterised query runs with the values from the form; a bad value is refused at the input', async ({ page }) => {
  await signIn(page);
  await runQuery(page, 'declare query_parameters(state:string = "TEXAS", n:long = 5); StormEvents | where State == state | take n');
  await expect(resultStatus(page)).toHaveText(recordsText(5));
  await expect(dataRows(page).first().getByRole('gridcell').nth(STATE_COLUMN)).toHaveText('TEXAS');

  const state = parametersForm(page).getByRole('textbox', { name: 'state', exact: true });
  const n = parametersForm(page).getByRole('textbox', { name: 'n', exact: true });
  await state.fill('OHIO');
  await n.fill('3');
  const requests = clusterRequests(page);
  await runButton(page).click();
  await expect(resultStatus(page)).toHaveText(recordsText(3));
  await expect(dataRows(page)).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(dataRows(page).nth(i).getByRole('gridcell').nth(STATE_COLUMN)).toHaveText('OHIO');
  const run = requests.find((r) => r.startsWith('POST /v2/rest/query'));
  expect(run).toContain('"Parameters":{"state":');
  // The share link carries the values.
  await expect(page).toHaveURL(/[?&]p\.state=OHIO(&|$)/);
  await expect(page).toHaveURL(/[?&]p\.n=3(&|$)/);

  await n.fill('abc');
  await expect(n).toHaveAttribute('aria-invalid', 'true');
  await expect(n).toHaveAccessibleDescription(/"abc" is not a whole number/);
  await expect(runButton(page)).toBeDisabled();
  await page.screenshot({ path: '/tmp/issue5-e2e-parameters.png' });
});

test('an Azure Data Explorer link pasted into "Open link" opens its query in a new tab', async ({ page }) => {
  await signIn(page);
  const text = 'StormEvents\n| where State == "FLORIDA"\n| take 4';
  await page.getByRole(s.share.openLink.role, { name: s.share.openLink.name }).click();
  const dialog = page.getByRole(s.share.dialog.role, { name: s.share.dialog.name });
  await dialog.getByRole(s.share.linkInput.role, { name: s.share.linkInput.name }).fill(adxLink({ cluster: 'localhost:8443', database: 'Samples', query: text }));
  await page.screenshot({ path: '/tmp/issue5-e2e-open-link.png' });
  await dialog.getByRole(s.share.openButton.role, { name: s.share.openButton.name, exact: true }).click();

  await expect(dialog).toHaveCount(0);
  await expect(queryTabs(page)).toHaveCount(2);
  await expectQueryText(page, text);
  await expect(resultStatus(page)).toHaveText(recordsText(4));
});

test('a reload of an opened link neither runs it again nor opens a second tab', async ({ page }) => {
  await signIn(page);
  const requests = clusterRequests(page);
  const text = 'StormEvents | where State == "IOWA" | take 6';
  await page.goto(appLink({ cluster: 'localhost:8443', database: 'Samples', query: text }));
  await expect(resultStatus(page)).toHaveText(recordsText(6));
  await expect(queryTabs(page)).toHaveCount(2);
  // The address bar follows the tab the link opened.
  await expect(page).toHaveURL(/\/clusters\/localhost:8443\/databases\/Samples\?query=/);

  await page.reload();
  await waitForEditor(page);
  await expectQueryText(page, text);
  await expect(queryTabs(page)).toHaveCount(2);
  await expect(linkNotice(page)).toHaveCount(0);
  expect(requests.filter((r) => r.startsWith('POST /v2/rest/query'))).toHaveLength(1);
});

test('a link to an untrusted cluster is refused with the reason, and nothing is sent there', async ({ page }) => {
  await signIn(page);
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).hostname === 'kusto.evil.example') elsewhere.push(request.url());
  });
  await page.goto(appLink({ cluster: 'kusto.evil.example', database: 'Samples', query: 'StormEvents | take 1' }));
  await expect(linkNotice(page)).toContainText('was not opened');
  await expect(queryTabs(page)).toHaveCount(1);
  expect(elsewhere).toEqual([]);
});
