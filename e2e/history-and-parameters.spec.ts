import { expect, test, type Page } from '@playwright/test';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { clusterRequests } from './support/observe';
import { dataRows, expectQueryText, queryTabs, resultStatus, runButton, runQuery, setQueryText, signIn } from './support/session';

test.use({ viewport: { width: 1400, height: 900 } });

const parametersForm = (page: Page) => page.getByRole(s.parameters.form.role, { name: s.parameters.form.name });
const historyPanel = (page: Page) => page.getByRole(s.history.panel.role, { name: s.history.panel.name });
const STATE_COLUMN = 4;

test('history lists past runs and reopens one in a new tab', async ({ page }, testInfo) => {
  await signIn(page);
  await runQuery(page, 'StormEvents | take 2');
  await expect(resultStatus(page)).toHaveText(recordsText(2));
  await runQuery(page, 'print answer = 42');
  await expect(resultStatus(page)).toHaveText(recordsText(1));

  await page.getByRole(s.history.toggle.role, { name: s.history.toggle.name, exact: true }).click();
  const entry = historyPanel(page).getByRole('listitem', { name: 'StormEvents | take 2' });
  await expect(entry).toContainText('2 records');
  await expect(historyPanel(page).getByRole('listitem')).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath('history.png') });

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

test('a parameterised query runs with the values from the form; a bad value is refused at the input', async ({ page }, testInfo) => {
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
  await page.screenshot({ path: testInfo.outputPath('parameters.png') });
});
