import type { Page, TestInfo } from '@playwright/test';
import { selectors as s } from '../../src/testing/selectors';

type Theme = 'light' | 'dark';

async function shownTheme(page: Page): Promise<Theme> {
  return page.evaluate(() => (document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'light'));
}

/**
 * Switches to `theme` the way a user does — the header's toggle, so the editor, the grid and the
 * toggle's own label follow — or, on a screen without a reachable toggle (sign-in, an open dialog),
 * on <html> as the app's start-up does.
 */
async function showTheme(page: Page, theme: Theme): Promise<void> {
  if ((await shownTheme(page)) === theme) return;
  const toggle = page.getByRole(s.theme.toDark.role, { name: theme === 'dark' ? s.theme.toDark.name : s.theme.toLight.name, exact: true });
  // Behind an open dialog the toggle is not reachable (a trial click tells): then as on sign-in.
  const reachable = await toggle.click({ trial: true, timeout: 1000 }).then(() => true, () => false);
  if (reachable) {
    await toggle.click();
    await page.waitForFunction((t) => document.documentElement.dataset['theme'] === t, theme);
    return;
  }
  await page.evaluate((t) => {
    document.documentElement.dataset['theme'] = t;
    document.documentElement.style.colorScheme = t;
  }, theme);
}

/**
 * The screen on show at 800 and 1400 px, light and dark, into the test's output folder as
 * `<name>-<width>-<theme>.png`; `ready` waits for the screen to settle again after each resize.
 * The window ends at 1400 px, where the header shows every action, in the theme it started in and
 * with `ready` met.
 */
export async function captureScreens(page: Page, testInfo: TestInfo, name: string, ready: () => Promise<unknown> = async () => undefined): Promise<void> {
  const started = await shownTheme(page);
  for (const theme of ['light', 'dark'] as const) {
    // The toggle is in the header at 1400 px (at 800 px it is behind the overflow menu).
    await page.setViewportSize({ width: 1400, height: 820 });
    await showTheme(page, theme);
    for (const width of [800, 1400]) {
      await page.setViewportSize({ width, height: 820 });
      await ready();
      await page.screenshot({ path: testInfo.outputPath(`${name}-${width}-${theme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1400, height: 820 });
  await showTheme(page, started);
  // A click on the toggle closes what a click outside closes (a menu): `ready` brings it back.
  await ready();
}
