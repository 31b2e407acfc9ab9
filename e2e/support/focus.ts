import { expect, type Locator, type Page } from '@playwright/test';

export interface FocusStop {
  /** Role (or tag) and accessible name of the focused element, for messages and checks. */
  what: string;
  /** Where the indicator is drawn, and how. */
  indicator: string | null;
}

/**
 * The focused element and its visible focus indicator: an outline of at least 2 px on the element
 * itself (a tree item draws it on its own row). An element that is not drawn — monaco's 1-px text
 * area, the results grid's transparent accessible grid — shows focus on the nearest box around it
 * that draws one (the editor's or the grid's box). WCAG 2.4.7.
 */
export async function focusStop(page: Page): Promise<FocusStop> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || active === document.body) return { what: 'nothing', indicator: null };
    const name = active.getAttribute('aria-label') ?? active.textContent?.trim().slice(0, 40) ?? '';
    const what = `${active.getAttribute('role') ?? active.tagName.toLowerCase()} "${name}"`;
    const box = active.getBoundingClientRect();
    const drawn = box.width >= 8 && box.height >= 8 && getComputedStyle(active).opacity !== '0';
    const candidates: Element[] = [active];
    if (active.getAttribute('role') === 'treeitem' && active.firstElementChild) candidates.push(active.firstElementChild);
    if (!drawn) {
      for (let el = active.parentElement, i = 0; el && i < 6; el = el.parentElement, i++) candidates.push(el);
    }
    for (const el of candidates) {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && rect.width >= 8 && rect.height >= 8) {
        return { what, indicator: `${el.tagName.toLowerCase()}.${el.className} outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}` };
      }
    }
    return { what, indicator: null };
  });
}

/** Asserts that something is focused and shows a focus indicator; returns what it is. */
export async function expectVisibleFocus(page: Page): Promise<FocusStop> {
  const stop = await focusStop(page);
  expect(stop.indicator, `no visible focus indicator on ${stop.what}`).not.toBeNull();
  return stop;
}

/**
 * Presses Tab (or Shift+Tab) until `reached` says focus is where it should be, checking the focus
 * indicator at every stop on the way. Fails after `limit` presses.
 */
export async function tabUntil(page: Page, reached: () => Promise<boolean>, { back = false, limit = 40 } = {}): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    await expectVisibleFocus(page);
    if (await reached()) return;
  }
  throw new Error(`focus did not arrive within ${limit} ${back ? 'Shift+Tab' : 'Tab'} presses; last: ${(await focusStop(page)).what}`);
}

/** Whether `locator` holds the focus now. */
export const hasFocus = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
