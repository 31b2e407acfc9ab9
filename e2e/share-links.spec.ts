import { expect, test, type Page } from '@playwright/test';
import { APP_URL } from '../dev/stack';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { clusterCount } from './support/cluster-api';
import { adxLink, appLink } from './support/links';
import { clusterRequests } from './support/observe';
import {
  analyst, expectQueryText, queryTabs, resultStatus, runButton, setQueryText, signIn, signInButton, accountButton,
  submitLoginForm, waitForEditor,
} from './support/session';

const viewport = { width: 1400, height: 900 };
test.use({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });

const linkNotice = (page: Page) => page.getByRole(s.share.linkNotice.role, { name: s.share.linkNotice.name });

test('a copied link, opened signed out in a fresh browser, leads through sign-in to the same query and its result', async ({ page, browser }, testInfo) => {
  await signIn(page);
  const query = 'StormEvents\n| where State == "KANSAS"\n| summarize count() by EventType';
  await setQueryText(page, query);
  await page.getByRole(s.share.menu.role, { name: s.share.menu.name, exact: true }).click();
  await expect(page.getByRole(s.share.openInAdx.role, { name: s.share.openInAdx.name })).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('share-menu.png') });
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
    await expect(accountButton(other)).toBeVisible();
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

test('an Azure Data Explorer link pasted into "Open link" opens its query in a new tab', async ({ page }, testInfo) => {
  await signIn(page);
  const text = 'StormEvents\n| where State == "FLORIDA"\n| take 4';
  await page.getByRole(s.share.openLink.role, { name: s.share.openLink.name }).click();
  const dialog = page.getByRole(s.share.dialog.role, { name: s.share.dialog.name });
  await dialog.getByRole(s.share.linkInput.role, { name: s.share.linkInput.name }).fill(adxLink({ cluster: 'localhost:8443', database: 'Samples', query: text }));
  await page.screenshot({ path: testInfo.outputPath('open-link.png') });
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
