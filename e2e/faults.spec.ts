/**
 * The fault catalogue: what the analyst sees when the network or the cluster misbehaves. Every
 * fault is real behaviour of the local cluster (its test-mode switches, dev/cluster/server/README.md,
 * set in the query text with `set local_fault="…"`) or of the browser (offline, reload); nothing
 * is intercepted. Each journey ends with a message that names the problem, the editor text as it
 * was, Run usable again, and the next normal query succeeding. (A connection cut mid-stream is
 * covered by the streaming journey.)
 */
import { expect, test, type Page } from '@playwright/test';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { clusterCount } from './support/cluster-api';
import { clusterRequests } from './support/observe';
import { captureScreens } from './support/screens';
import {
  cancelButton, dataRows, expectQueryText, resultGrid, resultStatus, runButton, runQuery, signIn, waitForEditor,
} from './support/session';

/** The query POSTs the page sent whose text is `query`. */
function queryPosts(sent: string[], query: string): string[] {
  return sent.filter((r) => r.startsWith('POST /v2/rest/query ') && r.includes(JSON.stringify(query)));
}

/** The results panel's alert (the connection tree may show its own, e.g. offline). */
const resultError = (page: Page) => page.getByRole('region', { name: s.results.panel.name }).getByRole(s.error.role);

/** After a fault: Run is usable again and a normal query answers. */
async function nextQuerySucceeds(page: Page): Promise<void> {
  await expect(runButton(page)).toBeEnabled();
  await expect(cancelButton(page)).toBeDisabled();
  const expected = await clusterCount('StormEvents | where State == "IOWA"');
  await runQuery(page, 'StormEvents | where State == "IOWA" | count');
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  await expect(resultGrid(page).getByRole('gridcell')).toHaveText([String(expected)]);
  await expect(resultError(page)).toHaveCount(0);
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
  await expect(resultError(page)).toContainText('Timed out.');
  await expect(resultError(page)).toContainText('The query did not finish within 270 s.');
  await expectQueryText(page, query);
  // A timeout is not retried: the cluster may still be working on it.
  expect(queryPosts(sent, query)).toHaveLength(1);
  await nextQuerySucceeds(page);
});

/** Faults the client retries: once they clear the query answers; when they persist, they are explained. */
const retriedFaults = [
  {
    title: 'a 429 with Retry-After is retried and answers; one that persists is explained with the wait it asked for',
    fault: 'throttle',
    once: 'throttle,times=1',
    explained: ['The cluster is busy.', '(3 tries)', 'Retry after 1 s.'],
  },
  {
    title: 'a 5xx is retried and answers; one that persists is explained with its status',
    fault: 'server-error',
    once: 'server-error=503,times=1',
    explained: ['The cluster failed (HTTP 520).', '(3 tries)'],
  },
];

for (const { title, fault, once, explained } of retriedFaults) {
  test(title, async ({ page }) => {
    await signIn(page);
    const sent = clusterRequests(page);
    const expected = await clusterCount('StormEvents');

    const passing = `set local_fault="${once}";\nStormEvents | count`;
    await runQuery(page, passing);
    await expect(resultGrid(page).getByRole('gridcell')).toHaveText([String(expected)]);
    await expect(resultError(page)).toHaveCount(0);
    expect(queryPosts(sent, passing)).toHaveLength(2);

    const persisting = `set local_fault="${fault}";\nprint n = 1`;
    await runQuery(page, persisting);
    for (const text of explained) await expect(resultError(page)).toContainText(text);
    expect(queryPosts(sent, persisting)).toHaveLength(3);
    await expectQueryText(page, persisting);
    await nextQuerySucceeds(page);
  });
}

test('malformed frames are a clear decode error; the results already on screen stay, marked as an earlier run’s', async ({ page }, testInfo) => {
  await signIn(page);
  await runQuery(page, 'StormEvents | where State == "TEXAS" | take 3');
  await expect(resultStatus(page)).toHaveText(recordsText(3));

  const query = 'set local_fault="malformed";\nStormEvents | where State == "OHIO" | take 5';
  await runQuery(page, query);
  await expect(resultError(page)).toContainText('Unreadable response.');
  const earlier = page.getByRole(s.results.earlierRun.role, { name: s.results.earlierRun.name });
  await expect(earlier).toHaveText('The results below are from an earlier run; this one did not replace them.');
  await expect(resultStatus(page)).toHaveText(recordsText(3));
  await expect(dataRows(page)).toHaveCount(3);
  await expectQueryText(page, query);
  await captureScreens(page, testInfo, 'malformed-answer-earlier-results', () => expect(earlier).toBeVisible());
  await nextQuerySucceeds(page);
  await expect(earlier).toHaveCount(0);
});

test('with the browser offline, Run says so at once without retrying; back online the query runs', async ({ page }) => {
  await signIn(page);
  const sent = clusterRequests(page);
  const query = 'StormEvents | where State == "KANSAS" | count';
  await page.context().setOffline(true);
  await runQuery(page, query);
  await expect(resultError(page)).toContainText('Network error.');
  await expect(resultError(page)).toContainText('This browser is offline: the query was not sent to https://localhost:8443. Run it again when the connection is back.');
  await expectQueryText(page, query);
  // One try (the browser refused it), not three: offline is not retried.
  expect(queryPosts(sent, query)).toHaveLength(1);

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

  const schemaPosts = () => sent.filter((r) => r.startsWith('POST /v1/rest/mgmt ') && r.includes('schema as json')).length;
  const schemaBefore = schemaPosts();
  await page.reload();
  await waitForEditor(page);
  await expectQueryText(page, query);
  await expect(runButton(page)).toBeEnabled();
  await expect(resultStatus(page)).toHaveText('');
  // The reloaded page asks the cluster for its schema; by then a rerun would have gone out too.
  await expect.poll(schemaPosts).toBeGreaterThan(schemaBefore);
  expect(queryPosts(sent, query)).toHaveLength(1);
  await nextQuerySucceeds(page);
});
