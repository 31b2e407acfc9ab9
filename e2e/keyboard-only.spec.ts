import { expect, test, type Page } from '@playwright/test';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { expectVisibleFocus, hasFocus, tabUntil } from './support/focus';
import {
  analyst, expectQueryText, queryEditor, resultGrid, resultStatus, signInButton, accountButton, waitForEditor,
} from './support/session';

/**
 * The whole workbench with the keyboard alone after the page loads, checking at every stop that
 * focus is visible: sign in, write and run a query, read the grid cell by cell, sort, use the
 * header's menu and dialogs, insert a name from the connection tree, reach the account menu.
 */

test.use({ viewport: { width: 1400, height: 900 } });

const QUERY = 'range n from 1 to 5 step 1 | extend sq = n * n';

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Text of the grid cell the accessible grid points at (aria-activedescendant). */
async function activeCell(page: Page): Promise<{ role: string | null; text: string | null } | null> {
  const id = await resultGrid(page).getAttribute('aria-activedescendant');
  if (id === null) return null;
  const cell = page.locator(`[id="${id}"]`);
  if ((await cell.count()) !== 1) return null;
  return { role: await cell.getAttribute('role'), text: await cell.textContent() };
}

test('keyboard only: sign in, run, read and sort the grid, menus and dialogs, the tree, sign out', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await expect(signInButton(page)).toBeVisible();

  // Sign in.
  await tabUntil(page, () => hasFocus(signInButton(page)));
  await page.keyboard.press('Enter');
  // The local provider's form (the stand-in for Entra ID's page; not ours to style).
  const email = page.getByLabel('Email');
  await expect(email).toBeVisible();
  for (let i = 0; i < 10 && !(await hasFocus(email)); i++) await page.keyboard.press('Tab');
  await expect.poll(() => hasFocus(email)).toBe(true);
  await page.keyboard.type(analyst.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(analyst.password);
  await page.keyboard.press('Enter');
  await expect(accountButton(page)).toBeVisible();
  await waitForEditor(page);

  // Reach the editor, write a query, run it.
  await tabUntil(page, () => hasFocus(queryEditor(page)));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(QUERY);
  await page.keyboard.press('Escape');
  await expectQueryText(page, QUERY);
  await page.keyboard.press('Shift+Enter');
  await expect(resultStatus(page)).toHaveText(recordsText(5));

  // Leave the editor: Ctrl+M makes Tab move focus.
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  await expect.poll(() => hasFocus(queryEditor(page))).toBe(false);
  await expectVisibleFocus(page);

  // Reach the grid and move between cells; each cell's text is in the accessibility tree.
  await tabUntil(page, () => hasFocus(resultGrid(page)));
  await expect.poll(() => activeCell(page)).toEqual({ role: 'gridcell', text: '1' });
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => activeCell(page)).toEqual({ role: 'gridcell', text: '1' });
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => activeCell(page)).toEqual({ role: 'gridcell', text: '4' });
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => activeCell(page)).toEqual({ role: 'gridcell', text: '9' });
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => activeCell(page)).toEqual({ role: 'gridcell', text: '3' });
  await expect(page.locator(`[id="${await resultGrid(page).getAttribute('aria-activedescendant')}"]`)).toHaveAttribute('aria-selected', 'true');
  await expectVisibleFocus(page);

  // Sort by sq, descending: up to its header, Enter twice.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => activeCell(page)).toEqual({ role: 'columnheader', text: 'sq' });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const sqHeader = resultGrid(page).getByRole('columnheader', { name: 'sq', exact: true });
  await expect(sqHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByRole(s.results.actionStatus.role, { name: s.results.actionStatus.name })).toHaveText('Sorted by sq, descending.');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => activeCell(page)).toEqual({ role: 'gridcell', text: '25' });

  // Tab leaves the grid (it is the page's last stop, so backwards: Shift+Tab).
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => hasFocus(resultGrid(page))).toBe(false);
  await expectVisibleFocus(page);

  // Share: a menu button; Esc closes the menu and focus is back on the button.
  const share = button(page, s.share.menu.name);
  await tabUntil(page, () => hasFocus(share), { back: true, limit: 60 });
  await page.keyboard.press('Enter');
  await expect.poll(() => hasFocus(page.getByRole(s.share.copyLink.role, { name: s.share.copyLink.name }))).toBe(true);
  await expectVisibleFocus(page);
  await page.keyboard.press('ArrowDown');
  await expectVisibleFocus(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect.poll(() => hasFocus(share)).toBe(true);

  // Open link: a modal dialog that keeps Tab inside and gives focus back.
  const openLink = button(page, s.share.openLink.name);
  await tabUntil(page, () => hasFocus(openLink));
  await page.keyboard.press('Enter');
  const linkDialog = page.getByRole('dialog', { name: s.share.dialog.name });
  await expect.poll(() => hasFocus(linkDialog.getByRole(s.share.linkInput.role, { name: s.share.linkInput.name }))).toBe(true);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    await expectVisibleFocus(page);
    expect(await linkDialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(linkDialog).toHaveCount(0);
  await expect.poll(() => hasFocus(openLink)).toBe(true);

  // History: a disclosure; Esc inside the pane closes it and focus returns to the button.
  const history = button(page, s.history.toggle.name);
  await tabUntil(page, () => hasFocus(history));
  await page.keyboard.press('Enter');
  await expect(history).toHaveAttribute('aria-expanded', 'true');
  const historySearch = page.getByRole(s.history.search.role, { name: s.history.search.name });
  await tabUntil(page, () => hasFocus(historySearch), { limit: 60 });
  await page.keyboard.press('Escape');
  await expect(historySearch).toHaveCount(0);
  await expect(history).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(() => hasFocus(history)).toBe(true);

  // Keyboard shortcuts: a modal dialog that lists Ctrl+M; Esc gives focus back.
  const shortcuts = button(page, s.shortcuts.help.name);
  await tabUntil(page, () => hasFocus(shortcuts));
  await page.keyboard.press('Enter');
  const shortcutsDialog = page.getByRole('dialog', { name: s.shortcuts.dialog.name });
  await expect(shortcutsDialog).toContainText('Ctrl+M');
  await expectVisibleFocus(page);
  await page.keyboard.press('Tab');
  expect(await shortcutsDialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(shortcutsDialog).toHaveCount(0);
  await expect.poll(() => hasFocus(shortcuts)).toBe(true);

  // The connection tree: down to the StormEvents table, Enter inserts its name at the editor's cursor.
  const tree = page.getByRole(s.connections.clusters.role, { name: s.connections.clusters.name });
  await tabUntil(page, () => tree.evaluate((t) => t.contains(document.activeElement)));
  const stormEvents = tree.getByRole(s.connections.table('StormEvents').role, { name: 'StormEvents', exact: true });
  for (let i = 0; i < 20 && !(await hasFocus(stormEvents)); i++) {
    await page.keyboard.press('ArrowDown');
    await expectVisibleFocus(page);
  }
  await expect.poll(() => hasFocus(stormEvents)).toBe(true);
  await page.keyboard.press('Enter');
  await expectQueryText(page, `${QUERY}StormEvents`);
  await expect.poll(() => hasFocus(queryEditor(page))).toBe(true);
  await expectVisibleFocus(page);

  // The account menu (and Sign out in it) is reachable (Tab still moves focus out of the editor).
  await tabUntil(page, () => hasFocus(accountButton(page)), { back: true, limit: 60 });
});
