import { gunzipSync } from 'node:zlib';
import { expect, test, type Page, type Request } from '@playwright/test';
import { CLUSTER_URL, IDENTITY_URL } from '../dev/stack';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { SLOW_QUERY } from './support/queries';
import {
  accountButton, analyst, cancelButton, errorAlert, expectQueryText, queryEditor, queryTabs, resultStatus, runButton, runQuery, showConnections, signIn, submitLoginForm,
  waitForEditor,
} from './support/session';
import { apiContext } from './support/cluster-api';
import { captureScreens } from './support/screens';

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

/** The query text of each request the page sent to the cluster's query endpoint, in order. */
function recordClusterQueries(page: Page): string[] {
  const texts: string[] = [];
  page.on('request', (req: Request) => {
    if (req.url().startsWith(`${CLUSTER_URL}/v2/rest/query`) && req.method() === 'POST') {
      texts.push(String((req.postDataJSON() as { csl?: unknown }).csl));
    }
  });
  return texts;
}

/** The query a share link in the address bar carries (base64 of gzip, decoded here without the app's code). */
function queryInAddressBar(page: Page): string | null {
  const encoded = new URL(page.url()).searchParams.get('query');
  return encoded === null ? null : gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8');
}

/** The provider's sign-in page answers only after `ms` (its test switch): Entra's often takes a second or more. */
async function slowSignInPage(ms: number): Promise<void> {
  const api = await apiContext();
  const set = await api.post(`${IDENTITY_URL}/__test__/sign-in-page-delay?ms=${ms}`);
  expect(set.status()).toBe(204);
  await api.dispose();
}

/** Main-frame navigations to the provider (a login page is one). */
function recordProviderNavigations(page: Page): string[] {
  const visits: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url().startsWith(IDENTITY_URL)) visits.push(frame.url());
  });
  return visits;
}

/** Bearer tokens the page sent to the cluster, per endpoint and command, in order. */
function clusterTokens(page: Page): { path: string; csl: string; token: string }[] {
  const seen: { path: string; csl: string; token: string }[] = [];
  page.on('request', (request) => {
    const auth = request.headers()['authorization'];
    if (!request.url().startsWith(`${CLUSTER_URL}/`) || request.method() !== 'POST' || !auth) return;
    const csl = (JSON.parse(request.postData() ?? '{}') as { csl?: string }).csl ?? '';
    seen.push({ path: new URL(request.url()).pathname, csl, token: auth });
  });
  return seen;
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

test('a renewal through a slow sign-in page brings back the same tab with the text typed, and runs nothing by itself', async ({ page }) => {
  await signIn(page);
  const older = 'StormEvents | take 2';
  await runQuery(page, older);
  await expect(resultStatus(page)).toHaveText(recordsText(2));
  // The address bar follows the editor after a debounce: it holds the older query now.
  await expect.poll(() => queryInAddressBar(page)).toBe(older);

  const api = await apiContext();
  expect((await api.post(`${IDENTITY_URL}/__test__/revoke-all`)).ok()).toBe(true);
  await api.dispose();
  await page.clock.fastForward('02:00:00');
  await slowSignInPage(1500);
  try {
    const sent = recordClusterQueries(page);
    const leaving = page.waitForRequest((req) => req.isNavigationRequest() && req.url().startsWith(`${IDENTITY_URL}/`) && req.url().includes('/auth?'));
    // A query typed and run at once, and typing still going on while the sign-in page loads (the
    // page stays until the provider answers): the address bar lags behind the text throughout.
    const typed = 'StormEvents\n| where State == "TEXAS"\n| count';
    const typedOn = '\n| extend Checked = true';
    await queryEditor(page).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(typed);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Enter');
    await leaving;
    await page.keyboard.insertText(typedOn);

    await submitLoginForm(page, analyst);
    await expect(accountButton(page)).toBeVisible();
    // The same single tab, with all the text typed; the address bar catches up with it.
    await expect(queryTabs(page)).toHaveCount(1);
    await expectQueryText(page, typed + typedOn);
    await expect.poll(() => queryInAddressBar(page)).toBe(typed + typedOn);
    await waitForEditor(page);
    await expectQueryText(page, typed + typedOn);

    // Nothing ran on its own, before or after the sign-in; Run runs the text, once.
    await runButton(page).click();
    await expect(resultStatus(page)).toHaveText(recordsText(1));
    expect(sent).toEqual([typed + typedOn]);
  } finally {
    await slowSignInPage(0);
  }
});

test('after the token expired, a query, a schema refresh and a .cancel all renew silently and succeed', async ({ page }, testInfo) => {
  const tokens = clusterTokens(page);
  await page.setViewportSize({ width: 1400, height: 820 });
  await signIn(page);
  await runQuery(page, 'StormEvents | take 2');
  await expect(resultStatus(page)).toHaveText(recordsText(2));
  const first = tokens.at(-1)!.token;
  const visits = recordProviderNavigations(page);

  // A query.
  await page.clock.fastForward('02:00:00');
  await runQuery(page, 'StormEvents | take 3');
  await expect(resultStatus(page)).toHaveText(recordsText(3));
  const query = tokens.filter((t) => t.path === '/v2/rest/query').at(-1)!;
  expect(query.token).not.toBe(first);

  // A schema refresh from the connection pane.
  await page.clock.fastForward('02:00:00');
  const pane = page.getByRole(s.connections.pane.role, { name: s.connections.pane.name });
  const databasesAnswered = page.waitForResponse((r) => r.url() === `${CLUSTER_URL}/v1/rest/mgmt` && (r.request().postData() ?? '').includes('.show databases"'));
  await pane.getByRole(s.connections.refresh.role, { name: s.connections.refresh.name }).click();
  expect((await databasesAnswered).status()).toBe(200);
  await expect(pane.getByRole(s.connections.database('Samples').role, { name: 'Samples', exact: true })).toBeVisible();
  const refresh = tokens.filter((t) => t.csl === '.show databases').at(-1)!;
  expect(refresh.token).not.toBe(query.token);

  // The connection pane with its Refresh button, at two widths, in both themes (below 1000 px the
  // pane folds behind its toggle, opened here for the picture).
  await captureScreens(page, testInfo, 'connections', async () => {
    await showConnections(page);
    await expect(pane.getByRole(s.connections.refresh.role, { name: s.connections.refresh.name })).toBeVisible();
  });

  // A .cancel of a running query.
  await runQuery(page, SLOW_QUERY);
  await expect(resultStatus(page)).toHaveText('Running…');
  // Only the time of day moves (no timer fires): the running query's own deadline stays ahead.
  const now = await page.evaluate(() => Date.now());
  await page.clock.setSystemTime(now + 2 * 3_600_000);
  await cancelButton(page).click();
  await expect(errorAlert(page)).toContainText('the cluster confirmed it stopped the query');
  const cancel = tokens.filter((t) => t.csl.startsWith('.cancel query')).at(-1)!;
  expect(cancel.token).not.toBe(refresh.token);

  expect(visits).toEqual([]);
});
