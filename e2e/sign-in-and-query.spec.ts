import { expect, test } from '@playwright/test';
import { recordsText } from '../src/testing/selectors';
import {
  analyst, dataRows, errorAlert, expectQueryText, queryEditor, resultGrid, resultStatus, runQuery, setQueryText, signIn,
  signInButton, signOut, accountButton, submitLoginForm, waitForEditor,
} from './support/session';
import { clusterCount } from './support/cluster-api';

const stormEventsColumns = [
  'StartTime', 'EndTime', 'EpisodeId', 'EventId', 'State', 'EventType', 'InjuriesDirect',
  'InjuriesIndirect', 'DeathsDirect', 'DeathsIndirect', 'DamageProperty', 'DamageCrops', 'Source',
  'BeginLocation', 'EndLocation', 'BeginLat', 'BeginLon', 'EndLat', 'EndLon', 'EpisodeNarrative',
  'EventNarrative', 'StormSummary',
];

test('a wrong password is refused, the right one signs in', async ({ page }) => {
  await page.goto('/');
  await signInButton(page).click();
  await submitLoginForm(page, analyst, 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText(/incorrect email or password/i);
  await expect(accountButton(page)).toHaveCount(0);

  await submitLoginForm(page, analyst);
  await expect(accountButton(page)).toBeVisible();
  await expect(accountButton(page)).toHaveAccessibleName(`Account: ${analyst.name}`);
});

test('StormEvents | count shows the number of rows the cluster holds', async ({ page }) => {
  const expected = await clusterCount('StormEvents');
  expect(expected).toBeGreaterThan(50_000);

  await signIn(page);
  await runQuery(page, 'StormEvents | count');

  await expect(resultStatus(page)).toHaveText(recordsText(1));
  await expect(resultGrid(page).getByRole('columnheader')).toHaveText(['Count']);
  await expect(resultGrid(page).getByRole('gridcell')).toHaveText([String(expected)]);
});

test('a filtered take shows five Texas rows with every StormEvents column', async ({ page }) => {
  await signIn(page);
  await runQuery(page, 'StormEvents | where State == "TEXAS" | take 5');

  await expect(resultStatus(page)).toHaveText(recordsText(5));
  await expect(resultGrid(page).getByRole('columnheader')).toHaveText(stormEventsColumns);
  const stateColumn = stormEventsColumns.indexOf('State');
  await expect(dataRows(page)).toHaveCount(5);
  for (let i = 0; i < 5; i++) {
    await expect(dataRows(page).nth(i).getByRole('gridcell').nth(stateColumn)).toHaveText('TEXAS');
  }
});

test('Shift+Enter in the editor runs the query', async ({ page }) => {
  const expected = await clusterCount('StormEvents | where State == "OHIO"');
  await signIn(page);
  await setQueryText(page, 'StormEvents | where State == "OHIO" | count');
  await queryEditor(page).press('Shift+Enter');
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  await expect(resultGrid(page).getByRole('gridcell')).toHaveText([String(expected)]);
});

test("a syntax error shows Kusto's message with its position and keeps the text", async ({ page }) => {
  await signIn(page);
  await runQuery(page, 'StormEvents | take 3');
  await expect(resultStatus(page)).toHaveText(recordsText(3));

  const broken = 'StormEvents\n| where State == ';
  await runQuery(page, broken);
  await expect(errorAlert(page)).toContainText(/line 2, column \d+/);
  await expectQueryText(page, broken);
  // The earlier result stays on screen beside the error, not blanked.
  await expect(dataRows(page)).toHaveCount(3);
});

test('the query text survives a reload', async ({ page }) => {
  await signIn(page);
  const text = 'StormEvents\n| summarize count() by State\n| sort by count_ desc';
  await setQueryText(page, text);
  await page.reload();
  await expectQueryText(page, text);
  await waitForEditor(page);
  await expectQueryText(page, text);
});

test('sign out ends on the signed-out screen', async ({ page }) => {
  await signIn(page);
  await signOut(page);
  await expect(page).toHaveURL(/^https:\/\/localhost:5173\//);
  await expect(accountButton(page)).toHaveCount(0);
});
