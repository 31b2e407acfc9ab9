/**
 * Sign-in for real organisations, on the local stack's tenants (dev/stack.ts): a B2B guest
 * querying the partner tenant's cluster with the same account, several accounts in one tab, a
 * claims challenge answered with one redirect, and the sign-in errors an analyst can act on. The
 * screens are captured at 800 and 1400 px in both themes.
 */
import { captureScreens } from './support/screens';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  IDENTITY_URL,
  OTHER_CLOUD_CLUSTER_URL,
  PARTNER_CLUSTER_URL,
  PARTNER_DATABASE,
  PARTNER_TENANT,
  SPA_CLIENT_ID,
  UNCONSENTED_TENANT,
  demoUser,
  tenantAuthority,
} from '../dev/stack';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { clusterCount } from './support/cluster-api';
import { appLink } from './support/links';
import { clusterRequests } from './support/observe';
import {
  accountButton, accountMenu, analyst, connectionPane, expectQueryText, resultGrid, resultStatus, runQuery, showConnections, signIn, signInButton, submitLoginForm,
} from './support/session';

const viewer = demoUser('viewer@local.test');
const contractor = demoUser('contractor@local.test');

const signInProblem = (page: Page) => page.getByRole(s.signInProblem.region.role, { name: s.signInProblem.region.name });
const clusterItem = (page: Page, url: string) => connectionPane(page).getByRole(s.connections.cluster(url).role, { name: s.connections.cluster(url).name, exact: true });
const databaseItem = (page: Page, name: string) => connectionPane(page).getByRole(s.connections.database(name).role, { name, exact: true });

/** Every visit of the main frame to the provider's sign-in pages. */
function providerPages(page: Page): string[] {
  const visits: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url().startsWith(`${IDENTITY_URL}/`) && frame.url().includes('/interaction/')) visits.push(frame.url());
  });
  return visits;
}

async function addCluster(page: Page, url: string, tenant = ''): Promise<void> {
  await connectionPane(page).getByRole(s.connections.clusterInput.role, { name: s.connections.clusterInput.name }).fill(url);
  await connectionPane(page).getByRole(s.connections.tenantInput.role, { name: s.connections.tenantInput.name }).fill(tenant);
  await connectionPane(page).getByRole(s.connections.addCluster.role, { name: s.connections.addCluster.name }).click();
}

test('a guest queries the partner tenant’s cluster with the same account, no second sign-in', async ({ page }, testInfo) => {
  const expected = await clusterCount('Shipments', PARTNER_DATABASE, { clusterUrl: PARTNER_CLUSTER_URL, authority: tenantAuthority(PARTNER_TENANT) });
  await signIn(page, analyst);
  const visits = providerPages(page);

  await addCluster(page, PARTNER_CLUSTER_URL, PARTNER_TENANT.domain.toUpperCase());
  await expect(clusterItem(page, PARTNER_CLUSTER_URL)).toHaveAccessibleDescription(`${analyst.name} · tenant ${PARTNER_TENANT.domain}`);
  await databaseItem(page, PARTNER_DATABASE).click();
  await runQuery(page, 'Shipments | count');
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  await expect(resultGrid(page).getByRole('gridcell')).toHaveText([String(expected)]);
  expect(visits).toEqual([]);

  // The same account's token for the home cluster still comes from the home tenant.
  await expect(clusterItem(page, 'https://localhost:8443')).toHaveAccessibleDescription(`${analyst.name} · home tenant`);
  await captureScreens(page, testInfo, 'connection-with-tenant', async () => {
    await showConnections(page);
    await expect(clusterItem(page, PARTNER_CLUSTER_URL)).toBeVisible();
  });
});

test('a link to a cluster never added sends nothing until one click, shows its host, and joins the list only then', async ({ page }, testInfo) => {
  const expected = await clusterCount('Shipments', PARTNER_DATABASE, { clusterUrl: PARTNER_CLUSTER_URL, authority: tenantAuthority(PARTNER_TENANT) });
  await signIn(page, analyst);
  const sent = clusterRequests(page, PARTNER_CLUSTER_URL);
  await page.goto(appLink({ cluster: PARTNER_CLUSTER_URL.replace(/^https:\/\//, ''), database: PARTNER_DATABASE, query: 'Shipments | count' }));

  const question = page.getByRole(s.connections.tenantQuestion.form.role, { name: s.connections.tenantQuestion.form.name });
  await expect(question.getByRole('heading', { name: new URL(PARTNER_CLUSTER_URL).host, exact: true })).toBeVisible();
  await expectQueryText(page, 'Shipments | count');
  await showConnections(page);
  await expect(clusterItem(page, 'https://localhost:8443')).toBeVisible();
  await expect(clusterItem(page, PARTNER_CLUSTER_URL)).toHaveCount(0);
  await captureScreens(page, testInfo, 'link-to-unlisted-cluster', () => expect(question).toBeVisible());
  expect(sent).toEqual([]);

  await question.getByRole(s.connections.tenantQuestion.tenant.role, { name: s.connections.tenantQuestion.tenant.name }).fill(PARTNER_TENANT.domain);
  await question.getByRole(s.connections.tenantQuestion.useTenant.role, { name: s.connections.tenantQuestion.useTenant.name }).click();
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  await expect(resultGrid(page).getByRole('gridcell')).toHaveText([String(expected)]);
  await showConnections(page);
  await expect(clusterItem(page, PARTNER_CLUSTER_URL)).toHaveAccessibleDescription(`${analyst.name} · tenant ${PARTNER_TENANT.domain}`);
  // One POST: the first token already came from the tenant named in the same click (a token from
  // the default tenant was refused with 401 and the query sent again).
  expect(sent.filter((r) => r.startsWith('POST /v2/rest/query'))).toHaveLength(1);
});

test('switching accounts changes the user shown and the data reachable', async ({ page }, testInfo) => {
  await signIn(page, analyst);
  await addCluster(page, PARTNER_CLUSTER_URL, PARTNER_TENANT.domain);
  await databaseItem(page, PARTNER_DATABASE).click();
  await runQuery(page, 'Shipments | count');
  await expect(resultStatus(page)).toHaveText(recordsText(1));

  // A second account, signed in beside the first.
  await accountButton(page).click();
  await accountMenu(page).getByRole(s.account.addAccount.role, { name: s.account.addAccount.name }).click();
  await submitLoginForm(page, viewer);
  await expect(accountButton(page)).toHaveAccessibleName(`Account: ${viewer.name}`);
  // The viewer has its own connections: the partner cluster is not among them.
  await expect(clusterItem(page, PARTNER_CLUSTER_URL)).toHaveCount(0);

  // The viewer is no guest of the partner tenant: one trip to the provider, then the reason.
  await addCluster(page, PARTNER_CLUSTER_URL, PARTNER_TENANT.domain);
  await expect(signInProblem(page)).toBeVisible();
  await expect(signInProblem(page).getByRole('heading')).toHaveText(`Your account is not a member or guest of the tenant ${PARTNER_TENANT.domain}.`);
  await expect(signInProblem(page)).toContainText('AADSTS50020');
  await expect(signInProblem(page).getByRole(s.signInProblem.switchAccount.role, { name: s.signInProblem.switchAccount.name })).toBeVisible();
  await captureScreens(page, testInfo, 'sign-in-error-not-in-tenant', () => expect(signInProblem(page)).toBeVisible());

  await accountButton(page).click();
  const accounts = accountMenu(page).getByRole(s.account.accountItem.role);
  await expect(accounts).toHaveCount(2);
  await expect(accountMenu(page).getByRole(s.account.accountItem.role, { name: new RegExp(viewer.name) })).toHaveAttribute('aria-checked', 'true');
  await captureScreens(page, testInfo, 'account-menu', async () => {
    if ((await accountButton(page).getAttribute('aria-expanded')) !== 'true') await accountButton(page).click();
    await expect(accountMenu(page)).toBeVisible();
  });

  // Back to the first account: its name, its tabs and connections, and the partner data again.
  await accountMenu(page).getByRole(s.account.accountItem.role, { name: new RegExp(analyst.name) }).click();
  await expect(accountButton(page)).toHaveAccessibleName(`Account: ${analyst.name}`);
  await expect(clusterItem(page, PARTNER_CLUSTER_URL)).toBeVisible();
  await expectQueryText(page, 'Shipments | count');
  await runQuery(page, 'Shipments | where Delivered | count');
  await expect(resultStatus(page)).toHaveText(recordsText(1));
});

test('a claims challenge ends in a successful query after one redirect', async ({ page }) => {
  const expected = await clusterCount('StormEvents');
  await signIn(page, analyst);
  const visits = providerPages(page);
  const query = 'set local_fault="claims-challenge";\nStormEvents | count';

  await runQuery(page, query);
  // The provider asks to confirm the sign-in (the step-up the claims ask for)…
  await expect(page.getByText('Your organization requires you to confirm your sign-in')).toBeVisible();
  await submitLoginForm(page, analyst);
  // …and back in the app the query runs again by itself, with a token that carries the claims.
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  await expect(resultGrid(page).getByRole('gridcell')).toHaveText([String(expected)]);
  await expectQueryText(page, query);
  expect(visits).toHaveLength(1);
});

test('a cluster in another cloud says so, and offers to sign in there', async ({ page }, testInfo) => {
  await signIn(page, analyst);
  // A link carries no tenant: for a cluster not in the list the app asks before anything is sent.
  await page.goto(appLink({ cluster: OTHER_CLOUD_CLUSTER_URL.replace(/^https:\/\//, ''), database: 'Samples', query: 'print 1' }));
  const question = page.getByRole(s.connections.tenantQuestion.form.role, { name: s.connections.tenantQuestion.form.name });
  await expect(question).toBeVisible();
  await captureScreens(page, testInfo, 'tenant-question', () => expect(question).toBeVisible());
  await question.getByRole(s.connections.tenantQuestion.useDefault.role, { name: s.connections.tenantQuestion.useDefault.name }).click();

  await expect(signInProblem(page).getByRole('heading')).toHaveText(`${OTHER_CLOUD_CLUSTER_URL} is in Azure US Government; you are signed in to localhost:9443.`);
  await expect(signInProblem(page).getByRole('button', { name: s.signInProblem.signInToCloud('Azure US Government').name })).toBeVisible();
  await captureScreens(page, testInfo, 'sign-in-error-cloud-mismatch', () => expect(signInProblem(page)).toBeVisible());
});

test('a tenant that never consented to the app: the admin-consent link names the app and the cluster', async ({ page }, testInfo) => {
  await signIn(page, analyst);
  await addCluster(page, PARTNER_CLUSTER_URL, UNCONSENTED_TENANT.domain);
  await expect(signInProblem(page)).toBeVisible();
  await expect(signInProblem(page).getByRole('heading')).toHaveText(`KQL Workbench is not approved in the tenant ${UNCONSENTED_TENANT.domain}.`);
  await expect(signInProblem(page)).toContainText(SPA_CLIENT_ID);
  const link = new URL((await signInProblem(page).getByRole(s.signInProblem.adminConsent.role, { name: s.signInProblem.adminConsent.name }).getAttribute('href')) ?? '');
  expect(`${link.origin}${link.pathname}`).toBe(`${IDENTITY_URL}/${UNCONSENTED_TENANT.domain}/v2.0/adminconsent`);
  expect(link.searchParams.get('client_id')).toBe(SPA_CLIENT_ID);
  expect(link.searchParams.get('scope')).toBe(`${PARTNER_CLUSTER_URL}/.default`);
  await captureScreens(page, testInfo, 'sign-in-error-consent', () => expect(signInProblem(page)).toBeVisible());
});

test('a sign-in blocked by Conditional Access is explained on the sign-in screen', async ({ page }, testInfo) => {
  await page.goto('/');
  await signInButton(page).click();
  await submitLoginForm(page, contractor);
  const problem: Locator = signInProblem(page);
  await expect(problem.getByRole('heading')).toHaveText('A Conditional Access policy of your organization blocked the sign-in.');
  await expect(problem).toContainText('AADSTS53003');
  await expect(accountButton(page)).toHaveCount(0);
  await captureScreens(page, testInfo, 'sign-in-error-conditional-access', () => expect(problem).toBeVisible());
});

test('a login_hint in the URL fills in the provider’s sign-in form', async ({ page }) => {
  await page.goto('/?login_hint=fiona%40fabrikam.test');
  await signInButton(page).click();
  await expect(page.getByLabel('Email')).toHaveValue('fiona@fabrikam.test');
});
