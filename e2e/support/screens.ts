import type { Page, TestInfo } from '@playwright/test';

/**
 * The screen on show at 800 and 1400 px, light and dark, into the test's output folder as
 * `<name>-<width>-<theme>.png`; `ready` waits for the screen to settle again after each resize.
 * The window ends at 1400 px, where the header shows every action.
 */
export async function captureScreens(page: Page, testInfo: TestInfo, name: string, ready: () => Promise<unknown> = async () => undefined): Promise<void> {
  for (const width of [800, 1400]) {
    for (const theme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: 820 });
      await page.evaluate((t) => {
        document.documentElement.dataset['theme'] = t;
        document.documentElement.style.colorScheme = t;
      }, theme);
      await ready();
      await page.screenshot({ path: testInfo.outputPath(`${name}-${width}-${theme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1400, height: 820 });
}
