import { expect, test, type Page, type Request } from '@playwright/test';
import { CLUSTER_URL, IDENTITY_URL } from '../dev/stack';
import { recordsText, selectors as s } from '../src/testing/selectors';
import {
  cancelButton, connectionPane, errorAlert, expectQueryText, queryContext, queryEditor, queryTabs, resultGrid, resultStatus,
  runButton, runQuery, setQueryText, signIn, waitForEditor,
} from './support/session';
import { SLOW_QUERY } from './support/queries';

/** Every request the page sends that carries a bearer token, by URL. */
function recordAuthorizedRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (req: Request) => {
    if (req.headers()['authorization']) urls.push(req.url());
  });
  return urls;
}

test('schema IntelliSense offers StormEvents columns after `where`', async ({ page }) => {
  await signIn(page);
  await waitForEditor(page);
  await expect(page.locator('[data-schema-state="loaded"]')).toBeVisible();
  await setQueryText(page, 'StormEvents | where ');
  // Typed, not inserted: IntelliSense follows keystrokes.
  await page.keyboard.type('Sta');
  await expect(page.getByRole('option', { name: 'State', exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: 'StartTime', exact: true })).toBeVisible();
});

test('Shift+Enter runs only the statement under the cursor', async ({ page }) => {
  await signIn(page);
  await setQueryText(page, 'print one = 1\n\nprint two = 2, three = 3');
  // The caret is at the end: the second statement.
  await queryEditor(page).press('Shift+Enter');
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  await expect(resultGrid(page).getByRole('columnheader')).toHaveText(['two', 'three']);

  await queryEditor(page).focus();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('Shift+Enter');
  await expect(resultGrid(page).getByRole('columnheader')).toHaveText(['one']);
  await expect(resultGrid(page).getByRole('gridcell')).toHaveText(['1']);
});

test("the service's error position is marked in the editor, in document coordinates", async ({ page }) => {
  await signIn(page);
  await setQueryText(page, 'print one = 1\n\nStormEvents\n| where NoSuchColumn == 1');
  await queryEditor(page).press('Shift+Enter');
  // The cluster reports line 2 of the statement; the statement starts on line 3 of the document.
  await expect(errorAlert(page)).toContainText('NoSuchColumn');
  await expect(page.locator('.monaco-editor .kql-service-error')).toHaveText('NoSuchColumn');
  const markedLine = page.locator('.monaco-editor .view-line').filter({ has: page.locator('.kql-service-error') });
  await expect(markedLine).toHaveText('| where NoSuchColumn == 1');
});

test('Cancel stops a slow query on the cluster and keeps the previous results', async ({ page }) => {
  await signIn(page);
  await runQuery(page, 'print kept = 42');
  await expect(resultStatus(page)).toHaveText(recordsText(1));

  const cancelResponse = page.waitForResponse(
    (r) => r.url() === `${CLUSTER_URL}/v1/rest/mgmt` && (r.request().postData() ?? '').includes('.cancel query'),
  );
  const started = page.waitForRequest((r) => r.url() === `${CLUSTER_URL}/v2/rest/query`);
  await runQuery(page, SLOW_QUERY);
  const queryRequest = await started;
  await expect(resultStatus(page)).toHaveText('Running…');
  await expect(cancelButton(page)).toBeEnabled();
  await cancelButton(page).click();

  await expect(errorAlert(page)).toContainText('Cancelled.');
  const response = await cancelResponse;
  const body = (await response.json()) as { Tables: { Columns: { ColumnName: string }[]; Rows: unknown[][] }[] };
  const table = body.Tables[0]!;
  const col = (name: string) => table.Columns.findIndex((c) => c.ColumnName === name);
  // The server found the query by the client request id the app sent, and stopped it.
  expect(table.Rows[0]?.[col('ClientRequestId')]).toBe(queryRequest.headers()['x-ms-client-request-id']);
  expect(table.Rows[0]?.[col('RunningQueryCanceled')]).toBe(true);
  await expect(errorAlert(page)).toContainText('the cluster confirmed it stopped the query');
  // The earlier result is still on screen.
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  await expect(resultGrid(page).getByRole('gridcell')).toHaveText(['42']);
  await expect(runButton(page)).toBeEnabled();
});

test('Ctrl+Shift+Enter cancels from the editor', async ({ page }) => {
  await signIn(page);
  await setQueryText(page, SLOW_QUERY);
  await queryEditor(page).press('Shift+Enter');
  await expect(resultStatus(page)).toHaveText('Running…');
  await queryEditor(page).press('Control+Shift+Enter');
  await expect(errorAlert(page)).toContainText('Cancelled.');
  await expect(runButton(page)).toBeEnabled();
});

test('an untrusted cluster is refused before any request, and tokens go only to the local hosts', async ({ page }) => {
  const authorized = recordAuthorizedRequests(page);
  const evilRequests: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('evil.example.com')) evilRequests.push(req.url());
  });
  await signIn(page);
  await runQuery(page, 'print ok = 1');
  await expect(resultStatus(page)).toHaveText(recordsText(1));

  const pane = connectionPane(page);
  await pane.getByRole(s.connections.clusterInput.role, { name: s.connections.clusterInput.name }).fill('https://evil.example.com');
  await pane.getByRole(s.connections.addCluster.role, { name: s.connections.addCluster.name }).click();
  await expect(pane.getByRole('alert')).toContainText("Can't communicate with 'evil.example.com'");
  await expect(pane.getByRole(s.connections.clusters.role, { name: s.connections.clusters.name })).not.toContainText('evil.example.com');

  // A name that expands to a real Kusto host is trusted; nothing here should reach it either way.
  expect(evilRequests).toEqual([]);
  expect(authorized.length).toBeGreaterThan(0);
  for (const url of authorized) expect(url.startsWith(`${CLUSTER_URL}/`) || url.startsWith(`${IDENTITY_URL}/`)).toBe(true);
});

test('a reload keeps the tabs, their names and their text', async ({ page }) => {
  await signIn(page);
  await setQueryText(page, 'StormEvents | take 3');
  await queryTabs(page).first().dblclick();
  const rename = page.getByRole(s.tabs.rename.role, { name: s.tabs.rename.name });
  await rename.fill('Storms');
  await rename.press('Enter');
  await page.getByRole(s.tabs.newTab.role, { name: s.tabs.newTab.name }).click();
  await expect(queryTabs(page)).toHaveCount(2);
  await setQueryText(page, 'print second = 2');

  await page.reload();
  await waitForEditor(page);
  await expect(queryTabs(page)).toHaveCount(2);
  await expect(queryTabs(page).first()).toHaveText('Storms');
  await expect(queryTabs(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expectQueryText(page, 'print second = 2');
  await queryTabs(page).first().click();
  await expectQueryText(page, 'StormEvents | take 3');
  await expect(queryContext(page)).toHaveText(`${CLUSTER_URL} · Samples`);

  await page.getByTitle(s.tabs.closeTab('Storms').title).click();
  await expect(queryTabs(page)).toHaveCount(1);
  await expectQueryText(page, 'print second = 2');
});

test('adding the local cluster by URL lists its databases and StormEvents columns; double-click inserts a name', async ({ page }) => {
  await signIn(page);
  await setQueryText(page, 'StormEvents | project ');
  const pane = connectionPane(page);
  const cluster = pane.getByRole(s.connections.cluster(CLUSTER_URL).role, { name: s.connections.cluster(CLUSTER_URL).name, exact: true });
  await pane.getByTitle(s.connections.removeCluster(CLUSTER_URL).title).click();
  await expect(cluster).toHaveCount(0);

  await pane.getByRole(s.connections.clusterInput.role, { name: s.connections.clusterInput.name }).fill(`${CLUSTER_URL}/`);
  await pane.getByRole(s.connections.addCluster.role, { name: s.connections.addCluster.name }).click();
  await expect(cluster).toHaveAttribute('aria-level', '1');
  const samples = pane.getByRole(s.connections.database('Samples').role, { name: 'Samples', exact: true });
  await expect(samples).toHaveAttribute('aria-level', '2');
  await expect(pane.getByRole(s.connections.database('ContosoSales').role, { name: 'ContosoSales', exact: true })).toBeVisible();

  const stormEvents = pane.getByRole(s.connections.table('StormEvents').role, { name: 'StormEvents', exact: true });
  await stormEvents.locator('.tree-row').click();
  await expect(stormEvents).toHaveAttribute('aria-expanded', 'true');
  // The tree is flat in the DOM; a column is an item at level 5.
  await expect(pane.locator('[role="treeitem"][aria-level="5"]')).toHaveCount(22);
  await expect(pane.getByRole(s.connections.column('StartTime', 'datetime').role, { name: s.connections.column('StartTime', 'datetime').name, exact: true })).toHaveCount(1);
  const state = pane.getByRole(s.connections.column('State', 'string').role, { name: s.connections.column('State', 'string').name, exact: true });
  await expect(state).toHaveCount(1);

  await queryEditor(page).focus();
  await page.keyboard.press('ControlOrMeta+End');
  await state.locator('.tree-row').dblclick();
  await expectQueryText(page, 'StormEvents | project State');

  // The tree survives a reload.
  await page.reload();
  await expect(pane.getByRole(s.connections.cluster(CLUSTER_URL).role, { name: s.connections.cluster(CLUSTER_URL).name, exact: true })).toBeVisible();
});

test('the theme toggle switches editor and page, and is remembered', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await signIn(page);
  await runQuery(page, 'StormEvents\n| summarize Events = count(), Deaths = sum(DeathsDirect) by State\n| top 12 by Events');
  await expect(resultStatus(page)).toHaveText(recordsText(12));
  await page.getByRole(s.connections.table('StormEvents').role, { name: 'StormEvents', exact: true }).locator('.tree-row').click();
  await page.screenshot({ path: testInfo.outputPath('workspace-light.png') });

  await page.getByRole(s.theme.toDark.role, { name: s.theme.toDark.name }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('.monaco-editor.vs-dark')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('workspace-dark.png') });

  await page.reload();
  await expect(page.getByRole(s.theme.toLight.role, { name: s.theme.toLight.name })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
