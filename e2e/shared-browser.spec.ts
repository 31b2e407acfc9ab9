/**
 * Two people, one browser profile (a shared or kiosk machine): what one signed-in account keeps in
 * the browser — tabs, history, kept results — is never shown to the other, and signing out removes
 * the account's kept results (and its drafts, unless the user chooses to keep them).
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_USERS } from '../dev/stack';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { clusterRequests } from './support/observe';
import { expectQueryText, queryTabs, resultStatus, runQuery, setQueryText, signIn, signOut, openSignOut, signOutDialog } from './support/session';

test.use({ viewport: { width: 1400, height: 900 } });

const [analyst, viewer] = [DEMO_USERS[0]!, DEMO_USERS[1]!];
const historyPanel = (page: Page) => page.getByRole(s.history.panel.role, { name: s.history.panel.name });
const recallStatus = (page: Page) => page.getByRole(s.history.recallStatus.role, { name: s.history.recallStatus.name });

/** A query only this test's first user has run. */
function privateQuery(testTitle: string): string {
  return `print owner = "${analyst.email}", secret = "${testTitle.length}-${Date.now()}"`;
}

async function openHistory(page: Page): Promise<void> {
  await page.getByRole(s.history.toggle.role, { name: s.history.toggle.name, exact: true }).click();
  await expect(historyPanel(page)).toBeVisible();
}

/** Everything the app can see of the browser's storage: local storage keys and IndexedDB databases. */
async function storedNames(page: Page): Promise<{ local: string[]; databases: string[] }> {
  return page.evaluate(async () => ({
    local: Object.keys(localStorage).sort(),
    databases: (await indexedDB.databases()).map((d) => d.name ?? '').sort(),
  }));
}

/** The second user sees nothing of the first: no tab, no history entry, no kept result for F8. */
async function expectNothingOf(page: Page, query: string): Promise<void> {
  await expect(queryTabs(page)).toHaveCount(1);
  await expect(page.locator('[data-query-text]')).not.toHaveAttribute('data-query-text', query);
  await openHistory(page);
  await expect(historyPanel(page)).not.toContainText(analyst.email);
  await setQueryText(page, query);
  const requests = clusterRequests(page);
  await page.keyboard.press('F8');
  await expect(recallStatus(page)).toContainText('No kept result');
  expect(requests).toEqual([]);
}

test('a second user in the same browser profile sees none of the first user’s tabs, history or results', async ({ page, context }, testInfo) => {
  const query = privateQuery(testInfo.title);
  await signIn(page, analyst);
  await runQuery(page, query);
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  // Her run is in her history before the tab goes (a tab closed while the write is still in flight
  // loses it, as any IndexedDB write does); the check at the end then shows it was kept, not lost.
  await openHistory(page);
  await expect(historyPanel(page)).toContainText(analyst.email);

  // The kiosk's tab is closed without signing out, and the provider's session ends (its cookie goes);
  // local storage and IndexedDB stay, as they do in a real browser profile.
  await page.close();
  await context.clearCookies();
  const next = await context.newPage();
  await signIn(next, viewer);
  await expectNothingOf(next, query);
  await next.screenshot({ path: testInfo.outputPath('second-user.png') });

  // The first user, back later, finds her own work where she left it.
  await next.close();
  await context.clearCookies();
  const back = await context.newPage();
  await signIn(back, analyst);
  await expectQueryText(back, query);
  await back.keyboard.press('Escape');
  await openHistory(back);
  await expect(historyPanel(back)).toContainText(analyst.email);
});

test('signing out removes the account’s kept results, and its drafts unless the user keeps them', async ({ page }, testInfo) => {
  const query = privateQuery(testInfo.title);
  await signIn(page, analyst);
  await runQuery(page, query);
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  const whileSignedIn = await storedNames(page);

  // First sign-out keeps the drafts: the tab comes back, the result does not. Keeping nothing is the default.
  await openSignOut(page);
  await expect(signOutDialog(page).getByRole(s.signOut.keepDrafts.role, { name: s.signOut.keepDrafts.name })).not.toBeChecked();
  await page.screenshot({ path: testInfo.outputPath('sign-out-dialog-1400-light.png') });
  await signOutDialog(page).getByRole(s.signOut.cancel.role, { name: s.signOut.cancel.name }).click();
  await expect(signOutDialog(page)).toHaveCount(0);
  await page.getByRole(s.theme.toDark.role, { name: s.theme.toDark.name }).click();
  await page.setViewportSize({ width: 800, height: 700 });
  await openSignOut(page);
  await expect(signOutDialog(page)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('sign-out-dialog-800-dark.png') });
  await page.keyboard.press('Escape');
  await expect(signOutDialog(page)).toHaveCount(0);
  // Back to the wide layout first: below 1100 px the theme button lives in the "More actions" menu.
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByRole(s.theme.toLight.role, { name: s.theme.toLight.name }).click();
  await signOut(page, { keepDrafts: true });

  await signIn(page, analyst);
  await expectQueryText(page, query);
  const requests = clusterRequests(page);
  await page.keyboard.press('F8');
  await expect(recallStatus(page)).toContainText('No kept result');
  expect(requests).toEqual([]);

  // Second sign-out keeps nothing: the account leaves no stored item behind.
  await signOut(page);
  const afterSignOut = await storedNames(page);
  // The app's own items other than the theme (MSAL's are not ours to judge here).
  const appItems = (names: { local: string[]; databases: string[] }) => [
    ...names.local.filter((key) => key.startsWith('kqlw.') && key !== 'kqlw.theme'),
    ...names.databases,
  ];
  expect(appItems(whileSignedIn).length).toBeGreaterThan(0);
  expect(appItems(afterSignOut)).toEqual([]);

  await signIn(page, viewer);
  await expectNothingOf(page, query);
});
