import { expect, test, type Page } from '@playwright/test';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { resultGrid, resultStatus, runQuery, signIn } from './support/session';

/**
 * The layout at common window widths: no control overlaps another (bounding boxes, clipped by
 * their scrolling ancestors), the header's actions fold into "More actions" when they do not fit,
 * the connection pane folds to a toggle, and the editor/results splitter moves by mouse and keys
 * and is remembered. A screenshot per width is attached to the run.
 */

const WIDTHS = [800, 1024, 1400, 1920] as const;
const HEIGHT = 900;

interface Box { what: string; popup: boolean; x: number; y: number; width: number; height: number }

/** Every visible control's box, cut to what its scrolling ancestors show; nested controls are skipped by the caller. */
function controlBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const selector = 'button, input, select, textarea, summary, [role="tab"], [role="separator"], [role="treeitem"] > .tree-row, [role="menuitem"], .tab-close, .tree-remove';
    const boxes: Box[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (el.closest('.monaco-editor, .results-mirror, [hidden]') || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      let r = el.getBoundingClientRect();
      let left = r.left, top = r.top, right = r.right, bottom = r.bottom;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
          r = a.getBoundingClientRect();
          left = Math.max(left, r.left); top = Math.max(top, r.top); right = Math.min(right, r.right); bottom = Math.min(bottom, r.bottom);
        }
      }
      right = Math.min(right, window.innerWidth); bottom = Math.min(bottom, window.innerHeight);
      if (right - left < 1 || bottom - top < 1) continue;
      const name = el.getAttribute('aria-label') ?? el.getAttribute('title') ?? el.textContent?.trim().slice(0, 30) ?? '';
      boxes.push({ what: `${el.tagName.toLowerCase()} "${name}"`, popup: el.closest('[role="menu"]') !== null, x: left, y: top, width: right - left, height: bottom - top });
    }
    return boxes;
  }) as Promise<Box[]>;
}

function overlaps(a: Box, b: Box): boolean {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 1 && h > 1;
}

function contains(a: Box, b: Box): boolean {
  return a.x <= b.x + 0.5 && a.y <= b.y + 0.5 && a.x + a.width >= b.x + b.width - 0.5 && a.y + a.height >= b.y + b.height - 0.5;
}

async function expectNoOverlaps(page: Page): Promise<void> {
  const boxes = await controlBoxes(page);
  const clashes: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!, b = boxes[j]!;
      // A tree row holds its remove ×: nested by design, not overlapping. An open menu lies over
      // the page by design.
      if (a.popup || b.popup) continue;
      if (overlaps(a, b) && !contains(a, b) && !contains(b, a)) clashes.push(`${a.what} × ${b.what}`);
    }
  }
  expect(clashes).toEqual([]);
  expect(boxes.length).toBeGreaterThan(10);
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const splitter = (page: Page) => page.getByRole(s.header.splitter.role, { name: s.header.splitter.name });
const editorHeight = (page: Page) => page.locator('#editor-pane').evaluate((el) => Math.round(el.getBoundingClientRect().height));

test('at 800, 1024, 1400 and 1920 px no control overlaps another; header and pane fold when narrow', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 800, height: HEIGHT });
  await signIn(page);
  await runQuery(page, 'StormEvents | project StartTime, State, EventType, DamageProperty, EpisodeNarrative | take 40');
  await expect(resultStatus(page)).toHaveText(recordsText(40));

  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    const compact = width < 1100;
    await expect(button(page, s.header.more.name)).toHaveCount(compact ? 1 : 0);
    await expect(button(page, s.share.openLink.name)).toHaveCount(compact ? 0 : 1);
    if (width === 800) {
      // Narrow: the pane starts folded behind its toggle, and opens from it.
      await expect(button(page, s.header.connections.name)).toHaveAttribute('aria-expanded', 'false');
      await expect(page.getByRole(s.connections.pane.role, { name: s.connections.pane.name })).toBeHidden();
      await expectNoOverlaps(page);
      await page.screenshot({ path: testInfo.outputPath('layout-800-pane-closed.png') });
      await button(page, s.header.connections.name).click();
    }
    await expect(page.getByRole(s.connections.pane.role, { name: s.connections.pane.name })).toBeVisible();
    await expect(resultGrid(page).getByRole('gridcell').first()).toBeAttached();
    await expectNoOverlaps(page);
    // The editor and the results keep usable sizes.
    expect(await editorHeight(page)).toBeGreaterThanOrEqual(96);
    const grid = await page.getByTestId('result-grid').boundingBox();
    expect(grid?.height ?? 0).toBeGreaterThanOrEqual(150);
    expect(grid?.width ?? 0).toBeGreaterThanOrEqual(width === 800 ? 400 : 600);
    const shot = testInfo.outputPath(`layout-${width}.png`);
    await page.screenshot({ path: shot });
    await testInfo.attach(`layout-${width}`, { path: shot, contentType: 'image/png' });
  }

  // Narrow again: the other actions are one menu away.
  await page.setViewportSize({ width: 800, height: HEIGHT });
  await button(page, s.header.more.name).click();
  await expect(page.getByRole('menu', { name: s.header.more.name }).getByRole('menuitem', { name: s.shortcuts.help.name })).toBeVisible();
  await expectNoOverlaps(page);
  await page.screenshot({ path: testInfo.outputPath('layout-800-more-menu.png') });
  await page.getByRole('menuitem', { name: s.shortcuts.help.name }).click();
  await expect(page.getByRole('dialog', { name: s.shortcuts.dialog.name })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect.poll(() => button(page, s.header.more.name).evaluate((el) => el === document.activeElement)).toBe(true);
});

test('the splitter moves with the mouse and the keyboard, and the size is remembered', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: HEIGHT });
  await signIn(page);
  const start = await editorHeight(page);
  await expect(splitter(page)).toHaveAttribute('aria-valuenow', String(start));

  await splitter(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => editorHeight(page)).toBe(start + 32);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => editorHeight(page)).toBe(start + 16);

  const grip = await splitter(page).boundingBox();
  expect(grip).not.toBeNull();
  await page.mouse.move(grip!.x + grip!.width / 2, grip!.y + grip!.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip!.x + grip!.width / 2, grip!.y + grip!.height / 2 + 100, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => editorHeight(page)).toBe(start + 116);
  await expect(splitter(page)).toHaveAttribute('aria-valuenow', String(start + 116));

  await page.reload();
  await expect(splitter(page)).toBeVisible();
  await expect.poll(() => editorHeight(page)).toBe(start + 116);
});
