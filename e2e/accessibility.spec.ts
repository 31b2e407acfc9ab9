import { expect, test, type Page } from '@playwright/test';
import { recordsText, selectors as s } from '../src/testing/selectors';
import { seriousAxeViolations, type AxeFinding } from './support/axe';
import { errorAlert, resultGrid, resultStatus, runQuery, signIn, signInButton } from './support/session';

/**
 * axe-core (WCAG 2.1 A and AA) on every screen of the workbench, light and dark: no serious or
 * critical violation. Everything runs in one sign-in per test to keep the suite's time in check.
 */

test.use({ viewport: { width: 1400, height: 900 } });

type Themes = 'light' | 'dark';
const THEMES: readonly Themes[] = ['light', 'dark'];

async function useAppTheme(page: Page, theme: Themes): Promise<void> {
  const toggle = theme === 'dark' ? s.theme.toDark : s.theme.toLight;
  const button = page.getByRole(toggle.role, { name: toggle.name });
  if (await button.isVisible()) await button.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

for (const theme of THEMES) {
  test(`the signed-out screen has no serious axe violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/');
    await expect(signInButton(page)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
}

test('every signed-in screen has no serious axe violations, in light and in dark', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const found: Record<string, AxeFinding[]> = {};
  const check = async (screen: string) => {
    const findings = await seriousAxeViolations(page);
    if (findings.length > 0) found[screen] = findings;
  };
  const dialogOf = (name: string) => page.getByRole('dialog', { name });

  for (const theme of THEMES) {
    await useAppTheme(page, theme);

    await runQuery(page, 'StormEvents | project StartTime, State, EventType, DamageProperty | take 20');
    await expect(resultStatus(page)).toHaveText(recordsText(20));
    await expect(resultGrid(page).getByRole(s.results.cell.role).first()).toBeVisible();
    await check(`${theme}: workspace with results`);

    await page.getByRole(s.share.menu.role, { name: s.share.menu.name, exact: true }).click();
    await expect(page.getByRole(s.share.copyLink.role, { name: s.share.copyLink.name })).toBeVisible();
    await check(`${theme}: Share open`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole(s.share.copyLink.role, { name: s.share.copyLink.name })).toHaveCount(0);

    await page.getByRole(s.share.openLink.role, { name: s.share.openLink.name }).click();
    await expect(dialogOf(s.share.dialog.name)).toBeVisible();
    await check(`${theme}: Open link`);
    await page.keyboard.press('Escape');
    await expect(dialogOf(s.share.dialog.name)).toHaveCount(0);

    await page.getByRole(s.history.toggle.role, { name: s.history.toggle.name, exact: true }).click();
    await expect(page.getByRole(s.history.list.role, { name: s.history.list.name })).toBeVisible();
    await check(`${theme}: History`);
    await page.getByRole(s.history.toggle.role, { name: s.history.toggle.name, exact: true }).click();

    await page.getByRole(s.shortcuts.help.role, { name: s.shortcuts.help.name }).click();
    await expect(dialogOf(s.shortcuts.dialog.name)).toBeVisible();
    await check(`${theme}: Keyboard shortcuts`);
    await page.keyboard.press('Escape');
    await expect(dialogOf(s.shortcuts.dialog.name)).toHaveCount(0);

    await runQuery(page, 'StormEvents | where NoSuchColumn == 1');
    await expect(errorAlert(page)).toContainText('NoSuchColumn');
    await check(`${theme}: error`);

    await runQuery(page, 'declare query_parameters(state:string = "TEXAS", n:long = 5); StormEvents | where State == state | take n');
    await expect(page.getByRole(s.parameters.form.role, { name: s.parameters.form.name })).toBeVisible();
    await expect(resultStatus(page)).toHaveText(recordsText(5));
    await check(`${theme}: parameters form`);

    await runQuery(page, 'StormEvents | summarize count() by bin(StartTime, 7d) | render timechart');
    await expect(page.getByRole(s.charts.chart.role, { name: s.charts.chart.name }).locator('canvas').first()).toBeVisible();
    await check(`${theme}: chart`);
  }
  expect(found).toEqual({});
});
