import { expect, test, type Page, type Request } from '@playwright/test';
import { CLUSTER_URL, IDENTITY_URL } from '../dev/stack';
import { recordsText } from '../src/testing/selectors';
import { analyst, expectQueryText, resultStatus, runButton, runQuery, signIn, accountButton, submitLoginForm, waitForEditor } from './support/session';
import { apiContext } from './support/cluster-api';

/** Bearer tokens the page sent to the cluster's query endpoint, in order. */
function recordClusterTokens(page: Page): string[] {
  const tokens: string[] = [];
  page.on('request', (req: Request) => {
    if (req.url().startsWith(`${CLUSTER_URL}/v2/rest/query`) && req.method() === 'POST') {
      const auth = req.headers()['authorization'];
      if (auth) tokens.push(auth);
    }
  });
  return tokens;
}

/** Main-frame navigations to the provider (a login page is one). */
function recordProviderNavigations(page: Page): string[] {
  const visits: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url().startsWith(IDENTITY_URL)) visits.push(frame.url());
  });
  return visits;
}

test.beforeEach(async ({ page }) => {
  // The browser's clock is moved forward instead of waiting for a real token to expire.
  await page.clock.install();
});

test('an expired access token is renewed silently on the next run', async ({ page }) => {
  const tokens = recordClusterTokens(page);
  await signIn(page);
  await runQuery(page, 'StormEvents | take 2');
  await expect(resultStatus(page)).toHaveText(recordsText(2));

  const providerVisits = recordProviderNavigations(page);
  await page.clock.fastForward('02:00:00');
  await runQuery(page, 'StormEvents | take 4');
  await expect(resultStatus(page)).toHaveText(recordsText(4));

  expect(tokens).toHaveLength(2);
  expect(tokens[1]).not.toEqual(tokens[0]);
  expect(providerVisits).toEqual([]);
});

test('when silent renewal is impossible the app sends the user to sign in, then runs', async ({ page }) => {
  await signIn(page);
  const query = 'StormEvents | where State == "KANSAS" | take 3';
  await runQuery(page, query);
  await expect(resultStatus(page)).toHaveText(recordsText(3));

  // The provider forgets every session, grant and refresh token; the browser's token expires.
  const api = await apiContext();
  const revoked = await api.post(`${IDENTITY_URL}/__test__/revoke-all`);
  expect(revoked.ok()).toBe(true);
  await api.dispose();
  await page.clock.fastForward('02:00:00');

  await runButton(page).click();
  await submitLoginForm(page, analyst);
  await expect(accountButton(page)).toBeVisible();
  await expectQueryText(page, query);
  await waitForEditor(page);
  await runButton(page).click();
  await expect(resultStatus(page)).toHaveText(recordsText(3));
});
