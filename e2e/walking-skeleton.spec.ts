import { expect, test } from '@playwright/test';
import { analyst, runQuery, signIn, submitLoginForm } from './support/session';
import { clusterCount } from './support/cluster-api';

const stormEventsColumns = [
  'StartTime', 'EndTime', 'EpisodeId', 'EventId', 'State', 'EventType', 'InjuriesDirect',
  'InjuriesIndirect', 'DeathsDirect', 'DeathsIndirect', 'DamageProperty', 'DamageCrops', 'Source',
  'BeginLocation', 'EndLocation', 'BeginLat', 'BeginLon', 'EndLat', 'EndLon', 'EpisodeNarrative',
  'EventNarrative', 'StormSummary',
];

test('a wrong password is refused, the right one signs in', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await submitLoginForm(page, analyst, 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText(/incorrect email or password/i);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

  await submitLoginForm(page, analyst);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByText(analyst.name)).toBeVisible();
});

test('StormEvents | count shows the number of rows the cluster holds', async ({ page }) => {
  const expected = await clusterCount('StormEvents');
  expect(expected).toBeGreaterThan(50_000);

  await signIn(page);
  await runQuery(page, 'StormEvents | count');

  const grid = page.getByRole('grid');
  await expect(grid.getByRole('columnheader')).toHaveText(['Count']);
  await expect(grid.getByRole('gridcell')).toHaveText([String(expected)]);
  await expect(page.getByRole('status')).toContainText('1 record');
});

test('a filtered take shows five Texas rows with every StormEvents column', async ({ page }) => {
  await signIn(page);
  await runQuery(page, 'StormEvents | where State == "TEXAS" | take 5');

  const grid = page.getByRole('grid');
  await expect(page.getByRole('status')).toContainText('5 records');
  await expect(grid.getByRole('columnheader')).toHaveText(stormEventsColumns);
  const stateColumn = stormEventsColumns.indexOf('State');
  const rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(rows).toHaveCount(5);
  for (let i = 0; i < 5; i++) {
    await expect(rows.nth(i).getByRole('gridcell').nth(stateColumn)).toHaveText('TEXAS');
  }
});

test('Shift+Enter in the editor runs the query', async ({ page }) => {
  await signIn(page);
  const editor = page.getByRole('textbox', { name: 'Query' });
  await editor.fill('StormEvents | where State == "OHIO" | count');
  await editor.press('Shift+Enter');
  await expect(page.getByRole('status')).toContainText('1 record');
  const expected = await clusterCount('StormEvents | where State == "OHIO"');
  await expect(page.getByRole('grid').getByRole('gridcell')).toHaveText([String(expected)]);
});

test("a syntax error shows Kusto's message with its position and keeps the text", async ({ page }) => {
  await signIn(page);
  await runQuery(page, 'StormEvents | take 3');
  await expect(page.getByRole('status')).toContainText('3 records');

  const broken = 'StormEvents\n| where State == ';
  await runQuery(page, broken);
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/line:position=2:\d+|line 2/i);
  await expect(page.getByRole('textbox', { name: 'Query' })).toHaveValue(broken);
  // The earlier result stays on screen beside the error, not blanked.
  await expect(page.getByRole('grid').getByRole('row').filter({ has: page.getByRole('gridcell') })).toHaveCount(3);
});

test('the query text survives a reload', async ({ page }) => {
  await signIn(page);
  const text = 'StormEvents\n| summarize count() by State\n| sort by count_ desc';
  await page.getByRole('textbox', { name: 'Query' }).fill(text);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Query' })).toHaveValue(text);
});

test('sign out ends on the signed-out screen', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveURL(/^https:\/\/localhost:5173\//);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
});
