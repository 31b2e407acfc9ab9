import { expect, test, type Page } from '@playwright/test';
import { CLUSTER_URL } from '../dev/stack';
import { recordsText, selectors as s } from '../src/testing/selectors';
import {
  cancelButton, errorAlert, expectQueryText, queryEditor, queryTabs, resultGrid, resultStatus, runButton, setQueryText, signIn,
} from './support/session';
import { SLOW_QUERY } from './support/queries';

const TABLE = 'KqlwE2e';

function sentText(body: string | null): string | null {
  try {
    return (JSON.parse(body ?? '') as { csl?: string }).csl ?? null;
  } catch {
    return null;
  }
}

/** Runs the editor's text (one statement) with Shift+Enter and waits for the run to settle. */
async function runInEditor(page: Page, text: string): Promise<void> {
  await setQueryText(page, text);
  const answered = page.waitForResponse(
    (r) => (r.url() === `${CLUSTER_URL}/v1/rest/mgmt` || r.url() === `${CLUSTER_URL}/v2/rest/query`) && sentText(r.request().postData()) === text,
  );
  await queryEditor(page).press('Shift+Enter');
  await answered;
  await expect(runButton(page)).toBeEnabled();
}

const cells = (page: Page) => resultGrid(page).getByRole(s.results.cell.role);

test('a dot-command typed in the editor goes to /v1/rest/mgmt and shows its table; its errors show like a query\'s', async ({ page }) => {
  await signIn(page);
  const mgmt = page.waitForRequest((r) => r.url() === `${CLUSTER_URL}/v1/rest/mgmt` && (r.postData() ?? '').includes('.show tables'));
  // No leading comment: the local cluster's command parser does not skip one yet (the routing with
  // comments is unit-tested in src/kusto/client/kusto-client.test.ts).
  await runInEditor(page, '.show tables');
  const request = await mgmt;
  expect(request.headers()['x-ms-client-request-id']).toMatch(/^KQLW\.Mgmt;[0-9a-f-]{36}$/);
  await expect(resultGrid(page).getByRole(s.results.columnHeader.role).first()).toHaveText('TableName');
  await expect(cells(page).filter({ hasText: /^StormEvents$/ })).toHaveCount(1);

  await runInEditor(page, '.show databases');
  await expect(cells(page).filter({ hasText: /^Samples$/ }).first()).toBeVisible();

  await runInEditor(page, '.drop table NoSuchTableHere');
  await expect(errorAlert(page)).toContainText('NoSuchTableHere');
  // The previous result stays on screen, as with a failed query.
  await expect(cells(page).filter({ hasText: /^Samples$/ }).first()).toBeVisible();
});

test('create a table, ingest a row inline, count it, drop it — all from the editor', async ({ page }) => {
  await signIn(page);
  await runInEditor(page, `.drop table ${TABLE} ifexists`);
  try {
    await runInEditor(page, `.create table ${TABLE} (a:string, b:long)`);
    await expect(errorAlert(page)).toHaveCount(0);
    await expect(cells(page).filter({ hasText: new RegExp(`^${TABLE}$`) }).first()).toBeVisible();

    await runInEditor(page, `.ingest inline into table ${TABLE} <| x,1`);
    await expect(errorAlert(page)).toHaveCount(0);
    await expect(resultGrid(page).getByRole(s.results.columnHeader.role).filter({ hasText: 'RowCount' })).toHaveCount(1);

    await runInEditor(page, `${TABLE} | count`);
    await expect(resultStatus(page)).toHaveText(recordsText(1));
    await expect(cells(page)).toHaveText(['1']);

    await runInEditor(page, `${TABLE} | project a, b`);
    await expect(cells(page)).toHaveText(['x', '1']);
  } finally {
    await runInEditor(page, `.drop table ${TABLE} ifexists`);
  }
  await expect(cells(page).filter({ hasText: new RegExp(`^${TABLE}$`) })).toHaveCount(0);
  await expect(cells(page).filter({ hasText: /^StormEvents$/ })).toHaveCount(1);
});

test('Esc in the editor cancels a slow query, and the cluster confirms it stopped', async ({ page }) => {
  await signIn(page);
  await setQueryText(page, SLOW_QUERY);
  const cancelResponse = page.waitForResponse(
    (r) => r.url() === `${CLUSTER_URL}/v1/rest/mgmt` && (r.request().postData() ?? '').includes('.cancel query'),
  );
  await queryEditor(page).press('Shift+Enter');
  await expect(resultStatus(page)).toHaveText('Running…');
  await expect(cancelButton(page)).toBeEnabled();
  await queryEditor(page).press('Escape');
  await expect(errorAlert(page)).toContainText('Cancelled.');
  const body = (await (await cancelResponse).json()) as { Tables: { Columns: { ColumnName: string }[]; Rows: unknown[][] }[] };
  const table = body.Tables[0]!;
  expect(table.Rows[0]?.[table.Columns.findIndex((c) => c.ColumnName === 'RunningQueryCanceled')]).toBe(true);
  await expect(errorAlert(page)).toContainText('the cluster confirmed it stopped the query');
  await expect(runButton(page)).toBeEnabled();
  // Esc with nothing running changes nothing.
  await queryEditor(page).press('Escape');
  await expect(errorAlert(page)).toContainText('the cluster confirmed it stopped the query');
});

test('Ctrl+J opens a tab, Ctrl+Alt+[ / ] switch, Ctrl+Shift+Alt+T reopens a closed tab with its text', async ({ page }) => {
  await signIn(page);
  await expect(queryTabs(page)).toHaveCount(1);
  await setQueryText(page, 'print first = 1');

  await queryEditor(page).press('Control+J');
  await expect(queryTabs(page)).toHaveCount(2);
  await expect(queryTabs(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await setQueryText(page, 'print reopened = 2');

  await queryEditor(page).press('Control+Alt+BracketLeft');
  await expect(queryTabs(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await expectQueryText(page, 'print first = 1');
  await queryEditor(page).press('Control+Alt+BracketRight');
  await expect(queryTabs(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expectQueryText(page, 'print reopened = 2');

  // Delete on the focused tab closes it (the tabs pattern's keyboard path).
  await queryTabs(page).nth(1).focus();
  await page.keyboard.press('Delete');
  await expect(queryTabs(page)).toHaveCount(1);
  await expectQueryText(page, 'print first = 1');

  await page.keyboard.press('Control+Shift+Alt+KeyT');
  await expect(queryTabs(page)).toHaveCount(2);
  await expect(queryTabs(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expectQueryText(page, 'print reopened = 2');
});

test('the Keyboard shortcuts help lists the shortcuts and closes with Esc', async ({ page }) => {
  await signIn(page);
  await page.getByRole(s.shortcuts.help.role, { name: s.shortcuts.help.name }).click();
  const dialog = page.getByRole(s.shortcuts.dialog.role, { name: s.shortcuts.dialog.name });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Ctrl+Shift+Alt+T');
  await expect(dialog).toContainText('Cancel the running query');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
