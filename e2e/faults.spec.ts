/**
 * The fault catalogue: what the analyst sees when the network or the cluster misbehaves. Every
 * fault is real behaviour of the local cluster (its test-mode switches, dev/cluster/server/README.md,
 * set in the query text with `set local_fault="…"`) or of the browser (offline, reload); nothing
 * is intercepted. Each journey ends with a message that names the problem, the editor text as it
 * was, Run usable again, and the next normal query succeeding. (A connection cut mid-stream is
 * covered by the streaming journey.)
 */
import { expect, test, type Page } from '@playwright/test';
import { recordsText } from '../src/testing/selectors';
import { clusterCount } from './support/cluster-api';
import { clusterRequests } from './support/observe';
import {
  cancelButton, errorAlert, expectQueryText, resultGrid, resultStatus, runButton, runQuery, signIn, waitForEditor,
} from './support/session';

/** The query POSTs the page sent whose text is `query`. */
function queryPosts(sent: string[], query: string): string[] {
  return sent.filter((r) => r.startsWith('POST /v2/rest/query ') && r.includes(JSON.stringify(query)));
}

/** After a fault: Run is usable again and a normal query answers. */
async function nextQuerySucceeds(page: Page): Promise<void> {
  await expect(runButton(page)).toBeEnabled();
  await expect(cancelButton(page)).toBeDisabled();
  const expected = await clusterCount('StormEvents | where State == "IOWA"');
  await runQuery(page, 'StormEvents | where State == "IOWA" | count');
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  await expect(resultGrid(page).getByRole('gridcell')).toHaveText([String(expected)]);
  await expect(errorAlert(page)).toHaveCount(0);
}

test('a cluster that does not answer within the client’s deadline ends in “timed out”, the query text kept', async ({ page }) => {
  // The browser's clock is moved past the client's 270 s deadline instead of waiting for it.
  await page.clock.install();
  await signIn(page);
  const sent = clusterRequests(page);
  const query = 'set local_fault="latency=600000";\nprint n = 1';
  await runQuery(page, query);
  await expect.poll(() => queryPosts(sent, query).length).toBe(1);
  await expect(cancelButton(page)).toBeEnabled();

  await page.clock.fastForward('04:31');
  await expect(errorAlert(page)).toContainText('Timed out.');
  await expect(errorAlert(page)).toContainText('The query did not finish within 270 s.');
  await expectQueryText(page, query);
  // A timeout is not retried: the cluster may still be working on it.
  expect(queryPosts(sent, query)).toHaveLength(1);
  await nextQuerySucceeds(page);
});

test('a 429 with Retry-After is retried and answers; one that persists is explained with the wait it asked for', async ({ page }) => {
  await signIn(page);
  const sent = clusterRequests(page);
  const expected = await clusterCount('StormEvents');

  const passing = 'set local_fault="throttle,times=1";\nStormEvents | count';
  await runQuery(page, passing);
  await expect(resultGrid(page).getByRole('gridcell')).toHaveText([String(expected)]);
  await expect(errorAlert(page)).toHaveCount(0);
  expect(queryPosts(sent, passing)).toHaveLength(2);

  const persisting = 'set local_fault="throttle";\nprint n = 1';
  await runQuery(page, persisting);
  await expect(errorAlert(page)).toContainText('The cluster is busy.');
  await expect(errorAlert(page)).toContainText('(3 tries)');
  await expect(errorAlert(page)).toContainText('Retry after 1 s.');
  expect(queryPosts(sent, persisting)).toHaveLength(3);
  await expectQueryText(page, persisting);
  await nextQuerySucceeds(page);
});

test('a 5xx is retried and answers; one that persists is explained with its status', async ({ page }) => {
  await signIn(page);
  const sent = clusterRequests(page);
  const expected = await clusterCount('StormEvents');

  const passing = 'set local_fault="server-error=503,times=1";\nStormEvents | count';
  await runQuery(page, passing);
  await expect(resultGrid(page).getByRole('gridcell')).toHaveText([String(expected)]);
  await expect(errorAlert(page)).toHaveCount(0);
  expect(queryPosts(sent, passing)).toHaveLength(2);

  const persisting = 'set local_fault="server-error";\nprint n = 1';
  await runQuery(page, persisting);
  await expect(errorAlert(page)).toContainText('The cluster failed (HTTP 520).');
  await expect(errorAlert(page)).toContainText('(3 tries)');
  expect(queryPosts(sent, persisting)).toHaveLength(3);
  await expectQueryText(page, persisting);
  await nextQuerySucceeds(page);
});

test('the browser going offline mid-query says so; back online the query runs', async ({ page }) => {
  await signIn(page);
  const sent = clusterRequests(page);
  const query = 'set local_fault="latency=5000";\nprint n = 1';
  await runQuery(page, query);
  await expect.poll(() => queryPosts(sent, query).length).toBe(1);

  await page.context().setOffline(true);
  await expect(errorAlert(page)).toContainText('Network error.');
  await expect(errorAlert(page)).toContainText('This browser is offline: the query was not sent to https://localhost:8443.');
  await expectQueryText(page, query);

  await page.context().setOffline(false);
  await nextQuerySucceeds(page);
});

test('a reload while a query runs keeps the query text and runs nothing by itself', async ({ page }) => {
  await signIn(page);
  const sent = clusterRequests(page);
  const query = 'set local_fault="latency=8000";\nprint n = 1';
  await runQuery(page, query);
  await expect.poll(() => queryPosts(sent, query).length).toBe(1);
  await expect(cancelButton(page)).toBeEnabled();

  await page.reload();
  await waitForEditor(page);
  await expectQueryText(page, query);
  await expect(runButton(page)).toBeEnabled();
  await expect(resultStatus(page)).toHaveText('');
  // The reloaded page asks the cluster for its schema; by then a rerun would have gone out too.
  await expect.poll(() => sent.filter((r) => r.startsWith('POST /v1/rest/mgmt ') && r.includes('schema as json')).length).toBeGreaterThanOrEqual(2);
  expect(queryPosts(sent, query)).toHaveLength(1);
  await nextQuerySucceeds(page);
});
